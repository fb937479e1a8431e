import { CheckSquareOutlined, CloseOutlined, MinusSquareOutlined, SaveOutlined, UserAddOutlined } from '@ant-design/icons';
import { type Activity, ADULT_ROLES, type Attendance } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Divider, Empty, Flex, Input, Segmented, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { ChildSelect } from '../care-records/ChildSelect.tsx';
import { activitiesApi, sheetChanged } from './activities.api.ts';
import { ownClassMatcher, PRIORITY } from './activity-format.tsx';
import {
  type AdultRole,
  attendancePayload,
  heldBySaving,
  isDirty,
  noEdits,
  type SheetEdits,
  type SheetRow,
  sheetCounts,
  sheetRows,
} from './attendance-state.ts';

const tight = { marginInlineEnd: 0 };

/** The small tags of a row: priority and place where places are limited (else left-behind, key support, other pupil), the adult's role, not yet saved. */
function RowTags({ row, capacity }: { row: SheetRow; capacity: number | null }) {
  const t = useT();
  const ranked = capacity !== null && row.rank !== null;
  const priority = PRIORITY[(row.rank ?? 2) as 0 | 1 | 2];
  return (
    <Flex gap={4} wrap>
      {ranked ? (
        <>
          <Tag color={priority.color} style={tight} data-testid="attendance-rank">
            {t(priority.key)}
          </Tag>
          <Tag color={row.offered ? 'green' : 'default'} style={tight}>
            {t(row.offered ? 'activityApplicants.offered' : 'activityApplicants.waiting')}
          </Tag>
        </>
      ) : (
        <>
          {row.kind === 'child' && row.keySupport && (
            <Tag color="red" style={tight}>
              {t('activityAttendance.keySupport')}
            </Tag>
          )}
          {row.kind === 'child' && row.leftBehind && !row.keySupport && (
            <Tag color="orange" style={tight}>
              {t('activityAttendance.leftBehind')}
            </Tag>
          )}
          {row.kind === 'pupil' && <Tag style={tight}>{t('activityAttendance.kinds.pupil')}</Tag>}
        </>
      )}
      {row.kind === 'adult' && (
        <Tag color="blue" style={tight}>
          {row.adultRole ? t(`activities.adultRoles.${row.adultRole}`) : t('activityAttendance.kinds.adult')}
        </Tag>
      )}
      {row.pending && (
        <Tag color="gold" style={tight}>
          {t('activityAttendance.notSaved')}
        </Tag>
      )}
    </Flex>
  );
}

interface RowProps {
  row: SheetRow;
  capacity: number | null;
  canToggle: boolean;
  onToggle: () => void;
  onRemove?: (() => void) | undefined;
}

/** One person: the whole row is the checkbox's label, one big tap target (and a real checkbox for keyboards and screen readers). */
function PersonRow({ row, capacity, canToggle, onToggle, onRemove }: RowProps) {
  const t = useT();
  return (
    <div
      style={{ borderBottom: '1px solid #f0f0f0', background: row.present ? '#f6ffed' : undefined }}
      data-testid="attendance-row"
      data-present={row.present ? 'true' : 'false'}
    >
      <Checkbox
        checked={row.present}
        disabled={!canToggle}
        onChange={onToggle}
        styles={{
          root: { display: 'flex', alignItems: 'center', width: '100%', minHeight: 52, padding: '6px 12px', margin: 0, userSelect: 'none' },
          icon: { transform: 'scale(1.25)' },
          label: { flex: 1, minWidth: 0, paddingInlineStart: 12 },
        }}
        data-testid="attendance-check"
      >
        <Flex align="center" gap={8}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Flex gap={8} align="baseline" wrap>
              <Typography.Text strong style={{ fontSize: 15 }}>
                {row.name}
              </Typography.Text>
              {row.className && <Typography.Text type="secondary">{row.className}</Typography.Text>}
            </Flex>
            <RowTags row={row} capacity={capacity} />
          </div>
          {onRemove && (
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('activityAttendance.remove')}
              title={t('activityAttendance.remove')}
              onClick={(e) => {
                e.preventDefault();
                e.stopPropagation();
                onRemove();
              }}
              data-testid="attendance-remove"
            />
          )}
        </Flex>
      </Checkbox>
    </div>
  );
}

/** Add a child of the archive (not for limited activities: they apply), another pupil or an adult by name. */
function AddPeople({
  schoolId,
  withChildren,
  onChild,
  onPerson,
}: {
  schoolId: string;
  withChildren: boolean;
  onChild: (child: { childId: string; name: string; className: string | null }) => void;
  onPerson: (p: { name: string; kind: 'pupil' | 'adult'; adultRole: AdultRole | null; className: string | null }) => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<'pupil' | 'adult'>('adult');
  const [name, setName] = useState('');
  const [role, setRole] = useState<AdultRole>('guardian');
  const [className, setClassName] = useState('');
  const add = () => {
    if (!name.trim()) return;
    onPerson({ name: name.trim(), kind, adultRole: kind === 'adult' ? role : null, className: kind === 'pupil' ? className.trim() || null : null });
    setName('');
    setClassName('');
  };
  return (
    <div data-testid="attendance-add">
      <Typography.Text strong>{t('activityAttendance.addTitle')}</Typography.Text>
      {withChildren && (
        <div style={{ marginTop: 8 }}>
          <ChildSelect
            value={null}
            schoolId={schoolId}
            onPick={(c) => {
              const child = c[0];
              if (child) onChild({ childId: child.id, name: child.name, className: child.className ?? null });
            }}
            placeholder={t('activityAttendance.addChildPlaceholder')}
            style={{ width: '100%', maxWidth: 360 }}
            data-testid="attendance-add-child"
          />
        </div>
      )}
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <Segmented<'pupil' | 'adult'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'adult', label: t('activityAttendance.kinds.adult') },
            { value: 'pupil', label: t('activityAttendance.kinds.pupil') },
          ]}
          data-testid="attendance-add-kind"
        />
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={add}
          maxLength={50}
          placeholder={t('activityAttendance.name')}
          style={{ width: 150 }}
          data-testid="attendance-add-name"
        />
        {kind === 'adult' ? (
          <Select<AdultRole>
            value={role}
            onChange={setRole}
            options={ADULT_ROLES.map((r) => ({ value: r, label: t(`activities.adultRoles.${r}`) }))}
            aria-label={t('activityAttendance.adultRole')}
            style={{ width: 120 }}
            data-testid="attendance-add-role"
          />
        ) : (
          <Input
            value={className}
            onChange={(e) => setClassName(e.target.value)}
            onPressEnter={add}
            maxLength={50}
            placeholder={t('activityAttendance.className')}
            style={{ width: 140 }}
            data-testid="attendance-add-class"
          />
        )}
        <Button icon={<UserAddOutlined />} onClick={add} disabled={!name.trim()} data-testid="attendance-add-button">
          {t('activityAttendance.add')}
        </Button>
      </Flex>
    </div>
  );
}

interface Props {
  activity: Activity;
  sheet: Attendance;
  mode: 'all' | 'own_classes' | 'none';
  onReload: () => Promise<unknown>;
}

/**
 * 出席: one row per person, tapped to mark present, "全部出席" for the (filtered) list, people added by
 * name, saved in one go with the sheet's version. Marks survive a reload of the sheet (a conflict, an
 * application), so nothing typed is lost.
 */
export function AttendanceSheet({ activity: a, sheet, mode, onReload }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const qc = useQueryClient();
  const [edits, setEdits] = useState<SheetEdits>(noEdits);
  const [q, setQ] = useState('');
  const [klass, setKlass] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const future = a.date > todayInShanghai();
  const rows = useMemo(() => sheetRows(sheet, edits), [sheet, edits]);
  const dirty = isDirty(sheet, edits);
  const counts = sheetCounts(rows);
  const classes = useMemo(() => [...new Set(rows.map((r) => r.className).filter((c): c is string => !!c))], [rows]);
  const shown = rows.filter((r) => (!q.trim() || r.name.includes(q.trim())) && (!klass || r.className === klass));
  const own = ownClassMatcher(me);
  const toggles = (r: SheetRow) => !future && (mode === 'all' || (mode === 'own_classes' && !!r.childId && own(r.className)));

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const mark = (list: SheetRow[], present: boolean) =>
    setEdits((e) => ({ ...e, marks: { ...e.marks, ...Object.fromEntries(list.filter(toggles).map((r) => [r.key, present])) } }));

  const save = async () => {
    if (mode === 'none') return;
    setSaving(true);
    try {
      const next = await activitiesApi.setAttendance(a.id, attendancePayload(sheet, edits, mode, own));
      sheetChanged(qc, a.id, next);
      setEdits(noEdits());
      message.success(t(heldBySaving(sheet, next) ? 'activityAttendance.savedHeld' : 'activityAttendance.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) {
        await onReload();
        message.warning({ content: t('activityAttendance.reloaded'), duration: 8 });
      } else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const removeRow = (r: SheetRow) =>
    setEdits((e) => ({
      ...e,
      people: e.people.filter((p) => p.key !== r.key),
      children: r.pending ? e.children.filter((c) => `c:${c.childId}` !== r.key) : e.children,
      removed: r.id && !r.childId ? [...e.removed, r.id] : e.removed,
    }));

  return (
    <Card size="small" data-testid="attendance-sheet" styles={{ body: { padding: 0 } }}>
      <div style={{ padding: 12 }}>
        {future && <Alert type="info" showIcon title={t('activityAttendance.future', { date: a.date })} style={{ marginBottom: 8 }} />}
        {!future && mode === 'own_classes' && <Alert type="info" showIcon title={t('activityAttendance.ownClasses')} style={{ marginBottom: 8 }} />}
        {mode === 'none' && <Alert type="info" showIcon title={t('activityAttendance.cannotMark')} style={{ marginBottom: 8 }} />}
        {!future && mode !== 'none' && (
          <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
            {t('activityAttendance.intro')}
          </Typography.Paragraph>
        )}
        <Flex gap={8} wrap align="center" justify="space-between">
          <Flex gap={8} wrap align="center">
            <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }} data-testid="attendance-count">
              {t('activityAttendance.count', { present: counts.present, total: counts.total })}
            </Typography.Text>
            {counts.adults > 0 && <Typography.Text type="secondary">{t('activityList.adults', { count: counts.adults })}</Typography.Text>}
          </Flex>
          {!future && mode !== 'none' && rows.length > 0 && (
            <Flex gap={8} wrap>
              {/* Everyone with a place: the waiting list is marked one by one, as each walks in. */}
              <Button
                icon={<CheckSquareOutlined />}
                onClick={() =>
                  mark(
                    shown.filter((r) => r.offered),
                    true,
                  )
                }
                data-testid="attendance-all-present"
              >
                {t('activityAttendance.allPresent')}
              </Button>
              <Button icon={<MinusSquareOutlined />} onClick={() => mark(shown, false)} data-testid="attendance-clear">
                {t('activityAttendance.clear')}
              </Button>
            </Flex>
          )}
        </Flex>
        {rows.length > 8 && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Input.Search
              value={q}
              onChange={(e) => setQ(e.target.value)}
              allowClear
              placeholder={t('activityAttendance.search')}
              style={{ width: 200 }}
              data-testid="attendance-search"
            />
            {classes.length > 1 && (
              <Select
                allowClear
                value={klass}
                onChange={setKlass}
                placeholder={t('activityAttendance.allClasses')}
                options={classes.map((c) => ({ value: c, label: c }))}
                style={{ width: 160 }}
                data-testid="attendance-class-filter"
              />
            )}
          </Flex>
        )}
      </div>
      {rows.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(sheet.capacity ? 'activityAttendance.emptyCapacity' : 'activityAttendance.empty')}
          style={{ paddingBottom: 12 }}
        />
      ) : (
        <div style={{ borderTop: '1px solid #f0f0f0' }}>
          {shown.map((r) => (
            <PersonRow
              key={r.key}
              row={r}
              capacity={sheet.capacity}
              canToggle={toggles(r)}
              onToggle={() => setEdits((e) => ({ ...e, marks: { ...e.marks, [r.key]: !r.present } }))}
              onRemove={mode === 'all' && (r.pending || (!r.childId && !r.appliedAt)) ? () => removeRow(r) : undefined}
            />
          ))}
        </div>
      )}
      {mode === 'all' && (
        <div style={{ padding: 12 }}>
          <AddPeople
            schoolId={a.schoolId}
            withChildren={!sheet.capacity}
            onChild={(c) =>
              setEdits((e) => ({
                ...e,
                children: [...e.children.filter((x) => x.childId !== c.childId), c],
                marks: { ...e.marks, [`c:${c.childId}`]: e.marks[`c:${c.childId}`] ?? !future },
              }))
            }
            onPerson={(p) => {
              const key = `n:${Date.now()}:${Math.random().toString(36).slice(2, 7)}`;
              setEdits((e) => ({ ...e, people: [...e.people, { key, ...p }], marks: { ...e.marks, [key]: !future } }));
            }}
          />
        </div>
      )}
      {mode !== 'none' && (
        <>
          <Divider style={{ margin: 0 }} />
          <Flex
            justify="end"
            align="center"
            gap={12}
            style={{ position: 'sticky', bottom: 0, padding: 12, background: '#fff', borderRadius: '0 0 8px 8px', zIndex: 1 }}
          >
            {dirty && (
              <Typography.Text type="warning" data-testid="attendance-unsaved">
                {t('activityAttendance.unsaved')}
              </Typography.Text>
            )}
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={saving} onClick={save} data-testid="attendance-save">
              {t('activityAttendance.save')}
            </Button>
          </Flex>
        </>
      )}
    </Card>
  );
}
