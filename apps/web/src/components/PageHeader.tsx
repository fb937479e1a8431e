import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Page title with the page's main actions on the right (wrapping under it on phones). */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {children && <div style={{ marginTop: 12 }}>{children}</div>}
    </div>
  );
}
