/** 支教夏令营 timetable: input types and schemas, the checker, the solver, wording and the seed camp. */
export { checkTimetable } from './check.ts';
export { type CampNames, campNames, describeCampViolation, explain } from './explain.ts';
export { buildCampModel, type CampModel } from './model.ts';
export { SEED_CAMP_DAYS, SEED_GROUP_AGES, seedCamp, seedCampDates } from './seed-camp.ts';
export { solveCamp } from './solver.ts';
export {
  CAMP_VIOLATION_CODES,
  type CampCell,
  type CampCellLike,
  type CampCheck,
  CampGroup,
  CampInput,
  CampOptions,
  type CampProblem,
  type CampProblemCode,
  CampSession,
  type CampTally,
  type CampTimetable,
  type CampUnit,
  type CampViolation,
  type CampViolationCode,
  CampVolunteer,
  ClockTime,
  campUnits,
  DatedSpan,
  DEFAULT_MAX_LESSONS_IN_ROW,
  DEFAULT_UNIT_MINUTES,
  FixedEvent,
  LockedCell,
  SESSION_KINDS,
  type SessionKind,
  TimeWindow,
  type Unmet,
  type UnmetReason,
  type UnmetReasonCode,
} from './types.ts';
