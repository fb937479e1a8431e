/** Children waiting for a mentor: the overview of a school, and suggested mentors for them (matched in suggest.ts). */

import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { childVisible } from '../children/child.policy.ts';
import { managesPairings } from './pairing.policy.ts';
import { pairingSchool, schoolMentors } from './pairing-school.ts';
import { suggestPairings } from './suggest.ts';

/** Active children without a mentor, and every mentor's load against the school's limit. */
export async function pairingOverview(db: Tx, auth: Auth, schoolId: string) {
  const school = await pairingSchool(db, auth, schoolId);
  const unpaired = await unpairedChildren(db, auth, schoolId);
  return {
    limit: school.mentor_limit,
    unpaired: unpaired.map((c) => ({ id: c.id, name: c.name, className: c.class_name, keySupport: c.key_support === 1 })),
    mentors: await schoolMentors(db, schoolId, school.mentor_limit),
  };
}

/**
 * Today's early-warning level and score of each current child of a school the caller sees: the one
 * computation behind the leader's workbench ("pair the high-risk children first"), the child's page and
 * the dashboards (`ComplianceService.assessRisks`).
 */
export interface ChildRisks {
  assessRisks(
    auth: Auth,
    school: { id: string; name: string; region_path: string },
  ): Promise<readonly { childId: string; level: 'high' | 'medium' | 'low'; score: number }[]>;
}

/** Suggest mentors for the unpaired children, in order of need (suggest.ts); nothing is saved until the leader accepts. */
export async function suggestMentors(db: Tx, auth: Auth, schoolId: string, risks: ChildRisks) {
  const school = await pairingSchool(db, auth, schoolId);
  if (!managesPairings(auth, schoolId)) forbidden();
  const children = await unpairedChildren(db, auth, schoolId);
  const riskOf = new Map((await risks.assessRisks(auth, school)).map((r) => [r.childId, r]));
  const mentors = await schoolMentors(db, schoolId, school.mentor_limit);
  const classes = await db.selectFrom('classes').select(['id', 'head_teacher_id']).where('school_id', '=', schoolId).execute();
  const classTeacher = new Map(classes.filter((k) => k.head_teacher_id).map((k) => [k.id, k.head_teacher_id as string]));
  const result = suggestPairings(
    children.map((c) => ({
      id: c.id,
      name: c.name,
      pinyin: c.name_pinyin,
      classId: c.class_id,
      className: c.class_name,
      grade: c.grade,
      keySupport: c.key_support === 1,
      risk: riskOf.get(c.id)?.level ?? 'low',
      score: riskOf.get(c.id)?.score ?? 0,
    })),
    mentors,
    classTeacher,
    school.mentor_limit,
  );
  const childById = new Map(children.map((c) => [c.id, c]));
  const mentorById = new Map(mentors.map((m) => [m.id, m]));
  return {
    items: result.items.map((s) => {
      const c = childById.get(s.childId);
      return {
        childId: s.childId,
        childName: c?.name ?? '',
        className: c?.class_name ?? null,
        keySupport: c?.key_support === 1,
        mentorId: s.mentorId,
        mentorName: mentorById.get(s.mentorId)?.name ?? '',
        reason: s.reason,
      };
    }),
    mentors: mentors.map((m) => {
      const count = result.load.get(m.id) ?? m.count;
      return { ...m, count, overloaded: count > school.mentor_limit };
    }),
    unassigned: result.unassigned,
  };
}

/** Active children of the school the caller sees with no open pairing, key-support children first. */
function unpairedChildren(db: Tx, auth: Auth, schoolId: string) {
  return db
    .selectFrom('children as c')
    .leftJoin('classes as k', 'k.id', 'c.class_id')
    .select(['c.id', 'c.name', 'c.name_pinyin', 'c.class_id', 'k.name as class_name', 'k.grade', 'c.key_support'])
    .where('c.school_id', '=', schoolId)
    .where('c.status', '=', 'active')
    .where(childVisible(auth, 'c'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pairings as p').select('p.id').whereRef('p.child_id', '=', 'c.id').where('p.end_date', 'is', null))),
    )
    .orderBy('c.key_support', 'desc')
    .orderBy('c.name_pinyin')
    .execute();
}
