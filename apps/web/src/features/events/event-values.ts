import type { EventView, TeamRules } from '@carebridge/shared';
import { todayInShanghai } from '../../lib/dates.ts';

/** The event form's values: dates 'YYYY-MM-DD' strings, the organiser as "region:<id>" or "school:<id>". */
export interface EventValues {
  organiser?: string;
  title?: string;
  description?: string | null;
  sport?: string | null;
  registrationOpens?: string | null;
  registrationDeadline?: string | null;
  eventDate?: string | null;
  place?: string | null;
  unitIds?: string[];
  rules?: Partial<TeamRules>;
}

export const DEFAULT_RULES: TeamRules = {
  leaders: 1,
  maxCoaches: 1,
  minPlayers: 8,
  maxPlayers: 12,
  leaderMayPlay: true,
  coachMayPlay: true,
  maxJointUnits: 2,
};

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** A new event: registration from today for two weeks, the event a fortnight later, the usual football rules. */
export function newEventValues(organiser: string | undefined, today = todayInShanghai()): EventValues {
  return {
    ...(organiser ? { organiser } : {}),
    registrationOpens: today,
    registrationDeadline: addDays(today, 14),
    eventDate: addDays(today, 28),
    unitIds: [],
    rules: DEFAULT_RULES,
  };
}

/** An event's values; its units as shown (the server does not say whether they were listed or are "all"). */
export function toEventValues(e: EventView): EventValues {
  return {
    title: e.title,
    description: e.description ?? '',
    sport: e.sport ?? '',
    registrationOpens: e.registrationOpens,
    registrationDeadline: e.registrationDeadline,
    eventDate: e.eventDate,
    place: e.place ?? '',
    unitIds: e.units.map((u) => u.id),
    rules: e.rules,
  };
}

function common(v: EventValues) {
  return {
    title: v.title?.trim() ?? '',
    description: text(v.description),
    sport: text(v.sport),
    registrationOpens: v.registrationOpens ?? '',
    registrationDeadline: v.registrationDeadline ?? '',
    eventDate: v.eventDate ?? '',
    place: text(v.place),
    unitIds: v.unitIds ?? [],
    rules: { ...DEFAULT_RULES, ...v.rules },
  };
}

export function createPayload(v: EventValues) {
  const [kind, id] = (v.organiser ?? '').split(':');
  return { ...(kind === 'school' ? { schoolId: id } : { regionId: id }), ...common(v) };
}

/** Every field with the version; the units only when they were changed, so that "every school" stays so. */
export function updatePayload(v: EventValues, version: number, unitsChanged: boolean) {
  const { unitIds, ...rest } = common(v);
  return { ...rest, ...(unitsChanged ? { unitIds } : {}), version };
}
