import { inSentence, joinList, type Lang, translate } from '@carebridge/shared';
import { sql } from 'kysely';
import type { Tx } from '../../context.ts';
import type { ReportScope } from './scope.ts';

/** The care-record kinds a briefing's "what was done" describes (counselling is confidential: counted elsewhere, never described). */
const KINDS = ['talk', 'home_visit', 'host_visit', 'family_call', 'family_letter'] as const;
const NOTABLE = 5;

const json = (s: string | null) => {
  try {
    return s ? (JSON.parse(s) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Highlights of the period's talks, home visits and family calls and letters for the briefing (issue 6):
 * how many, how many children they reached, what the home visits found, and the follow-ups — in
 * numbers and checklist labels, never a record's own text (no confidential content, no family
 * details). The notable follow-ups carry the children's names; the Word file masks them unless the
 * user names children, and children of incidents are left out here altogether.
 */
export async function careHighlights(
  db: Tx,
  scope: ReportScope,
  from: string,
  to: string,
  incidentChildren: ReadonlySet<string>,
  lang: Lang,
): Promise<string[]> {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `briefings.care.${key}`, params);
  const records = await db
    .selectFrom('care_records as r')
    .select(['r.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope.schools('r.school_id'))
    .where('r.deleted_at', 'is', null)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .where('r.kind', 'in', KINDS)
    .groupBy('r.kind')
    .execute();
  const count = new Map(records.map((r) => [r.kind, Number(r.n)]));
  const reached = (await db
    .selectFrom('care_record_children as l')
    .select([
      (eb) =>
        eb.fn
          .count<number>(eb.case().when('l.kind', '=', 'talk').then(eb.ref('l.child_id')).end())
          .distinct()
          .as('talk'),
      (eb) =>
        eb.fn
          .count<number>(eb.case().when('l.kind', 'in', ['home_visit', 'host_visit']).then(eb.ref('l.child_id')).end())
          .distinct()
          .as('visit'),
      (eb) =>
        eb.fn
          .count<number>(eb.case().when('l.kind', 'in', ['family_call', 'family_letter']).then(eb.ref('l.child_id')).end())
          .distinct()
          .as('family'),
    ])
    .where(scope.schools('l.school_id'))
    .where('l.withdrawn', '=', 0)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where('l.kind', 'in', KINDS)
    .executeTakeFirstOrThrow()) as Record<string, number | string>;
  const out: string[] = [];

  const talks = count.get('talk') ?? 0;
  if (talks) {
    const details = await db
      .selectFrom('care_records as r')
      .select('r.details')
      .where(scope.schools('r.school_id'))
      .where('r.deleted_at', 'is', null)
      .where('r.kind', '=', 'talk')
      .where('r.date', '>=', from)
      .where('r.date', '<=', to)
      .execute();
    const topics = new Map<string, number>();
    let problems = 0;
    for (const d of details.map((x) => json(x.details))) {
      for (const k of Array.isArray(d.topics) ? (d.topics as string[]) : []) topics.set(k, (topics.get(k) ?? 0) + 1);
      if (typeof d.problem === 'string' && d.problem.trim()) problems++;
    }
    const top = joinList(
      lang,
      [...topics]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, n]) => t('topic', { label: translate(lang, `care.topics.${k}`), count: n })),
    );
    out.push(
      [
        t('talks', { count: talks, children: Number(reached.talk) }),
        top ? t('topics', { list: top }) : '',
        problems ? t('talkProblems', { count: problems }) : '',
      ]
        .filter(Boolean)
        .join('') + t('stop'),
    );
  }

  const visits = (count.get('home_visit') ?? 0) + (count.get('host_visit') ?? 0);
  if (visits) {
    const rows = await db
      .selectFrom('care_records as r')
      .leftJoin('campaign_places as p', 'p.care_record_id', 'r.id')
      .leftJoin('campaigns as c', 'c.id', 'p.campaign_id')
      .select(['r.kind', 'r.details', 'p.answers', 'c.checklist'])
      .where(scope.schools('r.school_id'))
      .where('r.deleted_at', 'is', null)
      .where('r.kind', 'in', ['home_visit', 'host_visit'])
      .where('r.date', '>=', from)
      .where('r.date', '<=', to)
      .execute();
    const found = new Map<string, number>();
    let weak = 0;
    let hostIssues = 0;
    for (const r of rows) {
      const d = json(r.details);
      if (d.guardianCapacity === 'weak') weak++;
      if (r.kind === 'host_visit' && typeof d.issues === 'string' && d.issues.trim()) hostIssues++;
      const labels = new Map(((r.checklist ? JSON.parse(r.checklist) : []) as { key: string; label: string }[]).map((c) => [c.key, c.label]));
      for (const [key, answer] of Object.entries(json(r.answers)))
        if (answer === 'issue') {
          const label = labels.get(key) ?? translate(lang, `campaigns.checklist.${key}`);
          found.set(label, (found.get(label) ?? 0) + 1);
        }
    }
    const issues = [...found].reduce((n, [, c]) => n + c, 0);
    out.push(
      [
        t(count.get('host_visit') ? 'visitsHosts' : 'visits', { count: visits, hosts: count.get('host_visit') ?? 0, children: Number(reached.visit) }),
        issues
          ? t('visitIssues', {
              count: issues,
              list: joinList(
                lang,
                [...found].sort((a, b) => b[1] - a[1]).map(([label, n]) => t('item', { label, count: n })),
              ),
            })
          : '',
        hostIssues ? t('hostIssues', { count: hostIssues }) : '',
        weak ? t('weakGuardians', { count: weak }) : '',
      ]
        .filter(Boolean)
        .join('') + t('stop'),
    );
  }

  const calls = count.get('family_call') ?? 0;
  const letters = count.get('family_letter') ?? 0;
  if (calls || letters) {
    const list = [calls ? t('calls', { count: calls }) : '', letters ? t('letters', { count: letters }) : ''].filter(Boolean).join(t('and'));
    out.push(t('family', { list, children: Number(reached.family) }));
  }

  // Follow-ups: how many were asked for and done, and the latest done ones by the children they helped.
  const follow = await db
    .selectFrom('care_records as r')
    .select(['r.id', 'r.kind', 'r.date', 'r.follow_up_done'])
    .where(scope.schools('r.school_id'))
    .where('r.deleted_at', 'is', null)
    .where('r.confidential', '=', 0)
    .where('r.kind', 'in', KINDS)
    .where('r.follow_up_needed', '=', 1)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .orderBy('r.date', 'desc')
    .execute();
  if (follow.length) {
    const done = follow.filter((r) => r.follow_up_done === 1);
    out.push(t('followUps', { count: follow.length, done: done.length }));
    const ids = done.slice(0, 50).map((r) => r.id);
    const kids = ids.length
      ? await db
          .selectFrom('care_record_children as l')
          .innerJoin('children as c', 'c.id', 'l.child_id')
          .select(['l.record_id', 'l.child_id', 'c.name'])
          // Whether the child is still in the scope: one since moved away is not the briefing's to name.
          .select(sql<number>`case when ${scope.schools('c.school_id')} then 1 else 0 end`.as('here'))
          .where('l.record_id', 'in', ids)
          .execute()
      : [];
    const notable = done
      .map((r) => {
        const all = kids.filter((k) => k.record_id === r.id);
        return { r, all, named: all.filter((k) => Number(k.here) === 1) };
      })
      // A record about a child in an incident (one moved away too) is not told at all: even masked, or by
      // its other children's names, it could point to the child.
      .filter((x) => x.named.length && !x.all.some((k) => incidentChildren.has(k.child_id)))
      .slice(0, NOTABLE);
    for (const { r, named: names } of notable)
      out.push(
        t('followUpDone', {
          date: r.date,
          kind: inSentence(lang, translate(lang, `care.kinds.${r.kind}`)),
          children: joinList(
            lang,
            names.map((k) => k.name),
          ),
        }),
      );
  }
  return out;
}
