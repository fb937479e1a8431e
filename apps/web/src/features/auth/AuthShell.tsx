import { HeartFilled } from '@ant-design/icons';
import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useT } from '../../i18n/lang.tsx';

/** The frame of the pages before sign-in: brand, language switch, centred content (plain markup: the login page must stay light). */
export function AuthShell({ children, maxWidth = 400 }: { children: ReactNode; maxWidth?: number }) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <div style={{ minHeight: '100%', background: 'linear-gradient(160deg, #fff7ed 0%, #f5f5f5 55%)' }}>
      <Flex justify="end" style={{ padding: '8px 12px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" style={{ padding: '8px 16px 40px' }}>
        <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
          <HeartFilled style={{ fontSize: 40, color: token.colorPrimary }} />
          <div>
            <h1 style={{ margin: 0, fontSize: 30, fontWeight: 600, color: token.colorTextHeading }}>{t('app.name')}</h1>
            <div style={{ color: token.colorTextSecondary }}>{t('app.tagline')}</div>
          </div>
        </Flex>
        <div style={{ width: '100%', maxWidth }}>{children}</div>
      </Flex>
    </div>
  );
}

/** A white panel with a title, like antd's Card but without its tabs and skeleton machinery. */
export function Panel({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <section style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG, boxShadow: token.boxShadowTertiary, padding: 24 }}>
      <h2 style={{ margin: '0 0 16px', fontSize: 18, fontWeight: 600, color: token.colorTextHeading }}>{title}</h2>
      {children}
    </section>
  );
}
