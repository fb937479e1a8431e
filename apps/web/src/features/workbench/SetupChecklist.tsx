import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { joinList, SetupProgress } from '@carebridge/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { useLang, useT } from '../../i18n/lang.tsx';

interface Step {
  key: string;
  title: string;
  done: boolean;
  /** What is still missing, when something is. */
  detail?: string | undefined;
  path: string;
}

/** Names of the schools a step waits for, the first few. */
const few = (list: { name: string }[], lang: 'zh-CN' | 'en-US') =>
  joinList(
    lang,
    list.slice(0, 5).map((s) => s.name),
  ) + (list.length > 5 ? '…' : '');

/**
 * 开始使用: for whoever sets an area up (an administrator, a bureau officer, a school leader), the
 * steps from an empty area to children paired with mentors, each done or with what is missing and a
 * way to it. Gone once the area is set up (only children still to pair left).
 */
export function SetupChecklist() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const me = useMe().data;
  const admin = hasRole(me, 'system_admin');
  const progress = useQuery({
    queryKey: ['setup-progress'],
    queryFn: () => api.get('/setup/progress', { schema: SetupProgress }),
    enabled: hasRole(me, 'system_admin', 'bureau_officer', 'school_leader', 'moral_education'),
  });
  const p = progress.data;
  if (!p) return null;
  const steps: Step[] = [
    ...(admin ? [{ key: 'regions', title: t('workbench.setupRegions'), done: p.regions > 0, path: '/regions' }] : []),
    ...(admin || hasRole(me, 'bureau_officer') ? [{ key: 'schools', title: t('workbench.setupSchools'), done: p.schools > 0, path: '/schools' }] : []),
    {
      key: 'terms',
      title: t('workbench.setupTerms'),
      done: p.schools > 0 && !p.schoolsWithoutTerm.length,
      detail: p.schoolsWithoutTerm.length
        ? t('workbench.setupTermsMissing', { count: p.schoolsWithoutTerm.length, names: few(p.schoolsWithoutTerm, lang) })
        : undefined,
      path: '/terms',
    },
    {
      key: 'classes',
      title: t('workbench.setupClasses'),
      done: p.schools > 0 && !p.schoolsWithoutClasses.length,
      detail: p.schoolsWithoutClasses.length
        ? t('workbench.setupClassesMissing', { count: p.schoolsWithoutClasses.length, names: few(p.schoolsWithoutClasses, lang) })
        : undefined,
      path: '/classes',
    },
    { key: 'users', title: t('workbench.setupUsers'), done: p.users > 0, path: '/users' },
    { key: 'children', title: t('workbench.setupChildren'), done: p.children > 0, path: '/rosters/import' },
    {
      key: 'pairings',
      title: t('workbench.setupPairings'),
      done: p.children > 0 && p.unpaired === 0,
      detail: p.unpaired ? t('workbench.setupUnpaired', { count: p.unpaired }) : undefined,
      path: '/pairings',
    },
  ];
  // Set up once the area has its schools, terms, classes, people and children: children still to pair
  // are the leader's everyday work from then on (the workbench's own card of unpaired children).
  if (steps.every((s) => s.done || s.key === 'pairings')) return null;
  const next = steps.find((s) => !s.done);
  return (
    <Card title={t('workbench.setupTitle')} data-testid="workbench-setup">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('workbench.setupIntro')}
      </Typography.Paragraph>
      <Flex vertical gap={4}>
        {steps.map((s, i) => (
          <Flex
            key={s.key}
            align="center"
            gap={12}
            wrap
            style={{ padding: '8px 12px', borderRadius: 8, background: s === next ? '#fff7e6' : undefined }}
            data-testid={`setup-step-${s.key}`}
            data-done={s.done}
          >
            <span
              style={{
                width: 24,
                height: 24,
                borderRadius: 12,
                flex: 'none',
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: s.done ? 22 : 13,
                color: s.done ? '#52c41a' : '#fff',
                background: s.done ? undefined : s === next ? '#c2410c' : '#bfbfbf',
              }}
            >
              {s.done ? <CheckCircleFilled aria-label={t('workbench.setupDone')} /> : i + 1}
            </span>
            <Flex vertical style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Typography.Text delete={s.done} type={s.done ? 'secondary' : undefined} strong={s === next}>
                {s.title}
              </Typography.Text>
              {s.detail && (
                <Typography.Text type="warning" style={{ fontSize: 13 }}>
                  {s.detail}
                </Typography.Text>
              )}
            </Flex>
            {!s.done && (
              <Button type={s === next ? 'primary' : 'default'} size="small" onClick={() => navigate(s.path)} data-testid={`setup-go-${s.key}`}>
                {t('workbench.setupGo')} <RightOutlined />
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
