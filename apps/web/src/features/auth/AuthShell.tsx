import { HeartFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useT } from '../../i18n/lang.tsx';

/** The frame of the pages before sign-in: brand, language switch, centred content. */
export function AuthShell({ children, maxWidth = 400 }: { children: ReactNode; maxWidth?: number }) {
  const t = useT();
  return (
    <div style={{ minHeight: '100%', background: 'linear-gradient(160deg, #fff7ed 0%, #f5f5f5 55%)' }}>
      <Flex justify="end" style={{ padding: '8px 12px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" style={{ padding: '8px 16px 40px' }}>
        <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
          <HeartFilled style={{ fontSize: 40, color: '#c2410c' }} />
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </Flex>
        <div style={{ width: '100%', maxWidth }}>{children}</div>
      </Flex>
    </div>
  );
}
