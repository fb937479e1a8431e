import { type MyClass, termName } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Auth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { shanghaiDayOf } from '../../lib/dates.ts';

const ROSTER = new Set(['draft', 'submitted', 'returned', 'approved']);

/**
 * 我的班级: each class the caller is class teacher of (its role's classes, in use), with the counts a
 * class teacher works from on day one and after: left-behind children on the roll, archives missing one
 * of the 三个清楚, children without a mentor today, children talked with this month (谈心, withdrawn
 * records not counted), and the class roster of the term running today. Counts only: no child is named,
 * nothing is audited; the lists behind them are the child list's, filtered.
 */
export async function myClasses(ctx: Ctx, auth: Auth): Promise<MyClass[]> {
  const ids = auth.scope.classIds;
  if (!ids.length) return [];
  const db = ctx.db;
  const today = shanghaiDayOf(ctx.clock());
  const month = `${today.slice(0, 8)}01`;
  const classes = await db
    .selectFrom('classes as k')
    .innerJoin('schools as s', 's.id', 'k.school_id')
    .select(['k.id', 'k.name', 'k.school_id', 'k.pupil_count', 's.name as school_name'])
    .where('k.id', 'in', ids)
    .where('k.active', '=', 1)
    .orderBy('k.grade')
    .orderBy('k.name')
    .execute();
  if (!classes.length) return [];
  const classIds = classes.map((k) => k.id);
  const active = db.selectFrom('children as c').where('c.class_id', 'in', classIds).where('c.status', '=', 'active');
  const [counts, talked, terms] = await Promise.all([
    active
      .select((eb) => [
        'c.class_id',
        eb.fn.countAll<number>().as('children'),
        eb.fn.sum<number>(sql`case when c.three_clear = 0 then 1 else 0 end`).as('incomplete'),
        eb.fn
          .sum<number>(
            sql`case when not exists (select 1 from pairings p where p.child_id = c.id and p.start_date <= ${today} and (p.end_date is null or p.end_date >= ${today})) then 1 else 0 end`,
          )
          .as('unpaired'),
      ])
      .groupBy('c.class_id')
      .execute(),
    active
      .select((eb) => ['c.class_id', eb.fn.count<number>('c.id').as('talked')])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('care_record_children as l')
            .select('l.child_id')
            .whereRef('l.child_id', '=', 'c.id')
            .whereRef('l.school_id', '=', 'c.school_id')
            .where('l.kind', '=', 'talk')
            .where('l.withdrawn', '=', 0)
            .where('l.date', '>=', month)
            .where('l.date', '<=', today),
        ),
      )
      .groupBy('c.class_id')
      .execute(),
    db
      .selectFrom('terms')
      .select(['id', 'school_id', 'academic_year', 'semester'])
      .where('school_id', 'in', [...new Set(classes.map((k) => k.school_id))])
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .execute(),
  ]);
  const termOf = new Map(terms.map((t) => [t.school_id, t]));
  const termIds = terms.map((t) => t.id);
  const rosters = termIds.length
    ? await db
        .selectFrom('roster_submissions')
        .select(['class_id', 'term_id', 'status'])
        .where('level', '=', 'class')
        .where('class_id', 'in', classIds)
        .where('term_id', 'in', termIds)
        .execute()
    : [];
  const countOf = new Map(counts.map((r) => [r.class_id, r]));
  const talkedOf = new Map(talked.map((r) => [r.class_id, Number(r.talked)]));
  return classes.map((k) => {
    const n = countOf.get(k.id);
    const term = termOf.get(k.school_id);
    const roster = term ? rosters.find((r) => r.class_id === k.id && r.term_id === term.id) : undefined;
    return {
      id: k.id,
      name: k.name,
      schoolId: k.school_id,
      schoolName: k.school_name,
      pupilCount: k.pupil_count,
      children: Number(n?.children ?? 0),
      incomplete: Number(n?.incomplete ?? 0),
      unpaired: Number(n?.unpaired ?? 0),
      talkedThisMonth: talkedOf.get(k.id) ?? 0,
      term: term ? { id: term.id, name: termName(auth.lang, term.academic_year, term.semester) } : null,
      roster: term ? (roster && ROSTER.has(roster.status) ? (roster.status as MyClass['roster']) : 'none') : null,
    };
  });
}
