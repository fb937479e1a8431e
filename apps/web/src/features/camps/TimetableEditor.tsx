import { FileExcelOutlined, PrinterOutlined, RollbackOutlined, SaveOutlined, ThunderboltOutlined, UndoOutlined } from '@ant-design/icons';
import {
  buildCampModel,
  type Camp,
  type CampCell,
  campInput,
  campNames,
  checkTimetable,
  describeCampViolation,
  joinList,
  type Timetable,
} from '@carebridge/shared';
import { Alert, App, Button, Col, Empty, Flex, Grid, Modal, Row, Segmented, Select, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { CampGrid, type CellView } from './CampGrid.tsx';
import { dayLabel, subjectColours } from './camp-format.ts';
import { campsApi, useCampCache, useTimetable } from './camps.api.ts';
import { CellPanel, type Finding, FindingsPanel, LoadsPanel } from './GridPanel.tsx';
import { clearSlot, indexCells, loadsOf, moveCell, type Slot, sameCells, sameSlot, setSlot, slotKey, splitUnknown, toggleLock } from './grid-state.ts';

interface Draft {
  /** The timetable as last loaded or saved: what "unsaved" is measured against, and whose version a save sends. */
  base: Timetable;
  cells: CampCell[];
  /** Earlier states, for undo. */
  history: CampCell[][];
}

const ALL = 'all';
const HISTORY = 100;

type PrintKind = 'group' | 'volunteer' | 'attendance';

/** 打印: which sheet, for whom (one group or volunteer, or all of them), then the A4 page. */
function PrintDialog({ camp, open, onClose, onOpen }: { camp: Camp; open: boolean; onClose: () => void; onOpen: (kind: PrintKind, target: string) => void }) {
  const t = useT();
  const [kind, setKind] = useState<PrintKind>('group');
  const [target, setTarget] = useState<string>(camp.groups[0]?.id ?? ALL);
  const list = kind === 'volunteer' ? camp.volunteers : camp.groups;
  const options = [{ value: ALL, label: t('campGrid.printAll') }, ...list.map((x) => ({ value: x.id, label: x.name }))];
  return (
    <Modal
      open={open}
      title={t('campGrid.print')}
      onCancel={onClose}
      onOk={() => onOpen(kind, target)}
      okText={t('campGrid.printOpen')}
      okButtonProps={{ 'data-testid': 'camp-print-open' } as Record<string, string>}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Segmented<PrintKind>
          value={kind}
          onChange={(k) => {
            setKind(k);
            setTarget((k === 'volunteer' ? camp.volunteers : camp.groups)[0]?.id ?? ALL);
          }}
          options={[
            { value: 'group', label: t('campPrint.groupSheet') },
            { value: 'volunteer', label: t('campPrint.volunteerSheet') },
            { value: 'attendance', label: t('campPrint.attendanceSheet') },
          ]}
          block
          data-testid="camp-print-kind"
        />
        <Select value={target} onChange={setTarget} options={options} showSearch={{ optionFilterProp: 'label' }} data-testid="camp-print-target" />
        <Typography.Text type="secondary">{t('campGrid.printHint')}</Typography.Text>
      </Flex>
    </Modal>
  );
}

/**
 * 课表: the grid editor. Edits stay in the browser until saved; the checker runs on every change and
 * marks clashing cells red, with the broken rules, shortfalls and loads beside the grid.
 */
export function TimetableEditor({ camp }: { camp: Camp }) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const mobile = Grid.useBreakpoint().md === false;
  const cache = useCampCache();
  const query = useTimetable(camp.id);
  const readOnly = !camp.canEdit;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selected, setSelected] = useState<Slot | null>(null);
  const [dragFrom, setDragFrom] = useState<Slot | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const [focusVolunteer, setFocusVolunteer] = useState<string | null>(null);
  const [day, setDay] = useState<string>(camp.days[0] ?? ALL);
  const [lastSolve, setLastSolve] = useState<Timetable | null>(null);
  const [busy, setBusy] = useState<'save' | 'solve' | 'export' | null>(null);
  const [conflict, setConflict] = useState(false);
  const [printing, setPrinting] = useState(false);

  // Follow the server's timetable: take it when there are no unsaved edits; with edits, only take a
  // new version if the timetable itself did not change (someone changed the settings or the catalogue).
  useEffect(() => {
    const data = query.data;
    if (!data) return;
    setDraft((d) => {
      if (!d) return { base: data, cells: data.cells, history: [] };
      if (d.base === data) return d;
      if (sameCells(d.cells, d.base.cells)) return { base: data, cells: data.cells, history: [] };
      if (sameCells(data.cells, d.base.cells)) return { ...d, base: data };
      return d;
    });
  }, [query.data]);

  const input = useMemo(() => campInput(camp), [camp]);
  const model = useMemo(() => buildCampModel(input), [input]);
  const names = useMemo(() => campNames(input), [input]);
  const colourOf = useMemo(() => subjectColours(camp.sessions), [camp.sessions]);
  const cells = draft?.cells ?? [];
  const check = useMemo(() => checkTimetable(input, cells, model), [input, cells, model]);
  const clashing = useMemo(() => new Set(check.violations.flatMap((v) => v.cells)), [check]);
  const bySlot = useMemo(() => indexCells(cells), [cells]);
  const loads = useMemo(() => loadsOf(cells), [cells]);
  const dirty = !!draft && !sameCells(draft.cells, draft.base.cells);
  const unknown = useMemo(() => splitUnknown(cells, model).dropped.length, [cells, model]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const sessionOf = useMemo(() => new Map(camp.sessions.map((s) => [s.id, s])), [camp.sessions]);
  const volunteerName = useMemo(() => new Map(camp.volunteers.map((v) => [v.id, v.name])), [camp.volunteers]);
  const view = useCallback(
    (slot: Slot): CellView | undefined => {
      const list = bySlot.get(slotKey(slot));
      if (!list?.length) return undefined;
      const cell = cells[list[0]!]!;
      const session = sessionOf.get(cell.sessionId);
      return {
        cell,
        more: list.length - 1,
        session,
        volunteer: volunteerName.get(cell.volunteerId) ?? cell.volunteerId,
        colour: colourOf(session?.subject),
        clash: list.some((i) => clashing.has(i)),
      };
    },
    [bySlot, cells, sessionOf, volunteerName, colourOf, clashing],
  );

  const selectedCell = selected ? cells.find((c) => sameSlot(c, selected)) : undefined;
  const highlight = selectedCell?.volunteerId ?? focusVolunteer;
  /** Units where the selected cell's volunteer teaches elsewhere or is away: moving there clashes. */
  const busyUnits = useMemo(() => {
    const out = new Set<number>();
    if (!selectedCell) return out;
    for (const c of cells) if (c.volunteerId === selectedCell.volunteerId && c !== selectedCell) out.add(c.unitIndex);
    const vi = model.volunteerIndex.get(selectedCell.volunteerId);
    if (vi !== undefined) for (let u = 0; u < model.U; u++) if (!model.avail[vi * model.U + u]) out.add(u);
    return out;
  }, [selectedCell, cells, model]);

  const apply = (next: CampCell[]) => setDraft((d) => (d ? { ...d, cells: next, history: [...d.history.slice(-(HISTORY - 1)), d.cells] } : d));

  const move = (from: Slot, to: Slot) => {
    const result = moveCell(cells, from, to);
    if ('cells' in result) {
      apply(result.cells);
      setSelected(null);
    } else if (result.blocked === 'locked') message.warning(t('campGrid.lockedMove'));
  };

  const onClick = (slot: Slot) => {
    if (!readOnly && selected && selectedCell && !sameSlot(selected, slot)) {
      move(selected, slot);
      return;
    }
    setSelected(sameSlot(selected, slot) ? null : slot);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.isVersionConflict) {
      setConflict(true);
      message.warning({ content: conflictText(err, t('campGrid.conflictHint')), duration: 8 });
    } else message.error({ content: err instanceof Error ? err.message : String(err), duration: 8 });
  };

  const save = async (): Promise<boolean> => {
    if (!draft) return false;
    const { kept, dropped } = splitUnknown(draft.cells, model);
    setBusy('save');
    const put = (version: number) => campsApi.saveTimetable(camp.id, kept, version);
    try {
      let saved: Timetable;
      try {
        saved = await put(draft.base.version);
      } catch (err) {
        if (!(err instanceof ApiError && err.isVersionConflict)) throw err;
        // The camp changed meanwhile; unless its timetable did (settings, catalogue, volunteers…), save over the new version.
        const fresh = await campsApi.timetable(camp.id);
        if (!sameCells(fresh.cells, draft.base.cells)) throw err;
        saved = await put(fresh.version);
      }
      cache.timetable(camp.id, saved);
      setDraft({ base: saved, cells: saved.cells, history: [] });
      setConflict(false);
      if (dropped.length) message.info(t('campGrid.droppedUnknown', { count: dropped.length }));
      return true;
    } catch (err) {
      failed(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const onSave = async () => {
    const clashes = check.violations.length;
    if (await save()) message.success(clashes ? t('campGrid.savedWithClashes', { count: clashes }) : t('common.saved'));
  };

  const solve = async () => {
    if (dirty && !(await save())) return;
    setBusy('solve');
    try {
      const solved = await campsApi.solve(camp.id);
      cache.timetable(camp.id, solved);
      setDraft({ base: solved, cells: solved.cells, history: [] });
      setLastSolve(solved);
      setSelected(null);
      if (solved.unmet.length) message.warning(t('campGrid.solvedUnmet', { count: solved.unmet.length }));
      else message.success(t('campGrid.solved', { count: solved.cells.length }));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  };

  const onSolve = () => {
    const unlocked = cells.filter((c) => !c.locked).length;
    if (dirty)
      modal.confirm({
        title: t('campGrid.solveDirtyTitle'),
        content: t('campGrid.solveDirty'),
        okText: t('campGrid.saveAndSolve'),
        okButtonProps: { 'data-testid': 'camp-solve-confirm' } as Record<string, string>,
        onOk: solve,
      });
    else if (unlocked > 0)
      modal.confirm({
        title: t('campGrid.resolveTitle'),
        content: t('campGrid.resolve', { count: unlocked }),
        okText: t('campGrid.solve'),
        okButtonProps: { 'data-testid': 'camp-solve-confirm' } as Record<string, string>,
        onOk: solve,
      });
    else void solve();
  };

  /** Export and print show the saved timetable: say so when there are edits. */
  const savedOnly = (run: () => void) => {
    if (!dirty) return run();
    modal.confirm({ title: t('campGrid.savedOnlyTitle'), content: t('campGrid.savedOnly'), okText: t('campGrid.continue'), onOk: run });
  };

  const onExport = () =>
    savedOnly(async () => {
      setBusy('export');
      try {
        const name = await campsApi.exportXlsx(camp.id, camp.title);
        message.success(t('campGrid.exported', { name }));
      } catch (err) {
        failed(err);
      } finally {
        setBusy(null);
      }
    });

  const reload = async () => {
    const fresh = await query.refetch();
    if (fresh.data) {
      setDraft({ base: fresh.data, cells: fresh.data.cells, history: [] });
      setConflict(false);
    }
  };

  const jump = (slot: Slot) => {
    const unit = model.units[slot.unitIndex];
    if (unit && day !== ALL) setDay(unit.date);
    setSelected(slot);
  };

  if (query.isLoading || (!draft && !query.error)) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (!draft) return <QueryError error={query.error} onRetry={() => query.refetch()} />;

  // Findings, worded in the user's language; a shortfall keeps the solver's reason while it still holds.
  const slotOf = (i: number | undefined) => (i === undefined ? undefined : cells[i] ? { groupId: cells[i].groupId, unitIndex: cells[i].unitIndex } : undefined);
  const violations: Finding[] = check.violations.map((v, i) => ({ key: `v${i}`, text: describeCampViolation(v, lang, names), slot: slotOf(v.cells[0]) }));
  const reasons = lastSolve ?? draft.base;
  const tally = (u: { groupId: string; sessionId: string; got: number; required: number }) => ({
    group: names.groups?.[u.groupId] ?? u.groupId,
    session: names.sessions?.[u.sessionId] ?? u.sessionId,
    got: u.got,
    required: u.required,
  });
  const unmet: Finding[] = check.unmet.map((u) => ({
    key: `u${u.groupId}|${u.sessionId}`,
    text: reasons.unmet.find((x) => x.groupId === u.groupId && x.sessionId === u.sessionId && x.got === u.got)?.text ?? t('camps.shortfall', tally(u)),
  }));
  const excess: Finding[] = check.excess.map((u) => ({ key: `e${u.groupId}|${u.sessionId}`, text: t('campGrid.excessOf', tally(u)) }));
  const problems: Finding[] = (lastSolve?.problems ?? []).map((p, i) => ({ key: `p${i}`, text: p.text }));

  // The chosen day may have gone with a change of dates.
  const activeDay = day === ALL || camp.days.includes(day) ? day : (camp.days[0] ?? ALL);
  const shown = activeDay === ALL ? model.units : model.units.filter((u) => u.date === activeDay);
  const incomplete = [
    !camp.groups.length && t('campFields.groups'),
    !camp.sessions.length && t('campGrid.catalogue'),
    !camp.volunteers.length && t('campGrid.volunteers'),
  ].filter((x): x is string => !!x);
  const subjects = [...new Set(camp.sessions.map((s) => s.subject))];

  const toolbar = (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
      <Segmented
        value={activeDay}
        onChange={(d) => setDay(String(d))}
        options={[...camp.days.map((d) => ({ value: d, label: dayLabel(d, lang) })), { value: ALL, label: t('campGrid.allDays') }]}
        data-testid="camp-day"
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      <Flex gap={8} wrap align="center">
        {dirty && (
          <Tag color="gold" data-testid="camp-dirty">
            {t('campGrid.unsaved')}
          </Tag>
        )}
        {!readOnly && (
          <>
            <Tooltip title={mobile ? t('campGrid.undo') : undefined}>
              <Button
                icon={<UndoOutlined />}
                disabled={!draft.history.length}
                onClick={() => setDraft((d) => (d?.history.length ? { ...d, cells: d.history[d.history.length - 1]!, history: d.history.slice(0, -1) } : d))}
                data-testid="camp-undo"
                aria-label={t('campGrid.undo')}
              >
                {!mobile && t('campGrid.undo')}
              </Button>
            </Tooltip>
            <Tooltip title={t('campGrid.revertHint')}>
              <Button
                icon={<RollbackOutlined />}
                disabled={!dirty}
                onClick={() => setDraft((d) => (d ? { ...d, cells: d.base.cells, history: [] } : d))}
                data-testid="camp-revert"
                aria-label={t('campGrid.revert')}
              >
                {!mobile && t('campGrid.revert')}
              </Button>
            </Tooltip>
            <Button
              icon={<ThunderboltOutlined />}
              onClick={onSolve}
              loading={busy === 'solve'}
              disabled={incomplete.length > 0 || !!busy}
              data-testid="camp-solve"
            >
              {t('campGrid.solve')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} onClick={onSave} loading={busy === 'save'} disabled={!dirty || !!busy} data-testid="camp-save">
              {t('common.save')}
            </Button>
          </>
        )}
        <Button icon={<FileExcelOutlined />} onClick={onExport} loading={busy === 'export'} disabled={!draft.base.cells.length} data-testid="camp-export">
          {t('campGrid.export')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => savedOnly(() => setPrinting(true))} data-testid="camp-print">
          {t('campGrid.print')}
        </Button>
      </Flex>
    </Flex>
  );

  const legend = (
    <Flex gap={6} wrap align="center" style={{ marginBottom: 8, fontSize: 12 }}>
      {subjects.map((s) => {
        const c = colourOf(s);
        return (
          <span key={s} style={{ background: c.bg, border: `1px solid ${c.border}`, color: c.text, borderRadius: 4, padding: '0 6px' }}>
            {s}
          </span>
        );
      })}
      <span style={{ border: '2px dashed #bfbfbf', borderRadius: 4, padding: '0 6px' }}>{t('campGrid.legendGame')}</span>
      <span style={{ border: '2px solid #ff4d4f', background: '#fff1f0', borderRadius: 4, padding: '0 6px' }}>{t('campGrid.legendClash')}</span>
      {!readOnly && <Typography.Text type="secondary">{t('campGrid.howTo')}</Typography.Text>}
    </Flex>
  );

  const cellPanel = selected && (
    <CellPanel
      key={`${slotKey(selected)}|${selectedCell?.sessionId ?? ''}`}
      camp={camp}
      model={model}
      cells={cells}
      slot={selected}
      readOnly={readOnly}
      onSet={(what) => apply(setSlot(cells, selected, what))}
      onClear={() => {
        apply(clearSlot(cells, selected));
        setSelected(null);
      }}
      onToggleLock={() => apply(toggleLock(cells, selected))}
      onClose={() => setSelected(null)}
    />
  );
  // Beside each other under the grid: a day of units needs the page's whole width.
  const span = cellPanel ? 8 : 12;

  return (
    <div data-testid="camp-timetable">
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('campGrid.conflict')}
          action={
            <Button size="small" onClick={reload} data-testid="camp-reload">
              {t('campGrid.reload')}
            </Button>
          }
          data-testid="camp-conflict"
        />
      )}
      {incomplete.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('campGrid.incomplete', { what: joinList(lang, incomplete) })} />
      )}
      {unknown > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('campGrid.unknownCells', { count: unknown })} />}
      {toolbar}
      {legend}
      {cells.length === 0 && incomplete.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={readOnly ? t('campGrid.emptyReadOnly') : t('campGrid.empty')}
          data-testid="camp-grid-empty"
        />
      )}
      {model.groups.length && model.units.length ? (
        <CampGrid
          units={model.units}
          shown={shown}
          model={model}
          view={view}
          selected={selected}
          sameVolunteer={highlight}
          busyUnits={busyUnits}
          dragFrom={dragFrom}
          dragOver={dragOver}
          readOnly={readOnly}
          onClick={onClick}
          onToggleLock={(slot) => apply(toggleLock(cells, slot))}
          onDragStart={(slot) => {
            setDragFrom(slot);
            setSelected(null);
          }}
          onDragOver={(slot) => setDragOver(slot ? slotKey(slot) : null)}
          onDrop={(slot) => {
            if (dragFrom) move(dragFrom, slot);
            setDragFrom(null);
            setDragOver(null);
          }}
          onDragEnd={() => {
            setDragFrom(null);
            setDragOver(null);
          }}
        />
      ) : (
        <Empty description={t('campGrid.noUnits')} />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {cellPanel && (
          <Col xs={24} lg={span}>
            {cellPanel}
          </Col>
        )}
        <Col xs={24} lg={span}>
          <FindingsPanel violations={violations} unmet={unmet} excess={excess} problems={problems} onJump={jump} />
        </Col>
        <Col xs={24} lg={span}>
          <LoadsPanel camp={camp} loads={loads} selected={focusVolunteer} onPick={setFocusVolunteer} />
        </Col>
      </Row>
      <PrintDialog
        camp={camp}
        open={printing}
        onClose={() => setPrinting(false)}
        onOpen={(kind, target) => {
          setPrinting(false);
          navigate(`/camps/${camp.id}/print/${kind}/${target}`);
        }}
      />
    </div>
  );
}
