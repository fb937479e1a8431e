import { App, type ButtonProps, Drawer, Empty, Flex, Grid, Modal, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { excusesDueItems } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { NoteBox } from '../../components/NoteBox.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { complianceApi, type DueItem, type DueQuery, type DueStatus, type Group, useComplianceInvalidate, useDueItems } from './compliance.api.ts';
import { DrawerTitle } from './compliance-format.tsx';
import { DueItemCard } from './DueItemCard.tsx';

export type DrillKind = 'rule' | 'class' | 'mentor';
export interface Drill {
  kind: DrillKind;
  /** null: the group without one (children without a class, items nobody is responsible for). */
  id: string | null;
}

/** "rule:talk_monthly" / "class:<id>" / "mentor:" (nobody) ↔ Drill, for the URL. */
export function parseDrill(value: string | null): Drill | null {
  const m = /^(rule|class|mentor):(.*)$/.exec(value ?? '');
  if (!m) return null;
  return { kind: m[1] as DrillKind, id: m[2] || null };
}
export const drillParam = (d: Drill) => `${d.kind}:${d.id ?? ''}`;

type Filter = DueStatus | 'all';
const FILTERS: Filter[] = ['overdue', 'due', 'done', 'excused', 'upcoming', 'all'];

/** Leaders excuse an item with a reason (a child in hospital, a family away); the server records it in the audit log. */
function ExcuseModal({ item, onClose }: { item: DueItem | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useComplianceInvalidate();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const short = reason.trim().length < 2;
  const submit = async () => {
    if (!item) return;
    if (short) {
      setError(t('due.excusePlaceholder'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await complianceApi.excuse({ childId: item.childId, ruleKey: item.ruleKey, windowStart: item.windowStart, reason: reason.trim() });
      message.success(t('due.excuseDone'));
      invalidate();
      setReason('');
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!item}
      title={item ? t('due.excuseTitle', { child: item.childName }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('due.excuseSubmit')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'excuse-submit' } as ButtonProps}
    >
      {item && (
        <Flex vertical gap={8}>
          <Typography.Text>{item.description}</Typography.Text>
          <Typography.Text type="secondary">{t('due.window', { start: item.windowStart, end: item.windowEnd })}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('due.excuseHint')}
          </Typography.Text>
          <FormError error={error} />
          {/* Room under the box for its count (0 / 200), which hangs below it: it sat on the modal's buttons. */}
          <div style={{ paddingBottom: 20 }}>
            <NoteBox
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('due.excusePlaceholder')}
              aria-label={t('due.excuseReason')}
              data-testid="excuse-reason"
            />
          </div>
        </Flex>
      )}
    </Modal>
  );
}

interface Props {
  schoolId: string;
  from: string;
  to: string;
  drill: Drill;
  /** The row of the report that was clicked (its name and counts). */
  group: Group | undefined;
  onClose: () => void;
}

/** The items behind one row of the report: its children, windows and status, with the excuse action for leaders. */
export function DrillDrawer({ schoolId, from, to, drill, group, onClose }: Props) {
  const t = useT();
  const me = useMe().data;
  const wide = Grid.useBreakpoint().md;
  const today = todayInShanghai();
  const [filter, setFilter] = useState<Filter>(() => (group && group.overdue === 0 ? 'all' : 'overdue'));
  const [excusing, setExcusing] = useState<DueItem | null>(null);
  const query: DueQuery = {
    schoolId,
    from,
    to,
    limit: 5000,
    ...(filter === 'all' ? {} : { status: filter }),
    ...(drill.id ? { [drill.kind === 'rule' ? 'ruleKey' : drill.kind === 'class' ? 'classId' : 'responsibleId']: drill.id } : {}),
  };
  const due = useDueItems(query, true, true);
  // The report counts an item in the period its window ends in; the list asks for windows overlapping it.
  const items = useMemo(
    () =>
      (due.data ?? []).filter(
        (i) =>
          i.windowEnd >= from &&
          i.windowEnd <= to &&
          (drill.id || (drill.kind === 'class' ? i.className === null : drill.kind === 'mentor' ? i.responsibleUserId === null : true)),
      ),
    [due.data, from, to, drill],
  );
  const canExcuse = excusesDueItems(me, schoolId);
  const count = (f: Filter) => (group ? (f === 'all' ? group.total : group[f]) : undefined);

  return (
    <Drawer
      open
      onClose={onClose}
      size={wide ? 720 : '100%'}
      title={<DrawerTitle name={group?.name ?? ''} from={from} to={to} />}
      data-testid="compliance-drill"
    >
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={FILTERS.map((f) => ({
            value: f,
            label: `${f === 'all' ? t('compliance.statusAll') : t(`policy.status.${f}`)}${count(f) !== undefined ? ` ${count(f)}` : ''}`,
          }))}
          data-testid="drill-status"
        />
      </div>
      <QueryError error={due.error} onRetry={() => due.refetch()} />
      {due.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.drillEmpty')} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('compliance.drillCount', { count: items.length })}
          </Typography.Text>
          <Flex vertical gap={8} style={{ opacity: due.isPlaceholderData ? 0.5 : 1 }}>
            {items.map((i) => (
              <DueItemCard
                key={`${i.childId}|${i.ruleKey}|${i.windowStart}`}
                item={i}
                today={today}
                showResponsible={drill.kind !== 'mentor'}
                onExcuse={canExcuse ? setExcusing : undefined}
              />
            ))}
          </Flex>
        </>
      )}
      <ExcuseModal item={excusing} onClose={() => setExcusing(null)} />
    </Drawer>
  );
}
