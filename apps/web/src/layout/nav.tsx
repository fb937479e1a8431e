import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  FlagOutlined,
  HeartOutlined,
  HomeOutlined,
  LinkOutlined,
  PieChartOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { MeResponse } from '@carebridge/shared';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { canSee, type NavKey } from '../auth/permissions.ts';
import { useT } from '../i18n/lang.tsx';

/** `testId` where the test id is not simply `nav-<key>`. */
const NAV: { key: NavKey; path: string; icon: ReactNode; testId?: string }[] = [
  { key: 'workbench', path: '/', icon: <DashboardOutlined /> },
  { key: 'mine', path: '/mine', icon: <HeartOutlined /> },
  { key: 'children', path: '/children', icon: <SolutionOutlined /> },
  { key: 'careRecords', path: '/care-records', icon: <ReadOutlined />, testId: 'nav-care-records' },
  { key: 'pairings', path: '/pairings', icon: <LinkOutlined /> },
  { key: 'incidents', path: '/incidents', icon: <AlertOutlined /> },
  { key: 'activities', path: '/activities', icon: <ScheduleOutlined /> },
  { key: 'safety', path: '/safety', icon: <SafetyOutlined /> },
  { key: 'camps', path: '/camps', icon: <FlagOutlined /> },
  { key: 'campaigns', path: '/campaigns', icon: <HomeOutlined /> },
  { key: 'events', path: '/events', icon: <TrophyOutlined /> },
  { key: 'compliance', path: '/compliance', icon: <BarChartOutlined /> },
  { key: 'carePolicy', path: '/care-policy', icon: <ProfileOutlined />, testId: 'nav-care-policy' },
  { key: 'stats', path: '/stats', icon: <PieChartOutlined /> },
  { key: 'submissions', path: '/submissions', icon: <SendOutlined /> },
  { key: 'briefings', path: '/briefings', icon: <FileTextOutlined /> },
  { key: 'rosters', path: '/rosters/import', icon: <FileExcelOutlined /> },
  { key: 'regions', path: '/regions', icon: <EnvironmentOutlined /> },
  { key: 'schools', path: '/schools', icon: <BankOutlined /> },
  { key: 'terms', path: '/terms', icon: <CalendarOutlined /> },
  { key: 'classes', path: '/classes', icon: <ApartmentOutlined /> },
  { key: 'users', path: '/users', icon: <TeamOutlined /> },
  { key: 'organisation', path: '/organisation', icon: <UsergroupAddOutlined /> },
  { key: 'audit', path: '/audit', icon: <AuditOutlined /> },
];

/** The menu entries this user's roles use, for the workbench shortcuts as well. */
export function visibleNav(me: MeResponse | undefined) {
  return NAV.filter((n) => canSee(me, n.key));
}

/** The side menu; `onNavigate` lets the phone drawer close after a choice. */
export function NavMenu({ me, onNavigate }: { me: MeResponse | undefined; onNavigate?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = visibleNav(me);
  const selected = items.find((n) => (n.path === '/' ? pathname === '/' : pathname.startsWith(n.path)))?.key;
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      items={items.map((n) => ({
        key: n.key,
        icon: n.icon,
        label: <span data-testid={n.testId ?? `nav-${n.key}`}>{t(`nav.${n.key}`)}</span>,
      }))}
      onClick={({ key }) => {
        const item = items.find((n) => n.key === key);
        if (item) navigate(item.path);
        onNavigate?.();
      }}
    />
  );
}
