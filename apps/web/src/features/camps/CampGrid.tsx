import { LockFilled, SmileOutlined, UnlockOutlined } from '@ant-design/icons';
import type { CampCell, CampModel, CampSession, CampUnit } from '@carebridge/shared';
import { Tooltip } from 'antd';
import type { DragEvent } from 'react';
import { useLang, useT } from '../../i18n/lang.tsx';
import { dayLabel, type SubjectColour } from './camp-format.ts';
import { type Slot, sameSlot, slotKey } from './grid-state.ts';

const CSS = `
.cg-wrap { overflow: auto; max-height: 72vh; border: 1px solid #f0f0f0; border-radius: 8px; background: #fff; }
.cg { border-collapse: separate; border-spacing: 0; font-size: 12px; }
.cg th, .cg td { border-bottom: 1px solid #f0f0f0; border-right: 1px solid #f0f0f0; padding: 0; }
.cg thead th { background: #fafafa; font-weight: 500; padding: 4px 2px; text-align: center; white-space: nowrap; position: sticky; z-index: 1; }
.cg thead tr:first-child th { top: 0; height: 28px; }
.cg thead tr:nth-child(2) th { top: 29px; }
.cg th.cg-group { position: sticky; left: 0; z-index: 2; background: #fafafa; min-width: 104px; max-width: 150px; padding: 4px 8px; text-align: left; font-weight: 500; white-space: normal; }
.cg thead th.cg-group { z-index: 3; }
.cg .cg-day-start { border-left: 3px solid #8c8c8c; }
.cg .cg-half-start { border-left: 2px solid #d9d9d9; }
.cg td.cg-slot { width: 96px; min-width: 96px; max-width: 96px; height: 60px; vertical-align: top; position: relative; }
.cg-hit { position: absolute; inset: 0; display: block; width: 100%; height: 100%; padding: 0; margin: 0; border: 0; background: transparent; font: inherit; color: inherit; text-align: left; cursor: pointer; outline: none; }
.cg td.cg-readonly .cg-hit { cursor: default; }
.cg-card { position: absolute; inset: 2px; border-radius: 6px; border: 1px solid; padding: 3px 5px; overflow: hidden; display: flex; flex-direction: column; gap: 1px; }
.cg-card.cg-game { border-style: dashed; border-width: 2px; }
.cg-title { font-weight: 600; max-height: 30px; line-height: 1.25; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; word-break: break-all; }
.cg-who { display: block; font-size: 11px; color: #595959; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; padding-right: 14px; }
.cg-more { position: absolute; top: 1px; right: 3px; font-size: 10px; color: #cf1322; font-weight: 600; }
.cg td.cg-clash { background: #fff1f0; }
.cg td.cg-clash .cg-card { border: 2px solid #ff4d4f !important; background: #fff1f0 !important; }
.cg td.cg-selected .cg-card, .cg td.cg-selected .cg-empty, .cg td.cg-selected .cg-blocked { outline: 3px solid #1677ff; outline-offset: -1px; }
.cg-hit:focus-visible .cg-card, .cg-hit:focus-visible .cg-empty, .cg-hit:focus-visible .cg-blocked { outline: 2px dashed #1677ff; }
.cg td.cg-same .cg-card { box-shadow: 0 0 0 2px #69b1ff; }
.cg td.cg-over { background: #e6f4ff; }
.cg td.cg-target:hover .cg-empty { background: #f0f5ff; border: 1px dashed #69b1ff; }
.cg-empty { position: absolute; inset: 2px; border-radius: 6px; border: 1px solid transparent; }
.cg-blocked { display: block; position: absolute; inset: 2px; border-radius: 4px; background: repeating-linear-gradient(135deg, #f5f5f5 0 6px, #ebebeb 6px 12px); color: #8c8c8c; font-size: 11px; padding: 3px 5px; overflow: hidden; line-height: 1.3; }
.cg-lock { position: absolute; z-index: 1; right: 1px; bottom: 1px; border: 0; background: transparent; padding: 2px 3px; cursor: pointer; color: #8c8c8c; opacity: 0; line-height: 1; font-size: 12px; }
.cg td:hover .cg-lock, .cg-lock.cg-locked, .cg-lock:focus-visible { opacity: 1; }
.cg-lock.cg-locked { color: #262626; }
@media (hover: none) { .cg-lock { opacity: .55; } }
.cg-busy { color: #ff4d4f; font-weight: 700; margin-left: 2px; }
.cg td.cg-dragging .cg-card { opacity: .4; }
@media (max-width: 575px) {
  .cg th.cg-group { min-width: 68px; max-width: 84px; padding: 4px; font-size: 11px; }
  .cg td.cg-slot { width: 84px; min-width: 84px; max-width: 84px; }
}
`;

export interface CellView {
  cell: CampCell;
  /** More cells in the same slot (a group booked twice). */
  more: number;
  session: CampSession | undefined;
  volunteer: string;
  colour: SubjectColour;
  clash: boolean;
}

interface Props {
  units: readonly CampUnit[];
  /** The units shown (one day, or all). */
  shown: readonly CampUnit[];
  model: CampModel;
  view: (slot: Slot) => CellView | undefined;
  selected: Slot | null;
  /** The selected cell's volunteer: their other cells are outlined, units where they are busy marked. */
  sameVolunteer: string | null;
  busyUnits: ReadonlySet<number>;
  dragFrom: Slot | null;
  dragOver: string | null;
  readOnly: boolean;
  onClick: (slot: Slot) => void;
  onToggleLock: (slot: Slot) => void;
  onDragStart: (slot: Slot) => void;
  onDragOver: (slot: Slot | null) => void;
  onDrop: (slot: Slot) => void;
  onDragEnd: () => void;
}

interface SlotProps {
  slot: Slot;
  view: CellView | undefined;
  blocked: string | null;
  /** First unit of a run of the same fixed event (its title shows there). */
  blockedStart: boolean;
  classes: string;
  selected: boolean;
  readOnly: boolean;
  unitLabel: string;
  handlers: Pick<Props, 'onClick' | 'onToggleLock' | 'onDragStart' | 'onDragOver' | 'onDrop' | 'onDragEnd'>;
}

function GridSlot({ slot, view, blocked, blockedStart, classes, selected, readOnly, unitLabel, handlers }: SlotProps) {
  const t = useT();
  const cell = view?.cell;
  const draggable = !readOnly && !!cell && !cell.locked;
  const label = cell ? `${unitLabel} ${view?.session?.title ?? cell.sessionId} ${view?.volunteer ?? ''}` : `${unitLabel} ${blocked ?? t('campGrid.free')}`;
  return (
    <td
      className={`cg-slot ${classes}${readOnly ? ' cg-readonly' : ''}${cell ? '' : ' cg-target'}`}
      data-testid={view?.clash ? 'cell-clash' : 'camp-cell'}
      data-group={slot.groupId}
      data-unit={slot.unitIndex}
      data-session={cell?.sessionId}
      data-volunteer={cell?.volunteerId}
      data-locked={cell?.locked ? 'true' : undefined}
      data-selected={selected ? 'true' : undefined}
    >
      {/* The whole slot is one button: click (or Enter) to select or to drop the selected cell here; drag it, or drop onto it. */}
      <button
        type="button"
        className="cg-hit"
        aria-pressed={selected}
        aria-label={label}
        title={cell ? `${view?.session?.subject ?? ''} · ${view?.session?.title ?? cell.sessionId}\n${view?.volunteer ?? ''}` : (blocked ?? undefined)}
        draggable={draggable}
        onClick={() => handlers.onClick(slot)}
        onDragStart={(e: DragEvent) => {
          if (!draggable) {
            e.preventDefault();
            return;
          }
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', slotKey(slot));
          handlers.onDragStart(slot);
        }}
        onDragEnd={handlers.onDragEnd}
        onDragOver={(e: DragEvent) => {
          if (readOnly) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          handlers.onDragOver(slot);
        }}
        onDragLeave={() => handlers.onDragOver(null)}
        onDrop={(e: DragEvent) => {
          e.preventDefault();
          handlers.onDrop(slot);
        }}
      >
        {blocked && !cell && <span className="cg-blocked">{blockedStart ? blocked : ''}</span>}
        {!cell && !blocked && <span className="cg-empty" />}
        {cell && view && (
          <span
            className={`cg-card${view.session?.kind === 'game' ? ' cg-game' : ''}`}
            style={{ background: view.colour.bg, borderColor: view.colour.border, color: view.colour.text }}
          >
            <span className="cg-title">
              {view.session?.kind === 'game' && <SmileOutlined style={{ marginRight: 3 }} />}
              {view.session?.title ?? cell.sessionId}
            </span>
            <span className="cg-who">{view.volunteer}</span>
            {view.more > 0 && <span className="cg-more">+{view.more}</span>}
          </span>
        )}
      </button>
      {cell && !readOnly && (
        <button
          type="button"
          className={`cg-lock${cell.locked ? ' cg-locked' : ''}`}
          aria-label={cell.locked ? t('campGrid.unlock') : t('campGrid.lock')}
          title={cell.locked ? t('campGrid.unlock') : t('campGrid.lock')}
          data-testid={cell.locked ? 'cell-locked' : 'cell-lock'}
          onClick={() => handlers.onToggleLock(slot)}
        >
          {cell.locked ? <LockFilled /> : <UnlockOutlined />}
        </button>
      )}
      {cell?.locked && readOnly && (
        <span className="cg-lock cg-locked" data-testid="cell-locked">
          <LockFilled />
        </span>
      )}
    </td>
  );
}

/**
 * The timetable grid: groups down, the units of the chosen day(s) across, days and half-days
 * separated by heavier lines. Cells are tinted by subject, games dashed, clashes red, locked cells
 * carry a lock. Drag a cell onto another to move or swap, or click one and then the target.
 */
export function CampGrid(props: Props) {
  const { units, shown, model, view, selected, sameVolunteer, busyUnits, dragFrom, dragOver, readOnly } = props;
  const t = useT();
  const { lang } = useLang();
  const days: { date: string; count: number }[] = [];
  for (const u of shown) {
    const last = days[days.length - 1];
    if (last && last.date === u.date) last.count++;
    else days.push({ date: u.date, count: 1 });
  }
  const edgeClass = (u: CampUnit, i: number) => {
    const prev = shown[i - 1];
    if (!prev || prev.date !== u.date) return i === 0 ? '' : 'cg-day-start';
    return prev.half !== u.half ? 'cg-half-start' : '';
  };
  const handlers = {
    onClick: props.onClick,
    onToggleLock: props.onToggleLock,
    onDragStart: props.onDragStart,
    onDragOver: props.onDragOver,
    onDrop: props.onDrop,
    onDragEnd: props.onDragEnd,
  };
  const unitLabel = (u: CampUnit) => `${dayLabel(u.date, lang, 'noWeekday')} ${u.start}`;

  return (
    <div className="cg-wrap" data-testid="camp-grid">
      <style>{CSS}</style>
      <table className="cg">
        <thead>
          <tr>
            <th rowSpan={2} className="cg-group">
              {t('campGrid.group')}
            </th>
            {days.map((d, i) => (
              <th key={d.date} colSpan={d.count} className={i > 0 ? 'cg-day-start' : ''}>
                {dayLabel(d.date, lang)}
              </th>
            ))}
          </tr>
          <tr>
            {shown.map((u, i) => (
              <th key={u.index} className={edgeClass(u, i)}>
                {busyUnits.has(u.index) ? (
                  <Tooltip title={t('campGrid.busyHere')}>
                    <span>
                      {u.start}
                      <span className="cg-busy">•</span>
                    </span>
                  </Tooltip>
                ) : (
                  u.start
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.groups.map((g, gi) => (
            <tr key={g.id}>
              <th className="cg-group" scope="row">
                {g.name}
              </th>
              {shown.map((u, i) => {
                const slot = { groupId: g.id, unitIndex: u.index };
                const v = view(slot);
                const blocked = model.blocked[gi * model.U + u.index] ?? null;
                const prevUnit = units[u.index - 1];
                const blockedStart = !!blocked && (i === 0 || !prevUnit || prevUnit.half !== u.half || model.blocked[gi * model.U + u.index - 1] !== blocked);
                const isSelected = sameSlot(selected, slot);
                const classes = [
                  edgeClass(u, i),
                  v?.clash ? 'cg-clash' : '',
                  isSelected ? 'cg-selected' : '',
                  !isSelected && sameVolunteer && v?.cell.volunteerId === sameVolunteer ? 'cg-same' : '',
                  dragOver === slotKey(slot) ? 'cg-over' : '',
                  sameSlot(dragFrom, slot) ? 'cg-dragging' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <GridSlot
                    key={u.index}
                    slot={slot}
                    view={v}
                    blocked={blocked}
                    blockedStart={blockedStart}
                    classes={classes}
                    selected={isSelected}
                    readOnly={readOnly}
                    unitLabel={unitLabel(u)}
                    handlers={handlers}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
