import {
  CheckCircleFilled,
  DeleteOutlined,
  EditOutlined,
  ExclamationCircleFilled,
  HeartOutlined,
  IdcardOutlined,
  PrinterOutlined,
  SwapOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { Child, ChildFieldKey, FieldGroup } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Space, Tabs, Typography } from 'antd';
import { Fragment, type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { canSee } from '../../auth/permissions.ts';
import { hasRole, useMe } from '../../auth/session.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ChildTimeline } from '../care-records/ChildTimeline.tsx';
import { ChildDueCard, ChildRiskCard } from '../compliance/ChildCompliance.tsx';
import { ChildIncidents } from '../incidents/ChildIncidents.tsx';
import { EraseModal, StatusModal, TransferModal } from './ChildActions.tsx';
import { ChildHistory } from './ChildHistory.tsx';
import { DerivedTags } from './ChildTags.tsx';
import { fieldsOf, GROUPS, isLongText, parentsToCall, placeParts, shanghaiTime, threeClearGaps, useChildLabels } from './child-format.ts';
import { childKeys, useChild } from './children.api.ts';
import { PsychologyModal } from './PsychologyFlag.tsx';
import { ViewReason } from './ViewReason.tsx';

/** Fields that only apply to some answers: hidden in the view while empty. */
const ONLY_WHEN_SET: ReadonlySet<string> = new Set(['disabilityCategory', 'disabilityGrade', 'illness', 'hostName', 'hostPhone', 'hostAddress']);

/** 三个清楚: which of the three parts are known, and links straight to the missing fields. */
function ThreeClearCard({ child }: { child: Child }) {
  const t = useT();
  const labels = useChildLabels();
  const gaps = threeClearGaps(child);
  const tc = child.derived.threeClear;
  const canEdit = child.canEdit && child.status === 'active';
  return (
    <Card size="small" title={t('childDetail.threeClearTitle')} data-testid="child-three-clear" style={{ height: '100%' }}>
      {tc.complete ? (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('childDetail.threeClearComplete')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {(['child', 'parents', 'guardian'] as const).map((part) => {
            const ok = tc[part];
            const missing = gaps[part];
            return (
              <div key={part} data-testid={`three-clear-${part}`}>
                <Typography.Text type={ok ? 'success' : 'warning'}>
                  {ok ? <CheckCircleFilled /> : <ExclamationCircleFilled />} {t(`children.threeParts.${part}`)}
                </Typography.Text>
                {!ok && missing.length > 0 && (
                  <div style={{ paddingInlineStart: 20 }}>
                    <Typography.Text type="secondary">{t('childDetail.missingFields', { fields: missing.map(labels.field).join(labels.sep) })}</Typography.Text>
                    {canEdit && (
                      <Link to={`/children/${child.id}/edit?focus=${missing[0]}`} style={{ marginInlineStart: 8 }}>
                        {t('childDetail.fillIn')}
                      </Link>
                    )}
                  </div>
                )}
              </div>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

/** The guardian and parents at a glance: who to call. */
function ContactsCard({ child }: { child: Child }) {
  const t = useT();
  const labels = useChildLabels();
  const row = (label: string, name: string | null, phone: string | null, extra?: string) => (
    <Flex justify="space-between" gap={8} wrap>
      <span>
        <Typography.Text type="secondary">{label}</Typography.Text> {name || '—'}
        {extra && <Typography.Text type="secondary"> · {extra}</Typography.Text>}
      </span>
      {/* A full number is one tap from a call on a teacher's phone; a masked one is only shown. */}
      {phone && !phone.includes('*') ? (
        <Typography.Link href={`tel:${phone}`} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="child-contact-call">
          {phone}
        </Typography.Link>
      ) : (
        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{phone || '—'}</Typography.Text>
      )}
    </Flex>
  );
  const place = (p: 'father' | 'mother') =>
    [labels.code('parentStatus', child[`${p}Status`]), placeParts([child[`${p}WorkProvince`], child[`${p}WorkCity`]]).join('')].filter(Boolean).join(' · ');
  return (
    <Card size="small" title={t('print.emergency')} style={{ height: '100%' }}>
      <Flex vertical gap={6}>
        {row(t('print.guardian'), child.guardianName, child.guardianPhone, labels.code('guardianRelation', child.guardianRelation))}
        {parentsToCall(child).map((p) => (
          <Fragment key={p}>{row(labels.group(p), child[`${p}Name`], child[`${p}Phone`], place(p))}</Fragment>
        ))}
        {child.boarding === 'host' && row(t('print.host'), child.hostName, child.hostPhone, child.hostAddress ?? undefined)}
        {/* The card shows phones only: it says so only when they are hidden. */}
        {!child.revealed.phones && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('childDetail.masked')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function GroupDescriptions({ child, group, extra }: { child: Child; group: FieldGroup; extra?: ReactNode }) {
  const t = useT();
  const labels = useChildLabels();
  const shown = (k: ChildFieldKey) => !ONLY_WHEN_SET.has(k) || labels.value(k, child[k]) !== '';
  const value = (k: ChildFieldKey) => {
    if (k === 'schoolId') return child.schoolName;
    if (k === 'classId') return child.className ?? t('children.noClass');
    return labels.value(k, child[k]) || <Typography.Text type="secondary">—</Typography.Text>;
  };
  return (
    <Card size="small" title={labels.group(group)} extra={extra} id={`group-${group}`} style={{ marginBottom: 16 }} data-testid={`child-view-${group}`}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={fieldsOf(group)
          .filter(shown)
          .map((k) => ({
            key: k,
            label: labels.field(k),
            children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{value(k)}</span>,
            span: isLongText(k) ? ('filled' as const) : 1,
          }))}
      />
    </Card>
  );
}

function DerivedDescriptions({ child }: { child: Child }) {
  const t = useT();
  const labels = useChildLabels();
  const d = child.derived;
  return (
    <Card size="small" title={t('childDetail.derivedTitle')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'age', label: labels.field('age'), children: t('children.years', { age: d.age }) },
          { key: 'ageBand', label: labels.field('ageBand'), children: d.ageBand ? labels.code('ageBand', d.ageBand) : '—' },
          { key: 'type', label: labels.field('leftBehindType'), children: labels.code('leftBehindType', d.leftBehindType) },
          { key: 'xueji', label: labels.field('xuejiCode'), children: labels.code('xuejiCode', d.xuejiCode) },
          { key: 'narrow', label: labels.field('narrow'), children: labels.yesNo(d.narrow) },
          { key: 'difficulty', label: labels.field('difficulty'), children: d.difficulty.map((x) => labels.code('difficulty', x)).join(labels.sep) || '—' },
          { key: 'created', label: t('childDetail.createdAt'), children: shanghaiTime(child.createdAt) },
          { key: 'updated', label: t('childDetail.updatedAt'), children: shanghaiTime(child.updatedAt) },
        ]}
      />
    </Card>
  );
}

type Dialog = 'status' | 'transfer' | 'erase' | 'psychology' | null;

/** One child's archive: flags, 三个清楚, every section, history, and the actions on it. */
export default function ChildDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useChildLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const me = useMe().data;
  const child = useChild(id);
  const [params] = useSearchParams();
  const [tab, setTab] = useState(() => (['archive', 'timeline', 'history'].includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'archive'));
  const [dialog, setDialog] = useState<Dialog>(null);

  if (child.isLoading) return <PageLoading />;
  if (!child.data && child.error instanceof ApiError && child.error.code === 'view_reason_required')
    return (
      <ViewReason
        childId={id}
        onBack={() => navigate('/children')}
        onGiven={() => {
          void child.refetch();
          void qc.invalidateQueries({ queryKey: childKeys.history(id) });
        }}
      />
    );
  if (!child.data) {
    return <LoadFailed error={child.error} onRetry={() => child.refetch()} back={{ to: '/children', label: t('childDetail.backToList') }} />;
  }
  const c = child.data;
  const active = c.status === 'active';
  const editable = c.canEdit && active;
  // The counsellor, who does not keep the archive, sets the psychology level (心理状况) alone; keepers use the edit form.
  const flagsPsychology = c.canSetPsychology && !c.canEdit && active;
  /** Transferred away or erased: this user can no longer see the child. Leave first, then forget it (no refetch of a 404). */
  const gone = () => {
    navigate('/children', { replace: true });
    setTimeout(() => {
      qc.removeQueries({ queryKey: childKeys.one(c.id) });
      qc.removeQueries({ queryKey: childKeys.history(c.id) });
      void qc.invalidateQueries({ queryKey: childKeys.lists });
    }, 0);
  };

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0 }}>
            <Flex align="baseline" gap={12} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="child-name">
                {c.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {[labels.code('gender', c.gender), t('children.years', { age: c.derived.age }), c.schoolName, c.className ?? t('children.noClass')].join(' · ')}
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 8 }}>
              <DerivedTags derived={c.derived} keySupport={c.keySupport} status={c.status} />
            </div>
          </div>
          <Space wrap size={8}>
            {editable && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/children/${c.id}/edit`)} data-testid="child-edit">
                {t('childDetail.edit')}
              </Button>
            )}
            {flagsPsychology && (
              <Button type="primary" icon={<HeartOutlined />} onClick={() => setDialog('psychology')} data-testid="child-psychology">
                {t('psychologyFlag.open')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/children/${c.id}/print/contact`)} data-testid="child-print-contact">
              {t('childDetail.printContact')}
            </Button>
            <Button icon={<IdcardOutlined />} onClick={() => navigate(`/children/${c.id}/print/archive`)} data-testid="child-print-archive">
              {t('childDetail.printArchive')}
            </Button>
            {c.canEdit && (
              <Button icon={<SyncOutlined />} onClick={() => setDialog('status')} data-testid="child-status">
                {t('childDetail.changeStatus')}
              </Button>
            )}
            {active && (c.canEdit || hasRole(me, 'bureau_officer')) && hasRole(me, 'system_admin', 'school_leader', 'bureau_officer') && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="child-transfer">
                {t('childDetail.transfer')}
              </Button>
            )}
            {hasRole(me, 'system_admin') && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('erase')} data-testid="child-erase">
                {t('childDetail.erase')}
              </Button>
            )}
          </Space>
        </Flex>
      </div>
      {!active && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${labels.field('status')}${labels.colon}${labels.code('childStatus', c.status)}`}
          description={c.statusNote ?? undefined}
          data-testid="child-status-note-view"
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <ThreeClearCard child={c} />
        </Col>
        <Col xs={24} lg={12}>
          <ContactsCard child={c} />
        </Col>
        {active && (
          <>
            <Col xs={24} lg={10}>
              <ChildRiskCard child={c} />
            </Col>
            <Col xs={24} lg={14}>
              <ChildDueCard child={c} />
            </Col>
          </>
        )}
        {canSee(me, 'incidents') && (
          <Col xs={24}>
            <ChildIncidents child={c} />
          </Col>
        )}
      </Row>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'archive',
            label: <span data-testid="child-archive-tab">{t('childDetail.tabArchive')}</span>,
            children: (
              <>
                {GROUPS.map((g) => (
                  <GroupDescriptions
                    key={g}
                    child={c}
                    group={g}
                    extra={
                      g === 'state' && flagsPsychology ? (
                        <Button size="small" icon={<HeartOutlined />} onClick={() => setDialog('psychology')} data-testid="child-set-psychology">
                          {t('psychologyFlag.open')}
                        </Button>
                      ) : undefined
                    }
                  />
                ))}
                <DerivedDescriptions child={c} />
              </>
            ),
          },
          {
            key: 'timeline',
            label: <span data-testid="child-timeline-tab">{t('timeline.tab')}</span>,
            children: <ChildTimeline child={c} active={tab === 'timeline'} />,
          },
          {
            key: 'history',
            label: <span data-testid="child-history-tab">{t('childDetail.tabHistory')}</span>,
            children: <ChildHistory child={c} active={tab === 'history'} />,
          },
        ]}
      />
      <StatusModal child={c} open={dialog === 'status'} onClose={() => setDialog(null)} />
      <PsychologyModal child={c} open={dialog === 'psychology'} onClose={() => setDialog(null)} />
      <TransferModal
        child={c}
        open={dialog === 'transfer'}
        onClose={() => setDialog(null)}
        onDone={(school) => {
          setDialog(null);
          message.success(t('childDetail.transferred', { name: c.name ?? '', school }));
          gone();
        }}
      />
      <EraseModal
        child={c}
        open={dialog === 'erase'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          message.success(t('childDetail.erased'));
          gone();
        }}
      />
    </>
  );
}
