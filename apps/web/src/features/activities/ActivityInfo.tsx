import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined, EditOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import type { Activity } from '@carebridge/shared';
import { App, Button, Card, Descriptions, Flex, Grid, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime, todayInShanghai } from '../../lib/dates.ts';
import { AttendanceCount } from './ActivityItems.tsx';
import { activitiesApi, useActivityInvalidate } from './activities.api.ts';
import { KindTag, StatusTag, TopicTags, timeText } from './activity-format.tsx';
import { useActivityAction } from './use-activity-action.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** "登记为已开展" (with the outcome) or "修改效果": one text box, saved with the activity's version. */
function OutcomeModal({ activity: a, mode, onClose }: { activity: Activity; mode: 'held' | 'outcome' | null; onClose: () => void }) {
  const t = useT();
  const { run, busy } = useActivityAction(a.id);
  const [outcome, setOutcome] = useState(a.outcome ?? '');
  const save = async () => {
    const body =
      mode === 'held'
        ? { status: 'done' as const, outcome: outcome.trim() || null, version: a.version }
        : { outcome: outcome.trim() || null, version: a.version };
    const next = await run(() => activitiesApi.update(a.id, body), t(mode === 'held' ? 'activityDetail.heldSaved' : 'activityDetail.outcomeSaved'));
    if (next) onClose();
  };
  return (
    <Modal
      open={!!mode}
      title={t(mode === 'held' ? 'activityDetail.heldTitle' : a.outcome ? 'activityDetail.editOutcome' : 'activityDetail.addOutcome')}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'activity-held-save' } as Record<`data-${string}`, string> & { loading: boolean }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {mode === 'held' && <Typography.Paragraph type="secondary">{t('activityDetail.heldHint')}</Typography.Paragraph>}
      <Input.TextArea
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 12 }}
        maxLength={4000}
        showCount
        placeholder={t('activityDetail.outcomePlaceholder')}
        aria-label={t('activityFields.outcome')}
        data-testid="activity-outcome"
      />
    </Modal>
  );
}

/** The title row: kind, title, status, and the organiser's actions (held, cancel, reopen, edit, delete). */
export function ActivityHeader({ activity: a }: { activity: Activity }) {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const invalidate = useActivityInvalidate();
  const { run, busy, failed } = useActivityAction(a.id);
  const [outcome, setOutcome] = useState<'held' | 'outcome' | null>(null);
  const future = a.date > todayInShanghai();
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/activities'));

  const setStatus = (status: 'planned' | 'cancelled') =>
    run(() => activitiesApi.update(a.id, { status, version: a.version }), t(status === 'cancelled' ? 'activityDetail.cancelled' : 'activityDetail.reopened'));

  const cancel = () =>
    modal.confirm({
      title: t('activityDetail.cancelConfirm'),
      content: t('activityDetail.cancelHint'),
      okText: t('activityDetail.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'activity-cancel-confirm' } as Record<`data-${string}`, string> & { danger: boolean },
      cancelText: t('common.cancel'),
      onOk: () => setStatus('cancelled'),
    });

  const remove = () =>
    modal.confirm({
      title: t('activityDetail.deleteConfirm'),
      content: t('activityDetail.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'activity-delete-confirm' } as Record<`data-${string}`, string> & { danger: boolean },
      onOk: async () => {
        try {
          await activitiesApi.remove(a.id);
          navigate('/activities', { replace: true });
          invalidate();
          message.success(t('activityDetail.deleted'));
        } catch (err) {
          failed(err);
        }
      },
    });

  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="activity-title">
            {a.title}
          </Typography.Title>
          <Flex gap={8} wrap align="center" style={{ marginTop: 6 }}>
            <KindTag activity={a} />
            <StatusTag status={a.status} />
            <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
              {a.date} {timeText(a)}
            </Typography.Text>
          </Flex>
        </div>
        <Flex gap={8} wrap>
          {a.canEdit && a.status === 'planned' && (
            <Tooltip title={future ? t('activityDetail.notYet') : undefined}>
              <Button type="primary" icon={<CheckOutlined />} disabled={future} onClick={() => setOutcome('held')} data-testid="activity-mark-held">
                {t('activityDetail.markHeld')}
              </Button>
            </Tooltip>
          )}
          {a.canEdit && a.status === 'done' && (
            <Button icon={<EditOutlined />} onClick={() => setOutcome('outcome')} data-testid="activity-edit-outcome">
              {t(a.outcome ? 'activityDetail.editOutcome' : 'activityDetail.addOutcome')}
            </Button>
          )}
          {a.canEdit && a.status === 'planned' && (
            <Button icon={<StopOutlined />} loading={busy} onClick={cancel} data-testid="activity-cancel">
              {t('activityDetail.cancel')}
            </Button>
          )}
          {a.canEdit && a.status !== 'planned' && (
            <Button icon={<RedoOutlined />} loading={busy} onClick={() => setStatus('planned')} data-testid="activity-reopen">
              {t('activityDetail.reopen')}
            </Button>
          )}
          {a.canEdit && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/activities/${a.id}/edit`)} data-testid="activity-edit">
              {t('activityDetail.edit')}
            </Button>
          )}
          {a.canEdit && (
            <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="activity-delete">
              {t('activityDetail.delete')}
            </Button>
          )}
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('activityDetail.back')}
          </Button>
        </Flex>
      </Flex>
      <OutcomeModal key={`${outcome}-${a.version}`} activity={a} mode={outcome} onClose={() => setOutcome(null)} />
    </div>
  );
}

/** What, when, where, for whom; the description, topics, outcome; who registered it. */
export function ActivityFacts({ activity: a, showSchool }: { activity: Activity; showSchool: boolean }) {
  const t = useT();
  const narrow = Grid.useBreakpoint().sm === false;
  const items = [
    { key: 'date', label: t('activityDetail.time'), children: `${a.date} ${timeText(a)}`.trim() },
    ...(a.place ? [{ key: 'place', label: t('activityFields.place'), children: a.place }] : []),
    { key: 'target', label: t('activityFields.target'), children: a.targetLabel },
    ...(a.capacity ? [{ key: 'capacity', label: t('activityFields.capacity'), children: a.capacity }] : []),
    ...(a.organiserName ? [{ key: 'organiser', label: t('activityDetail.organiser'), children: a.organiserName }] : []),
    ...(showSchool ? [{ key: 'school', label: t('activityDetail.school'), children: a.schoolName }] : []),
    { key: 'attendance', label: t('activityList.attendance'), children: <AttendanceCount a={a} /> },
    ...(a.topics.length ? [{ key: 'topics', label: t('activityFields.topics'), children: <TopicTags topics={a.topics} /> }] : []),
    ...(a.description ? [{ key: 'description', label: t('activityFields.description'), children: <span style={pre}>{a.description}</span> }] : []),
    ...(a.outcome
      ? [
          {
            key: 'outcome',
            label: t('activityFields.outcome'),
            children: (
              <span style={pre} data-testid="activity-outcome-text">
                {a.outcome}
              </span>
            ),
          },
        ]
      : []),
    { key: 'created', label: t('activityDetail.createdAt'), children: shanghaiTime(a.createdAt) },
  ];
  return (
    <Card size="small" data-testid="activity-facts">
      {a.seriesId && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('activityDetail.series')}
        </Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: narrow ? 76 : 120, whiteSpace: narrow ? 'normal' : 'nowrap', paddingInline: narrow ? 8 : undefined } }}
        items={items}
      />
      {!a.canEdit && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('activityDetail.readOnly')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
