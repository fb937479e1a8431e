import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { canSee, type NavKey } from '../auth/permissions.ts';
import { useMe } from '../auth/session.ts';
import { useT } from '../i18n/lang.tsx';

/**
 * A page of the menu opened by someone whose roles do not use it (a bookmark, a link passed on in a
 * chat group): told so, with the way back, instead of the page's empty frame under a server's refusal.
 * Only for pages whose data the server refuses to those roles; the server still decides every request.
 */
export default function Permitted({ nav, children }: { nav: NavKey; children: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  if (!me.data || canSee(me.data, nav)) return children;
  return (
    <Result
      status="403"
      title={t('errors.notYours')}
      subTitle={t('errors.notYoursHint')}
      data-testid="page-not-permitted"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('errors.backHome')}
        </Button>
      }
    />
  );
}
