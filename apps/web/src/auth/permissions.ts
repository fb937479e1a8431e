import type { MeResponse, Role } from '@carebridge/shared';

export type NavKey =
  | 'workbench'
  | 'mine'
  | 'children'
  | 'careRecords'
  | 'pairings'
  | 'rosters'
  | 'regions'
  | 'schools'
  | 'terms'
  | 'classes'
  | 'users'
  | 'organisation'
  | 'audit'
  | 'compliance'
  | 'carePolicy'
  | 'incidents'
  | 'activities'
  | 'safety'
  | 'camps'
  | 'campaigns'
  | 'stats'
  | 'submissions'
  | 'briefings'
  | 'events';

const MANAGERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader'];
/** Roles whose work needs the child archives (DOMAIN.md "Who uses it"); mentors and volunteers get their own views later. */
const CHILD_READERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'class_teacher', 'counsellor'];
/** Roles that register children and keep archives current (class teachers for their classes, the school's offices for the school). */
const CHILD_KEEPERS: Role[] = ['system_admin', 'school_leader', 'moral_education', 'class_teacher'];
/** Everyone who sees children reads their care records (mentors those of their own children). */
const CARE_READERS: Role[] = [...CHILD_READERS, 'mentor'];
/** Roles that write care records for the children they see (administrators and bureau officers read). */
const CARE_WRITERS: Role[] = ['school_leader', 'moral_education', 'class_teacher', 'counsellor', 'mentor'];
/** Leaders, the moral-education office and administrators pair mentors with children. */
const PAIRING_MANAGERS: Role[] = ['system_admin', 'school_leader', 'moral_education'];
/** Who reads how the care work is going (关爱工作完成情况) and the care policy behind it. */
const COMPLIANCE_READERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education'];
/**
 * Any staff member who sees a child may report a safety incident about it, and volunteers those at
 * their camp (from the camp's page; the menu entry lists what they reported).
 */
const INCIDENT_REPORTERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'class_teacher', 'counsellor', 'mentor', 'volunteer'];

/** Who reads the dashboards (统计): the school's leaders, moral-education office and counsellors; the bureau its region's. */
const STATS_READERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'counsellor'];
/** Roster submission (花名册报送): class teachers submit their class, leaders review and submit the school's, the bureau reviews. */
const SUBMISSION_USERS: Role[] = [...STATS_READERS, 'class_teacher'];
/** Who drafts work briefings (工作简报). */
const BRIEFING_WRITERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education'];

/** Everyone working in a school reads its activities and its safety-education coverage (bureau officers those of their region). */
const ACTIVITY_READERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education', 'class_teacher', 'counsellor', 'mentor'];
/** Who plans activities: leaders, the moral-education office and counsellors for the school, class teachers for their class. */
const ACTIVITY_PLANNERS: Role[] = ['system_admin', 'school_leader', 'moral_education', 'counsellor', 'class_teacher'];

/** Events with team registration (赛事报名): bureau officers and school leaders organise, leaders and the moral-education office register teams. */
const EVENT_USERS: Role[] = ['system_admin', 'bureau_officer', 'school_leader', 'moral_education'];

/**
 * Which roles see which menu entry. This only tidies the menu: the server checks every request
 * against the caller's scope, and a hidden entry is never the protection.
 */
const NAV_ROLES: Record<NavKey, Role[] | 'all'> = {
  workbench: 'all',
  mine: ['mentor'],
  children: CHILD_READERS,
  careRecords: CARE_READERS,
  pairings: PAIRING_MANAGERS,
  // The import page: those who keep archives. Everyone who reads them exports from 儿童档案.
  rosters: CHILD_KEEPERS,
  regions: ['system_admin', 'bureau_officer'],
  schools: MANAGERS,
  terms: [...MANAGERS, 'moral_education'],
  classes: [...MANAGERS, 'moral_education', 'class_teacher'],
  users: MANAGERS,
  organisation: [...MANAGERS, 'moral_education'],
  audit: MANAGERS,
  compliance: COMPLIANCE_READERS,
  carePolicy: COMPLIANCE_READERS,
  incidents: INCIDENT_REPORTERS,
  activities: ACTIVITY_READERS,
  safety: ACTIVITY_READERS,
  camps: ['system_admin', 'school_leader', 'moral_education', 'volunteer', 'bureau_officer'],
  /** Home visits (走访): any staff member may lead or join a visiting group; the bureau follows the progress. */
  campaigns: ACTIVITY_READERS,
  stats: STATS_READERS,
  submissions: SUBMISSION_USERS,
  briefings: BRIEFING_WRITERS,
  events: EVENT_USERS,
};

/** Who gets the create/edit buttons of each area (again a hint; the server decides). */
const MANAGE_ROLES: Record<
  | Exclude<NavKey, 'workbench' | 'audit' | 'mine' | 'compliance' | 'stats' | 'submissions' | 'briefings' | 'camps' | 'events'>
  | 'schoolCreate'
  | 'incidentChain',
  Role[]
> = {
  children: CHILD_KEEPERS,
  careRecords: CARE_WRITERS,
  pairings: PAIRING_MANAGERS,
  rosters: CHILD_KEEPERS,
  regions: ['system_admin', 'bureau_officer'],
  schoolCreate: ['system_admin', 'bureau_officer'],
  schools: MANAGERS,
  terms: MANAGERS,
  classes: MANAGERS,
  users: MANAGERS,
  organisation: MANAGERS,
  /** School leaders edit their school's policy, bureau officers their region's default. */
  carePolicy: ['system_admin', 'bureau_officer', 'school_leader'],
  incidents: INCIDENT_REPORTERS,
  /** The school's notification chain for incidents: its leader (and administrators). */
  incidentChain: ['system_admin', 'school_leader'],
  activities: ACTIVITY_PLANNERS,
  /** The term's safety-education plan and the safety responsibilities: the school's leaders and moral-education office. */
  safety: ['system_admin', 'school_leader', 'moral_education'],
  /** Home-visit campaigns: the school's leaders and moral-education office organise them. */
  campaigns: ['system_admin', 'school_leader', 'moral_education'],
};

const rolesOf = (me: MeResponse | undefined) => new Set(me?.roles.map((r) => r.role) ?? []);

export function canSee(me: MeResponse | undefined, key: NavKey): boolean {
  const allowed = NAV_ROLES[key];
  if (allowed === 'all') return true;
  const mine = rolesOf(me);
  return allowed.some((r) => mine.has(r));
}

export function canManage(me: MeResponse | undefined, key: keyof typeof MANAGE_ROLES): boolean {
  const mine = rolesOf(me);
  return MANAGE_ROLES[key].some((r) => mine.has(r));
}

/** Admins manage every region; a bureau officer the subtree of its own region (paths are "/root/…/self/"). */
export function managesRegion(me: MeResponse | undefined, region: { path: string }): boolean {
  return !!me?.roles.some((r) => r.role === 'system_admin' || (r.role === 'bureau_officer' && !!r.regionId && region.path.includes(`/${r.regionId}/`)));
}

/** Only a system administrator creates top-level regions. */
export function createsRootRegions(me: MeResponse | undefined): boolean {
  return !!me?.roles.some((r) => r.role === 'system_admin');
}

/** Who may delete a region is who may create it: the administrator any, a bureau officer those below its own region (as the server decides). */
export function deletesRegion(me: MeResponse | undefined, region: { parentId: string | null }, regions: readonly { id: string; path: string }[]): boolean {
  const parent = region.parentId ? regions.find((r) => r.id === region.parentId) : undefined;
  return parent ? managesRegion(me, parent) : createsRootRegions(me);
}

/**
 * Who may create a term of a school: its leader, the administrator, and the bureau officers, who see
 * only the schools of their region (the server's `requireManage` on the school).
 */
export function createsTerms(me: MeResponse | undefined, schoolId: string): boolean {
  return !!me?.roles.some((r) => r.role === 'system_admin' || r.role === 'bureau_officer' || (r.role === 'school_leader' && r.schoolId === schoolId));
}

/** Counselling records are written and read only by counsellors and school leaders (the server redacts them for others). */
export function readsConfidential(me: MeResponse | undefined): boolean {
  return !!me?.roles.some((r) => r.role === 'counsellor' || r.role === 'school_leader');
}

/** Leaders and the moral-education office excuse a due item of their school (a child in hospital, a family away). */
export function excusesDueItems(me: MeResponse | undefined, schoolId: string): boolean {
  return !!me?.roles.some((r) => (r.role === 'school_leader' || r.role === 'moral_education') && r.schoolId === schoolId);
}

/**
 * Who reads incident details (what happened, notifications, actions) at some school: the leader, the
 * moral-education office, class teachers and the bureau. The server decides per incident (the class
 * teacher of the children, or the reporter); this only chooses whether the workbench shows the panel.
 */
export function readsIncidents(me: MeResponse | undefined): boolean {
  return !!me?.roles.some((r) => r.role === 'school_leader' || r.role === 'moral_education' || r.role === 'class_teacher' || r.role === 'bureau_officer');
}

/** Leaders and the moral-education office close and reopen an incident of their school. */
export function closesIncidents(me: MeResponse | undefined, schoolId: string): boolean {
  return !!me?.roles.some((r) => (r.role === 'school_leader' || r.role === 'moral_education') && r.schoolId === schoolId);
}

/** Leaders and the moral-education office organise the home visits of their school (create, assign places). */
export function managesCampaigns(me: MeResponse | undefined, schoolId: string): boolean {
  return !!me?.roles.some((r) => r.role === 'system_admin' || ((r.role === 'school_leader' || r.role === 'moral_education') && r.schoolId === schoolId));
}

/**
 * The classes of a school this user keeps archives in (registers, imports): any class for whole-school
 * keepers, its own classes for a class teacher (holding the mentor role as well does not widen that).
 * As the server allows (children/child.policy.ts editsChild).
 */
export function keepsClass(me: MeResponse | undefined, schoolId: string | undefined): (classId: string) => boolean {
  const roles = me?.roles ?? [];
  // CHILD_KEEPERS but the class teacher: those who keep a whole school's archives (shared CHILD_SCHOOL_EDITOR_ROLES).
  if (roles.some((r) => r.role === 'system_admin' || (r.role !== 'class_teacher' && CHILD_KEEPERS.includes(r.role) && r.scopeId === schoolId)))
    return () => true;
  const own = new Set(roles.filter((r) => r.role === 'class_teacher').map((r) => r.scopeId));
  return (classId) => own.has(classId);
}
