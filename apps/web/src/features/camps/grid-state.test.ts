import { buildCampModel, checkTimetable, seedCamp, solveCamp } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { clearSlot, moveCell, sameCells, setSlot, splitUnknown, toggleLock, volunteerOptions } from './grid-state.ts';

const cell = (groupId: string, unitIndex: number, sessionId = 'music', volunteerId = 'v01', locked = false) => ({
  groupId,
  unitIndex,
  sessionId,
  volunteerId,
  locked,
});

describe('camp grid edits', () => {
  it('moves a cell to a free slot and swaps with a filled one', () => {
    const cells = [cell('g1', 0), cell('g1', 1, 'art', 'v05')];
    const moved = moveCell(cells, { groupId: 'g1', unitIndex: 0 }, { groupId: 'g2', unitIndex: 3 });
    expect(moved).toEqual({ cells: [cell('g2', 3), cell('g1', 1, 'art', 'v05')] });
    const swapped = moveCell(cells, { groupId: 'g1', unitIndex: 0 }, { groupId: 'g1', unitIndex: 1 });
    expect(swapped).toEqual({ cells: [cell('g1', 1), cell('g1', 0, 'art', 'v05')] });
  });

  it('keeps locked cells and refuses empty or same-slot moves', () => {
    const cells = [cell('g1', 0, 'music', 'v01', true), cell('g1', 1)];
    expect(moveCell(cells, { groupId: 'g1', unitIndex: 0 }, { groupId: 'g1', unitIndex: 2 })).toEqual({ blocked: 'locked' });
    expect(moveCell(cells, { groupId: 'g1', unitIndex: 1 }, { groupId: 'g1', unitIndex: 0 })).toEqual({ blocked: 'locked' });
    expect(moveCell(cells, { groupId: 'g1', unitIndex: 5 }, { groupId: 'g1', unitIndex: 2 })).toEqual({ blocked: 'empty' });
    expect(moveCell(cells, { groupId: 'g1', unitIndex: 1 }, { groupId: 'g1', unitIndex: 1 })).toEqual({ blocked: 'same' });
  });

  it('locks, clears and sets slots; compares timetables regardless of order', () => {
    const cells = [cell('g1', 0), cell('g1', 1)];
    expect(toggleLock(cells, { groupId: 'g1', unitIndex: 1 })[1]?.locked).toBe(true);
    expect(clearSlot(cells, { groupId: 'g1', unitIndex: 0 })).toEqual([cell('g1', 1)]);
    expect(setSlot(cells, { groupId: 'g2', unitIndex: 0 }, { sessionId: 'art', volunteerId: 'v05' })).toHaveLength(3);
    expect(setSlot(cells, { groupId: 'g1', unitIndex: 0 }, { sessionId: 'art', volunteerId: 'v05' })[0]).toEqual(cell('g1', 0, 'art', 'v05'));
    expect(sameCells(cells, [...cells].reverse())).toBe(true);
    expect(sameCells(cells, toggleLock(cells, { groupId: 'g1', unitIndex: 0 }))).toBe(false);
  });

  it('a move onto a unit where the volunteer teaches another group is a clash the checker names', () => {
    const input = seedCamp();
    const { cells } = solveCamp(input);
    expect(checkTimetable(input, cells).violations).toEqual([]);
    const a = cells[0]!;
    const busy = cells.find((c) => c.volunteerId === a.volunteerId && c.groupId !== a.groupId)!;
    const moved = moveCell(cells, a, { groupId: a.groupId, unitIndex: busy.unitIndex });
    if (!('cells' in moved)) throw new Error('not moved');
    const codes = checkTimetable(input, moved.cells).violations.map((v) => v.code);
    expect(codes).toContain('volunteer_double');
    // The volunteer picker names where they are busy.
    const model = buildCampModel(input);
    const options = volunteerOptions(model, cells, { groupId: a.groupId, unitIndex: busy.unitIndex }, a.sessionId);
    expect(options.find((o) => o.id === a.volunteerId)?.busy).toBe(busy.groupId);
    expect(options[0]?.qualified).toBe(true);
  });

  it('drops cells that name what no longer exists', () => {
    const model = buildCampModel(seedCamp());
    const { kept, dropped } = splitUnknown([cell('g1', 0), cell('gone', 0), cell('g1', 999), cell('g1', 1, 'nope')], model);
    expect(kept).toHaveLength(1);
    expect(dropped).toHaveLength(3);
  });
});
