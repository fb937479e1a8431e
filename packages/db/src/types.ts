import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Portable column conventions: ids are UUIDv7 text; timestamps are ISO-8601 UTC text; calendar
 * dates are YYYY-MM-DD text; booleans are integers 0/1; JSON is text. The same rows then move
 * unchanged between SQLite, PostgreSQL and Citus.
 */
export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
  code: string | null;
  /** Materialised path of ids, "/root/child/self/", for subtree filters with LIKE. */
  path: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SchoolTable {
  id: string;
  region_id: string;
  /** Copy of the region's path, so that region scopes filter schools without a join. */
  region_path: string;
  name: string;
  code: string | null;
  kind: string;
  address: string | null;
  phone: string | null;
  /** Children one mentor takes before pairing warns (not refuses). */
  mentor_limit: Generated<number>;
  /** Days an author may still edit or delete a care record. */
  record_edit_days: Generated<number>;
  /** JSON list of incident notification steps; null: the seed's defaults. */
  incident_chain: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TermTable {
  id: string;
  school_id: string;
  academic_year: string;
  semester: number;
  start_date: string;
  end_date: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ClassTable {
  id: string;
  school_id: string;
  grade: number;
  name: string;
  head_teacher_id: string | null;
  pupil_count: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  password_hash: string;
  active: number;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  scope_kind: string;
  /** Region, school or class id; null for global roles. */
  scope_id: string | null;
  /** The school the scope lies in (school and class scopes), for filters and sharding. */
  school_id: string | null;
  /** The region path the scope lies in (all but global), for region-wide user lists. */
  region_path: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database holds no usable session. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptTable {
  id: string;
  username: string;
  ip: string;
  success: number;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  school_id: string | null;
  region_path: string | null;
  summary: string | null;
  ip: string | null;
}

export interface LeadershipMemberTable {
  id: string;
  school_id: string;
  user_id: string | null;
  name: string;
  position: string;
  title: string | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DutyTable {
  id: string;
  school_id: string;
  office: string;
  duty: string;
  user_id: string | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ChildTable {
  id: string;
  school_id: string;
  class_id: string | null;
  status: string;
  status_note: string | null;
  name: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string;
  id_number: string | null;
  hukou_registered: number | null;
  hukou_rural: number | null;
  hukou_place: string | null;
  address: string | null;
  schooling: string | null;
  health: string | null;
  disability_category: string | null;
  disability_grade: string | null;
  illness: string | null;
  boarding: string | null;
  host_name: string | null;
  host_phone: string | null;
  host_address: string | null;
  father_name: string | null;
  father_birth_date: string | null;
  father_id_number: string | null;
  father_phone: string | null;
  father_status: string | null;
  father_work_province: string | null;
  father_work_city: string | null;
  father_work_address: string | null;
  father_employer: string | null;
  father_away_since: string | null;
  father_home_frequency: string | null;
  mother_name: string | null;
  mother_birth_date: string | null;
  mother_id_number: string | null;
  mother_phone: string | null;
  mother_status: string | null;
  mother_work_province: string | null;
  mother_work_city: string | null;
  mother_work_address: string | null;
  mother_employer: string | null;
  mother_away_since: string | null;
  mother_home_frequency: string | null;
  left_behind_reason: string | null;
  paternal_grandfather_name: string | null;
  paternal_grandfather_birth_date: string | null;
  paternal_grandmother_name: string | null;
  paternal_grandmother_birth_date: string | null;
  maternal_grandfather_name: string | null;
  maternal_grandfather_birth_date: string | null;
  maternal_grandmother_name: string | null;
  maternal_grandmother_birth_date: string | null;
  guardian_relation: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  guardian_id_number: string | null;
  guardian_age: number | null;
  guardian_health: string | null;
  guardian_education: string | null;
  guardian_address: string | null;
  guardian_entrusted: number | null;
  custody_quality: string | null;
  income_sources: string | null;
  assistance: string | null;
  study_level: string | null;
  study_note: string | null;
  psychology_level: string | null;
  psychology_note: string | null;
  safety_level: string | null;
  safety_note: string | null;
  conduct_level: string | null;
  conduct_note: string | null;
  life_level: string | null;
  life_note: string | null;
  key_support: number | null;
  key_support_reason: string | null;
  remarks: string | null;
  name_pinyin: string;
  name_initials: string;
  left_behind_type: string;
  xueji_code: number;
  narrow_base: number;
  /** Comma-wrapped list (",poverty,disability,") so one category filters with LIKE. */
  difficulty: string;
  three_clear: number;
  /** The day the child entered its current school (created, imported or transferred in), Asia/Shanghai. */
  entered_on: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChildHistoryTable {
  id: string;
  child_id: string;
  school_id: string;
  at: string;
  user_id: string | null;
  user_name: string | null;
  action: string;
  note: string | null;
  /** JSON: [{ field, old, new }]. */
  changes: string;
}

export interface RosterImportTable {
  id: string;
  school_id: string;
  class_id: string | null;
  user_id: string;
  file_name: string;
  status: string;
  /** JSON of the preview summary and columns. */
  summary: string;
  /** JSON of the parsed rows, applied on commit. */
  payload: string;
  created_at: string;
  expires_at: string;
}

export interface PairingTable {
  id: string;
  school_id: string;
  child_id: string;
  mentor_id: string;
  term_id: string | null;
  start_date: string;
  /** Null while the pairing is active. */
  end_date: string | null;
  note: string | null;
  end_reason: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CareRecordTable {
  id: string;
  school_id: string;
  kind: string;
  date: string;
  author_id: string | null;
  author_name: string | null;
  participants: string | null;
  summary: string;
  /** JSON of the kind's own fields. */
  details: string | null;
  confidential: number;
  follow_up_needed: number;
  follow_up_date: string | null;
  follow_up_done: number;
  deleted_at: string | null;
  deleted_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CareRecordChildTable {
  record_id: string;
  child_id: string;
  school_id: string;
  /** Copies of the record's kind and date, so "last talk per child" reads one index. */
  kind: string;
  date: string;
  /** 1 once the record is withdrawn, so counts need no join. */
  withdrawn: Generated<number>;
}

export interface CareRecordPhotoTable {
  id: string;
  record_id: string;
  school_id: string;
  path: string;
  width: number;
  height: number;
  size: number;
  created_by: string | null;
  created_at: string;
}

export interface CarePolicyTable {
  id: string;
  school_id: string | null;
  region_id: string | null;
  version: number;
  effective_from: string;
  /** JSON: CareRule[]. */
  rules: string;
  /** JSON: RiskConfig. */
  risk: string;
  created_by: string | null;
  created_at: string;
}

/** Per-school change stamp, bumped by triggers on every write to what compliance tallies read (cache invalidation). */
export interface ComplianceStampTable {
  school_id: string;
  stamp: number;
  changed_at: string;
  /** 1 while a bulk writer's transaction holds the stamp (SQLite's row triggers then leave it alone); never committed as 1. */
  held: Generated<number>;
}

/**
 * The change stamp of a school's care-record links and activity attendance dated in one month, moved by
 * database triggers on every write of them (compliance_stamps leaves these two tables to it).
 */
export interface ComplianceMonthStampTable {
  school_id: string;
  /** `YYYY-MM` of the rows' date. */
  month: string;
  stamp: number;
}

/** A school's compliance counts of a month, kept across processes (a cache; see compliance/stored-tallies.ts). */
export interface ComplianceTallyTable {
  school_id: string;
  /** `YYYY-MM-DD..YYYY-MM-DD`: a whole calendar month, or a month's start to today. */
  period: string;
  /** '' for a month over; for one not over, the day its counts hold for (due and overdue depend on it). */
  as_of: string;
  /** The school's change stamp the counts were taken under. */
  stamp: number;
  /** Hash of the counting code and the school's policy at the time. */
  version: string;
  /** The counts as JSON. */
  tally: string;
  counted_at: string;
}

/** A current child's early-warning level (compliance/risk-levels.ts); no stamp triggers. */
export interface ChildRiskTable {
  child_id: string;
  school_id: string;
  /** low / medium / high, as computed on its school's `school_risks.as_of`. */
  level: string;
  /** The level the school's leaders and the child's mentor were last told of (null: none, as low). */
  told_level: string | null;
}

/** Under what a school's `child_risks` were computed, and its current children per level. */
export interface SchoolRiskTable {
  school_id: string;
  /** The school's change stamp (compliance_stamps) read before its data was. */
  stamp: number;
  /** The day (Asia/Shanghai) the levels hold for. */
  as_of: string;
  /** Hash of what else the levels depend on: the school's policy, its incidents, the code. */
  inputs: string;
  high: number;
  medium: number;
  low: number;
  computed_at: string;
}

export interface DueExcuseTable {
  id: string;
  school_id: string;
  child_id: string;
  rule_key: string;
  window_start: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  school_id: string | null;
  kind: string;
  dedupe_key: string;
  /** A message key (new rows) or, for rows written before issue 8, the zh-CN text. */
  title: string;
  /** JSON parameters of the message key; null for old rows. */
  params: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface IncidentTable {
  id: string;
  school_id: string;
  kind: string;
  severity: string;
  occurred_at: string;
  place: string | null;
  description: string;
  immediate_actions: string | null;
  answers: string;
  situations: string;
  mandatory: number;
  police_reported_at: string | null;
  police_reporter_name: string | null;
  police_unit: string | null;
  police_receipt: string | null;
  police_method: string | null;
  police_recorded_by: string | null;
  police_recorded_at: string | null;
  reporter_id: string | null;
  reporter_name: string;
  status: string;
  closed_at: string | null;
  /** The bureau's acknowledgement (签收, from 20261205T0900): when, who (name and account), its instruction (批示). */
  bureau_ack_at: string | null;
  bureau_ack_by: string | null;
  bureau_ack_by_id: string | null;
  bureau_ack_instruction: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IncidentChildTable {
  incident_id: string;
  child_id: string;
  /** The school where the incident happened. */
  school_id: string;
  /** How the child was named when linked to the case (kept after a transfer); null only for links written without it. */
  child_name: string | null;
  /** The child's class at the case's school when linked (its class teacher keeps the case); null if it had none. */
  class_id: string | null;
  class_name: string | null;
}

export interface IncidentNoticeTable {
  id: string;
  incident_id: string;
  target: string;
  due_at: string | null;
  done_at: string | null;
  method: string | null;
  contact_name: string | null;
  note: string | null;
  recorded_by: string | null;
  /** The account that recorded it (null before 20261129T1100, and for steps nobody recorded). */
  recorded_by_id: string | null;
  /** reached | not_reached (20261208T1000; earlier rows reached). A not-reached row is an attempt, the step it tried in `step_id`. */
  reach: Generated<string>;
  /** For an attempt that reached nobody: the chain step it tried (which still waits); null otherwise. */
  step_id: string | null;
  sort_order: number;
  created_at: string;
}

export interface IncidentActionTable {
  id: string;
  incident_id: string;
  kind: string;
  at: string;
  text: string;
  outcome: string | null;
  document_no: string | null;
  care_record_id: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: string;
}

export interface ActivityTable {
  id: string;
  school_id: string;
  kind: string;
  custom_kind: string | null;
  title: string;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  organiser_id: string | null;
  organiser_name: string | null;
  target_scope: string;
  target_value: string | null;
  description: string | null;
  capacity: number | null;
  topics: string;
  status: string;
  outcome: string | null;
  minutes: string | null;
  decisions: string | null;
  series_id: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ActivityPersonTable {
  id: string;
  activity_id: string;
  school_id: string;
  child_id: string | null;
  name: string;
  person_kind: string;
  adult_role: string | null;
  class_name: string | null;
  kind: string;
  date: string;
  applied_at: string | null;
  present: number;
}

export interface ActivityTaskTable {
  id: string;
  activity_id: string;
  text: string;
  owner_id: string | null;
  owner_name: string | null;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
}

export interface ContestEntryTable {
  id: string;
  activity_id: string;
  child_id: string;
  title: string;
  consent: number;
  text: string | null;
  scores: string;
  award: string | null;
  created_at: string;
}

export interface ActivityFileTable {
  id: string;
  activity_id: string;
  school_id: string;
  file_kind: string;
  name: string;
  path: string;
  mime: string;
  width: number | null;
  height: number | null;
  size: number;
  created_by: string | null;
  created_at: string;
}

export interface SafetyPlanTable {
  id: string;
  school_id: string;
  term_id: string;
  topics: string;
  updated_at: string;
}

export interface SafetyDutyTable {
  id: string;
  school_id: string;
  user_id: string;
  area: string;
  class_id: string | null;
  name: string;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampTable {
  id: string;
  school_id: string;
  title: string;
  place: string | null;
  start_date: string;
  end_date: string;
  windows: string;
  unit_minutes: number;
  fixed_events: string;
  max_lessons_in_row: number;
  groups: string;
  sessions: string;
  timetable: string;
  solved_at: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampVolunteerTable {
  id: string;
  camp_id: string;
  user_id: string | null;
  name: string;
  phone: string | null;
  leader: number;
  session_ids: string;
  available: string | null;
  max_units: number | null;
  sort_order: number;
}

export interface CampChildTable {
  id: string;
  camp_id: string;
  child_id: string | null;
  name: string;
  grade: string | null;
  group_id: string;
  sort_order: number;
}

export interface CampPhotoTable {
  id: string;
  camp_id: string;
  school_id: string;
  date: string;
  caption: string | null;
  path: string;
  width: number;
  height: number;
  size: number;
  created_by: string | null;
  created_at: string;
}

export interface CampaignTable {
  id: string;
  school_id: string;
  title: string;
  date: string;
  description: string | null;
  target_scope: string;
  target_value: string | null;
  checklist: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CampaignGroupTable {
  id: string;
  campaign_id: string;
  name: string;
  leader_id: string;
  member_ids: string;
  sort_order: number;
}

export interface CampaignPlaceTable {
  id: string;
  campaign_id: string;
  group_id: string | null;
  kind: string;
  label: string;
  address: string | null;
  child_ids: string;
  visited_at: string | null;
  visited_by: string | null;
  care_record_id: string | null;
  answers: string | null;
  note: string | null;
  sort_order: number;
}

export interface EventTable {
  id: string;
  region_id: string | null;
  school_id: string | null;
  /** The organiser's region path (a school's region for a school event), for scope filters. */
  scope_path: string;
  title: string;
  description: string | null;
  sport: string | null;
  registration_opens: string;
  registration_deadline: string;
  event_date: string;
  place: string | null;
  unit_ids: string;
  rules: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EventTeamTable {
  id: string;
  event_id: string;
  school_id: string;
  name: string;
  unit_ids: string;
  contact_name: string;
  contact_phone: string;
  members: string;
  joint_reason: string | null;
  status: string;
  return_reason: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DonationTable {
  id: string;
  school_id: string;
  event_id: string | null;
  item: string;
  quantity: number | null;
  value: number | null;
  donor: string;
  date: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface RosterSubmissionTable {
  id: string;
  level: string;
  school_id: string;
  class_id: string | null;
  term_id: string;
  status: string;
  snapshot: string | null;
  summary: string | null;
  children: number;
  comment: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BriefingTable {
  id: string;
  school_id: string | null;
  region_id: string | null;
  scope_path: string;
  from_date: string;
  to_date: string;
  title: string;
  unit: string;
  sections: string;
  figures: string;
  photo_ids: string;
  name_children: number;
  /** JSON: coverage by month and work by kind, as drafted (null for briefings before it). */
  charts: string | null;
  created_by: string | null;
  created_by_name: string;
  generated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  regions: RegionTable;
  schools: SchoolTable;
  terms: TermTable;
  classes: ClassTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  leadership_members: LeadershipMemberTable;
  duties: DutyTable;
  children: ChildTable;
  child_history: ChildHistoryTable;
  roster_imports: RosterImportTable;
  pairings: PairingTable;
  care_records: CareRecordTable;
  care_record_children: CareRecordChildTable;
  care_record_photos: CareRecordPhotoTable;
  care_policies: CarePolicyTable;
  due_excuses: DueExcuseTable;
  compliance_stamps: ComplianceStampTable;
  compliance_month_stamps: ComplianceMonthStampTable;
  compliance_tallies: ComplianceTallyTable;
  child_risks: ChildRiskTable;
  school_risks: SchoolRiskTable;
  notifications: NotificationTable;
  incidents: IncidentTable;
  incident_children: IncidentChildTable;
  incident_notices: IncidentNoticeTable;
  incident_actions: IncidentActionTable;
  activities: ActivityTable;
  activity_people: ActivityPersonTable;
  activity_tasks: ActivityTaskTable;
  contest_entries: ContestEntryTable;
  activity_files: ActivityFileTable;
  safety_plans: SafetyPlanTable;
  safety_duties: SafetyDutyTable;
  camps: CampTable;
  camp_volunteers: CampVolunteerTable;
  camp_children: CampChildTable;
  camp_photos: CampPhotoTable;
  campaigns: CampaignTable;
  campaign_groups: CampaignGroupTable;
  campaign_places: CampaignPlaceTable;
  events: EventTable;
  event_teams: EventTeamTable;
  donations: DonationTable;
  roster_submissions: RosterSubmissionTable;
  briefings: BriefingTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
export type { Generated };
