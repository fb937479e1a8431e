import { type Briefing, type Lang, maskName, translate } from '@carebridge/shared';
import type { Ctx } from '../../context.ts';
import { givenName, NameMasker } from './name-mask.ts';
import type { ReportScope } from './scope.ts';

/** A photo a briefing may offer, with its stored path for the Word file. */
export type Candidate = Briefing['candidates'][number] & { path: string };

/** Stand-in for the name of a child in an incident (not even the surname is kept). */
const MASK = '××';

// What a briefing may show: children of incidents never (names masked, their records' photos not
// offered), other children by name only when the user chooses so.

/**
 * Children of the scope — and the `also` children, wherever they are now — in any incident known when
 * the briefing is drafted or its Word file made: open or closed, however long ago, and after the period
 * too (a file made in December of November's work must not name a child abused in December): a briefing
 * never identifies them.
 */
export async function incidentChildren(ctx: Ctx, scope: ReportScope, also: readonly string[] = []): Promise<{ ids: Set<string>; names: string[] }> {
  const rows = await ctx.db
    .selectFrom('incident_children as l')
    .innerJoin('incidents as i', 'i.id', 'l.incident_id')
    .innerJoin('children as c', 'c.id', 'l.child_id')
    .select(['c.id', 'c.name'])
    .where((eb) => eb.or([scope.schools('i.school_id'), scope.schools('c.school_id'), ...(also.length ? [eb('l.child_id', 'in', also)] : [])]))
    .execute();
  return { ids: new Set(rows.map((r) => r.id)), names: [...new Set(rows.map((r) => r.name))] };
}

/**
 * Children a briefing drafted for the period may name who are no longer in its scope: those of its
 * follow-ups (the only sentences that name children), since moved to a school outside it.
 */
export async function movedAway(ctx: Ctx, scope: ReportScope, from: string, to: string): Promise<{ id: string; name: string }[]> {
  return ctx.db
    .selectFrom('care_record_children as l')
    .innerJoin('care_records as r', 'r.id', 'l.record_id')
    .innerJoin('children as c', 'c.id', 'l.child_id')
    .select(['c.id', 'c.name'])
    .distinct()
    .where(scope.schools('r.school_id'))
    .where('r.follow_up_needed', '=', 1)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .where((eb) => eb.not(scope.schools('c.school_id')))
    .execute();
}

/**
 * What the Word file of a briefing of `from`..`to` hides: children of incidents always (full name and
 * a given name of two or more characters, as "××"); the children its text may name who have since moved
 * out of the scope always too ("王**": no longer the scope's to name), and those in an incident wherever
 * it was as "××"; with naming off, every child of the scope ("王**").
 */
export async function nameMasker(
  ctx: Ctx,
  scope: ReportScope,
  nameChildren: boolean,
  from: string,
  to: string,
): Promise<{ masker: NameMasker; incident: Set<string> }> {
  const moved = await movedAway(ctx, scope, from, to);
  const incident = await incidentChildren(
    ctx,
    scope,
    moved.map((c) => c.id),
  );
  const masker = new NameMasker();
  for (const n of incident.names) masker.add(n, MASK);
  for (const n of incident.names) masker.add(givenName(n), MASK);
  for (const c of moved) masker.add(c.name, maskName(c.name));
  if (!nameChildren) {
    const all = await ctx.db.selectFrom('children as c').select('c.name').where(scope.schools('c.school_id')).execute();
    for (const c of all) masker.add(c.name, maskName(c.name));
  }
  return { masker, incident: incident.ids };
}

/** Photos of the period: of care records (not counselling, not about children in incidents), of activities and of volunteer camps. */
export async function photoCandidates(ctx: Ctx, scope: ReportScope, from: string, to: string, lang: Lang): Promise<Candidate[]> {
  const care = await ctx.db
    .selectFrom('care_record_photos as p')
    .innerJoin('care_records as r', 'r.id', 'p.record_id')
    .select(['p.id', 'p.path', 'r.id as record_id', 'r.kind', 'r.date'])
    .where(scope.schools('r.school_id'))
    .where('r.deleted_at', 'is', null)
    .where('r.confidential', '=', 0)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('care_record_children as l')
            .innerJoin('incident_children as ic', 'ic.child_id', 'l.child_id')
            .select('l.child_id')
            // On the photo's record id, not r.id: the check then runs for records with photos only,
            // not for every record of the region in the period (SQLite evaluates a condition as soon
            // as its tables are joined).
            .whereRef('l.record_id', '=', 'p.record_id'),
        ),
      ),
    )
    .orderBy('r.date', 'desc')
    .limit(60)
    .execute();
  const acts = await ctx.db
    .selectFrom('activity_files as f')
    .innerJoin('activities as a', 'a.id', 'f.activity_id')
    .select(['f.id', 'f.path', 'a.id as activity_id', 'a.title', 'a.date'])
    .where(scope.schools('a.school_id'))
    .where('f.file_kind', '=', 'photo')
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .orderBy('a.date', 'desc')
    .limit(60)
    .execute();
  const camps = await ctx.db
    .selectFrom('camp_photos as p')
    .innerJoin('camps as c', 'c.id', 'p.camp_id')
    .select(['p.id', 'p.path', 'p.date', 'p.caption', 'c.id as camp_id', 'c.title'])
    .where(scope.schools('c.school_id'))
    .where('p.date', '>=', from)
    .where('p.date', '<=', to)
    .orderBy('p.date', 'desc')
    .limit(60)
    .execute();
  return [
    ...camps.map((p) => ({
      id: p.id,
      source: 'camp' as const,
      url: `/api/camps/${p.camp_id}/photos/${p.id}`,
      thumbUrl: `/api/camps/${p.camp_id}/photos/${p.id}?size=thumb`,
      caption: [p.date, p.title, p.caption].filter(Boolean).join(' '),
      path: p.path,
    })),
    ...acts.map((p) => ({
      id: p.id,
      source: 'activity' as const,
      url: `/api/activities/${p.activity_id}/files/${p.id}`,
      thumbUrl: `/api/activities/${p.activity_id}/files/${p.id}?size=thumb`,
      caption: `${p.date} ${p.title}`,
      path: p.path,
    })),
    ...care.map((p) => ({
      id: p.id,
      source: 'care' as const,
      url: `/api/care-records/${p.record_id}/photos/${p.id}`,
      thumbUrl: `/api/care-records/${p.record_id}/photos/${p.id}?size=thumb`,
      caption: `${p.date} ${translate(lang, `care.kinds.${p.kind}`)}`,
      path: p.path,
    })),
  ];
}
