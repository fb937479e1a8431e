import { HeartFilled, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { useMe } from '../auth/session.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { LeaveBlocker } from '../components/useLeaveGuard.ts';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.tsx';
import { useLang, useT } from '../i18n/lang.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { NavMenu } from './nav.tsx';
import { siderScrollFor } from './sider-scroll.ts';
import { UserMenu } from './UserMenu.tsx';

const HEADER_HEIGHT = 56;
/**
 * Toasts: at most two at a time, and below the sticky header, so that they cover neither its bell,
 * language switch and user menu nor, stacked, a phone page's title and buttons. A constant, since
 * antd's App makes a new message holder whenever this object changes.
 */
const MESSAGE_CONFIG = { maxCount: 2, top: HEADER_HEIGHT + 8 };
/** English menu labels are longer ("Activities and meetings" needs ~165 px at 14 px); Chinese ones fit 216. */
const siderWidth = (lang: string) => (lang === 'zh-CN' ? 216 : 248);

function Brand({ collapsed }: { collapsed?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" gap={8} style={{ height: HEADER_HEIGHT, paddingInline: collapsed ? 0 : 20, justifyContent: collapsed ? 'center' : 'flex-start' }}>
      <HeartFilled style={{ color: '#c2410c', fontSize: 22 }} />
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The signed-in frame: side menu (a drawer on phones), header with user, roles, language; the page in the middle. */
export default function MainLayout() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // A new page opens at its top (after a form saved low on its page, the case it opens is read from its
  // heading); going back leaves the browser's own scroll.
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const [shownPath, setShownPath] = useState(pathname);
  useEffect(() => {
    if (pathname === shownPath) return;
    setShownPath(pathname);
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [pathname, shownPath, navigationType]);
  // The page's menu item in view within the sider (the set-up items are below its fold at 768 px): the
  // sider's own scroll only, as scrollIntoView would move the page as well.
  const siderRef = useRef<HTMLDivElement>(null);
  const signedIn = !!me.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selected item moves with the page, and with the sider folded or unfolded.
  useEffect(() => {
    const sider = siderRef.current;
    const item = sider?.querySelector<HTMLElement>('.ant-menu-item-selected');
    if (!sider || !item || !signedIn || mobile) return;
    const top = item.getBoundingClientRect().top - sider.getBoundingClientRect().top + sider.scrollTop;
    const next = siderScrollFor(sider, { top, height: item.offsetHeight });
    if (next !== null) sider.scrollTop = next;
  }, [pathname, signedIn, mobile, collapsed]);

  if (me.isLoading) return <PageLoading />;
  if (!me.data) return <div style={{ padding: 24 }}>{me.error ? <QueryError error={me.error} onRetry={() => me.refetch()} /> : <PageLoading />}</div>;
  const forced = me.data.user.mustChangePassword;

  return (
    <App style={{ height: '100%' }} message={MESSAGE_CONFIG}>
      <LeaveBlocker />
      <Layout style={{ minHeight: '100%' }}>
        {!mobile && (
          <Layout.Sider
            ref={siderRef}
            theme="light"
            width={siderWidth(lang)}
            collapsible
            collapsed={collapsed}
            trigger={null}
            // Stays in view on a long page (statistics): no blank column beside what is scrolled to; a long menu scrolls by itself.
            style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflowY: 'auto', alignSelf: 'flex-start' }}
          >
            <Brand collapsed={collapsed} />
            <NavMenu me={me.data} />
          </Layout.Sider>
        )}
        {mobile && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={siderWidth(lang) + 24}
            title={<Brand />}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu me={me.data} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              paddingInline: mobile ? 8 : 16,
              height: HEADER_HEIGHT,
              lineHeight: `${HEADER_HEIGHT}px`,
              borderBottom: '1px solid #f0f0f0',
              position: 'sticky',
              top: 0,
              zIndex: 10,
            }}
          >
            <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
              <Flex align="center" gap={4} style={{ minWidth: 0 }}>
                <Button
                  type="text"
                  aria-label={t('nav.menu')}
                  data-testid="nav-toggle"
                  icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  onClick={() => (mobile ? setDrawerOpen(true) : setCollapsed(!collapsed))}
                />
                {mobile && <Brand collapsed />}
              </Flex>
              <Flex align="center" gap={mobile ? 0 : 8} style={{ minWidth: 0 }}>
                {!forced && <NotificationBell />}
                <LanguageSwitch />
                <UserMenu me={me.data} compact={mobile} onChangePassword={() => setPasswordOpen(true)} />
              </Flex>
            </Flex>
          </Layout.Header>
          <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
            {/* With a password given out, the server serves nothing but its change: no page behind the dialog. */}
            {!forced && (
              <ErrorBoundary>
                <Suspense fallback={<PageLoading />}>
                  <Outlet />
                </Suspense>
              </ErrorBoundary>
            )}
          </Layout.Content>
        </Layout>
        <ChangePasswordModal open={passwordOpen || forced} forced={forced} onClose={() => setPasswordOpen(false)} />
      </Layout>
    </App>
  );
}
