import { newId, type Row } from '@carebridge/db';
import type { Campaign, CampaignCreate, CampaignPlace, CampaignUpdate, ChecklistItem, Lang, PlaceVisit } from '@carebridge/shared';
import { translate } from '@carebridge/shared';
import type { z } from 'zod';
import type { Auth } from '../../access/auth.ts';
import { pathUnder } from '../../access/scope-sql.ts';
import type { Ctx } from '../../context.ts';
import { AppError, type FieldProblem, forbidden, notFound, versionConflict } from '../../errors.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { targetProblems } from '../activities/activity-checks.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CareRecordService } from '../care-records/care-record.service.ts';

type CampaignRow = Row<'campaigns'> & { region_path: string };

/** The seed's checklist for a home or boarding-host visit (DOMAIN.md §6, 走访). */
const DEFAULT_CHECKLIST = ['at_home', 'study_place', 'safety_hazards', 'guardian_care', 'parents_reachable', 'needs_help'];

const manages = (auth: Auth, schoolId: string) =>
  auth.scope.global || auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === schoolId);

/**
 * Home-visit campaigns (走访, issue 7): places to visit generated from the archives (homes, or
 * boarding hosts), groups of staff with a leader, places assigned to groups, a checklist filled on
 * a phone at each place (each filling is a care record), live progress and a summary.
 */
export class CampaignService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly care: CareRecordService,
  ) {}

  private async find(auth: Auth, id: string) {
    const r = (await this.ctx.db
      .selectFrom('campaigns as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .selectAll('c')
      .select('s.region_path')
      .where('c.id', '=', id)
      .executeTakeFirst()) as CampaignRow | undefined;
    if (!r) return notFound('campaign');
    const groups = await this.ctx.db.selectFrom('campaign_groups').selectAll().where('campaign_id', '=', id).orderBy('sort_order').execute();
    const inGroup = groups.find((g) => g.leader_id === auth.userId || (JSON.parse(g.member_ids) as string[]).includes(auth.userId));
    const reads =
      manages(auth, r.school_id) ||
      !!inGroup ||
      auth.roles.some((a) => a.scopeId === r.school_id || a.schoolId === r.school_id) ||
      auth.scope.regionPaths.some((p) => r.region_path.startsWith(p));
    if (!reads) notFound('campaign');
    return { r, groups, myGroup: inGroup ?? null, canManage: manages(auth, r.school_id) };
  }

  private checklist(r: CampaignRow, lang: Lang): ChecklistItem[] {
    const stored = JSON.parse(r.checklist) as ChecklistItem[];
    return stored.length ? stored : DEFAULT_CHECKLIST.map((key) => ({ key, label: translate(lang, `campaigns.checklist.${key}`) }));
  }

  async list(auth: Auth, q: { schoolId?: string }) {
    let query = this.ctx.db.selectFrom('campaigns as c').innerJoin('schools as s', 's.id', 'c.school_id').select(['c.id']);
    if (!auth.scope.global) {
      const schools = [...new Set(auth.roles.map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null)).filter((x): x is string => !!x))];
      query = query.where((eb) =>
        eb.or([
          ...(schools.length ? [eb('c.school_id', 'in', schools)] : [eb('c.id', '=', '-')]),
          ...auth.scope.regionPaths.map((p) => pathUnder(p, 's.region_path')),
        ]),
      );
    }
    if (q.schoolId) query = query.where('c.school_id', '=', q.schoolId);
    const ids = (await query.orderBy('c.date', 'desc').limit(100).execute()).map((r) => r.id);
    const items = [];
    for (const id of ids) {
      const c = await this.get(auth, id, 'zh-CN');
      items.push({ id: c.id, schoolId: c.schoolId, title: c.title, date: c.date, progress: c.progress, myGroupId: c.myGroupId });
    }
    return { items };
  }

  async get(auth: Auth, id: string, lang: Lang): Promise<Campaign> {
    const { r, groups, myGroup, canManage } = await this.find(auth, id);
    const places = await this.ctx.db.selectFrom('campaign_places').select(['group_id', 'visited_at', 'answers']).where('campaign_id', '=', id).execute();
    const userIds = [...new Set(groups.flatMap((g) => [g.leader_id, ...(JSON.parse(g.member_ids) as string[])]))];
    const names = new Map(
      userIds.length ? (await this.ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.name]) : [],
    );
    const issues: Record<string, number> = {};
    for (const p of places)
      for (const [k, v] of Object.entries((p.answers ? JSON.parse(p.answers) : {}) as Record<string, string>))
        if (v === 'issue') issues[k] = (issues[k] ?? 0) + 1;
    return {
      id: r.id,
      schoolId: r.school_id,
      title: r.title,
      date: r.date,
      description: r.description,
      target: { scope: r.target_scope as Campaign['target']['scope'], value: r.target_value },
      checklist: this.checklist(r, lang),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        leaderId: g.leader_id,
        leaderName: names.get(g.leader_id) ?? '',
        members: (JSON.parse(g.member_ids) as string[]).map((m) => ({ id: m, name: names.get(m) ?? '' })),
        total: places.filter((p) => p.group_id === g.id).length,
        visited: places.filter((p) => p.group_id === g.id && p.visited_at).length,
      })),
      progress: { total: places.length, visited: places.filter((p) => p.visited_at).length, unassigned: places.filter((p) => !p.group_id).length },
      issues,
      myGroupId: myGroup?.id ?? null,
      canManage,
      version: r.version,
      createdAt: r.created_at,
    };
  }

  /** Places from the archive: each child's home (siblings share one by guardian phone or address), or its boarding host. */
  private async generatePlaces(schoolId: string, target: CampaignCreate['target']) {
    let q = this.ctx.db
      .selectFrom('children as c')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select([
        'c.id',
        'c.name',
        'c.boarding',
        'c.host_name',
        'c.host_address',
        'c.guardian_name',
        'c.guardian_phone',
        'c.address',
        'c.key_support',
        'c.class_id',
        'k.grade',
      ])
      .where('c.school_id', '=', schoolId)
      .where('c.status', '=', 'active');
    if (target.scope === 'host') q = q.where('c.boarding', '=', 'host');
    if (target.scope === 'boarding') q = q.where('c.boarding', 'in', ['boarding', 'host']);
    if (target.scope === 'key_support') q = q.where('c.key_support', '=', 1);
    if (target.scope === 'class') q = q.where('c.class_id', '=', target.value ?? '');
    if (target.scope === 'grade') q = q.where('k.grade', '=', Number(target.value));
    const rows = await q.orderBy('c.address').orderBy('c.name_pinyin').execute();
    const places = new Map<string, { kind: 'home' | 'host'; label: string; address: string | null; childIds: string[]; names: string[] }>();
    for (const c of rows) {
      const host = c.boarding === 'host';
      const key = host ? `h|${c.host_name ?? ''}|${c.host_address ?? ''}` : `f|${c.guardian_phone || c.address || c.id}`;
      const place = places.get(key);
      if (place) {
        place.childIds.push(c.id);
        place.names.push(c.name);
      } else
        places.set(key, {
          kind: host ? 'host' : 'home',
          label: host ? (c.host_name ?? c.name) : (c.guardian_name ?? c.name),
          address: host ? c.host_address : c.address,
          childIds: [c.id],
          names: [c.name],
        });
    }
    return [...places.values()];
  }

  /** Correct the title, date or description (optimistic locking on `version`). */
  async update(auth: Auth, id: string, input: CampaignUpdate, lang: Lang): Promise<Campaign> {
    const { r, canManage } = await this.find(auth, id);
    if (!canManage) forbidden();
    if (r.version !== input.version) versionConflict('campaign');
    await this.ctx.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('campaigns')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.date !== undefined ? { date: input.date } : {}),
          ...(input.description !== undefined ? { description: input.description || null } : {}),
          version: r.version + 1,
          updated_at: this.ctx.clock().toISOString(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) versionConflict('campaign');
      await this.audit.record(tx, auth, {
        action: 'campaign.update',
        entity: 'campaign',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { title: input.title, date: input.date },
      });
    });
    return this.get(auth, id, lang);
  }

  /** A campaign made by mistake goes before anyone has visited; after a visit it is part of the record. */
  async remove(auth: Auth, id: string): Promise<void> {
    const { r, canManage } = await this.find(auth, id);
    if (!canManage) forbidden();
    await this.ctx.db.transaction().execute(async (tx) => {
      const visited = await tx
        .selectFrom('campaign_places')
        .select('id')
        .where('campaign_id', '=', id)
        .where('visited_at', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (visited) throw new AppError('campaign_has_visits', 409);
      await tx.deleteFrom('campaign_places').where('campaign_id', '=', id).execute();
      await tx.deleteFrom('campaign_groups').where('campaign_id', '=', id).execute();
      await tx.deleteFrom('campaigns').where('id', '=', id).execute();
      await this.audit.record(tx, auth, {
        action: 'campaign.delete',
        entity: 'campaign',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { title: r.title },
      });
    });
  }

  async create(auth: Auth, input: CampaignCreate, lang: Lang): Promise<Campaign> {
    const s = (await this.ctx.db.selectFrom('schools').selectAll().where('id', '=', input.schoolId).executeTakeFirst()) ?? notFound('school');
    if (!manages(auth, s.id)) forbidden();
    const staff = [...new Set(input.groups.flatMap((g) => [g.leaderId, ...g.memberIds]))];
    const people = new Map(
      (
        await this.ctx.db
          .selectFrom('users as u')
          .innerJoin('role_assignments as m', 'm.user_id', 'u.id')
          .select(['u.id', 'u.name'])
          .where('u.id', 'in', staff)
          .where('m.school_id', '=', s.id)
          .execute()
      ).map((u) => [u.id, u.name]),
    );
    // A grade or class target as an activity's is checked (a grade 0-12, a class of the school).
    const problems: FieldProblem[] = await targetProblems(this.ctx.db, s.id, input.target);
    // Answers are keyed by the checklist item's key: each key once.
    const keys = (input.checklist ?? []).map((c) => c.key);
    keys.forEach((k, i) => {
      const first = keys.indexOf(k);
      if (first !== i) problems.push({ path: `checklist.${i}.key`, message: 'validation.duplicate', params: { n: first + 1 } });
    });
    // Each person visits with one group, listed once in it (as its leader or a member).
    const groupOf = new Map<string, number>();
    input.groups.forEach((g, i) => {
      if (!people.has(g.leaderId)) problems.push({ path: `groups.${i}.leaderId`, message: 'errors.not_a_member' });
      if (g.memberIds.some((m) => !people.has(m))) problems.push({ path: `groups.${i}.memberIds`, message: 'errors.not_a_member' });
      const listed: [string, string][] = [[g.leaderId, `groups.${i}.leaderId`], ...g.memberIds.map((m): [string, string] => [m, `groups.${i}.memberIds`])];
      for (const [userId, path] of listed) {
        const first = groupOf.get(userId);
        if (first === undefined) groupOf.set(userId, i);
        else if (people.has(userId) && !problems.some((p) => p.path === path))
          problems.push({ path, message: 'errors.campaign_person_twice', params: { name: people.get(userId) ?? '', group: input.groups[first]?.name ?? '' } });
      }
    });
    if (problems.length) throw new AppError('validation_failed', 422, {}, problems);
    const places = await this.generatePlaces(s.id, input.target);
    const id = newId();
    const now = this.ctx.clock().toISOString();
    const groupIds = input.groups.map(() => newId());
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('campaigns')
        .values({
          id,
          school_id: s.id,
          title: input.title,
          date: input.date,
          description: input.description || null,
          target_scope: input.target.scope,
          target_value: input.target.value ?? null,
          checklist: JSON.stringify(input.checklist ?? []),
          created_by: auth.userId || null,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .insertInto('campaign_groups')
        .values(
          input.groups.map((g, i) => ({
            id: groupIds[i] as string,
            campaign_id: id,
            name: g.name,
            leader_id: g.leaderId,
            member_ids: JSON.stringify(g.memberIds),
            sort_order: i,
          })),
        )
        .execute();
      // Places are dealt to the groups in address order, so that neighbours go to the same group.
      const per = Math.ceil(places.length / groupIds.length);
      for (let i = 0; i < places.length; i += 200)
        await tx
          .insertInto('campaign_places')
          .values(
            places.slice(i, i + 200).map((p, j) => ({
              id: newId(),
              campaign_id: id,
              group_id: groupIds[Math.floor((i + j) / Math.max(per, 1))] ?? null,
              kind: p.kind,
              label: p.label.slice(0, 100),
              address: p.address,
              child_ids: JSON.stringify(p.childIds),
              sort_order: i + j,
            })),
          )
          .execute();
      await this.audit.record(tx, auth, {
        action: 'campaign.create',
        entity: 'campaign',
        entityId: id,
        schoolId: s.id,
        regionPath: s.region_path,
        summary: { places: places.length, groups: input.groups.length },
      });
    });
    return this.get(auth, id, lang);
  }

  /** Places of the campaign: all for its managers, the group's own for a group, none for other readers (they see progress). */
  async places(auth: Auth, id: string, q: { groupId?: string }): Promise<{ items: CampaignPlace[] }> {
    const { r, myGroup, canManage } = await this.find(auth, id);
    let query = this.ctx.db.selectFrom('campaign_places').selectAll().where('campaign_id', '=', id);
    if (!canManage) {
      if (!myGroup) return { items: [] };
      query = query.where('group_id', '=', myGroup.id);
    } else if (q.groupId) query = query.where('group_id', '=', q.groupId);
    const rows = await query.orderBy('sort_order').execute();
    const childIds = [...new Set(rows.flatMap((p) => JSON.parse(p.child_ids) as string[]))];
    const kids = new Map(
      childIds.length
        ? (
            await this.ctx.db
              .selectFrom('children as c')
              .leftJoin('classes as k', 'k.id', 'c.class_id')
              .select(['c.id', 'c.name', 'k.name as class_name'])
              .where('c.id', 'in', childIds)
              // A child since moved to another school is no longer the campaign's to name.
              .where('c.school_id', '=', r.school_id)
              .execute()
          ).map((c) => [c.id, c])
        : [],
    );
    return {
      items: rows.map((p) => ({
        id: p.id,
        groupId: p.group_id,
        kind: p.kind as CampaignPlace['kind'],
        label: p.label,
        address: p.address,
        children: (JSON.parse(p.child_ids) as string[])
          .map((c) => kids.get(c))
          .filter((c): c is NonNullable<typeof c> => !!c)
          .map((c) => ({ id: c.id, name: c.name, className: c.class_name })),
        visitedAt: p.visited_at,
        visitedBy: p.visited_by,
        careRecordId: p.care_record_id,
        answers: p.answers ? JSON.parse(p.answers) : {},
        note: p.note,
      })),
    };
  }

  async assign(auth: Auth, id: string, placeIds: string[], groupId: string | null, lang: Lang): Promise<Campaign> {
    const { r, groups, canManage } = await this.find(auth, id);
    if (!canManage) forbidden();
    if (groupId && !groups.some((g) => g.id === groupId))
      throw new AppError('validation_failed', 422, {}, [{ path: 'groupId', message: 'errors.campaign_unknown_group' }]);
    const known = new Set(
      (await this.ctx.db.selectFrom('campaign_places').select('id').where('campaign_id', '=', id).where('id', 'in', placeIds).execute()).map((p) => p.id),
    );
    const unknown = placeIds.flatMap((p, i) => (known.has(p) ? [] : [{ path: `placeIds.${i}`, message: 'errors.campaign_unknown_place' }]));
    if (unknown.length) throw new AppError('validation_failed', 422, {}, unknown);
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('campaign_places').set({ group_id: groupId }).where('campaign_id', '=', id).where('id', 'in', placeIds).execute();
      await this.audit.record(tx, auth, {
        action: 'campaign.assign',
        entity: 'campaign',
        entityId: id,
        schoolId: r.school_id,
        regionPath: r.region_path,
        summary: { places: placeIds.length },
      });
    });
    return this.get(auth, id, lang);
  }

  /** The checklist filled at a place on the phone: a care record (home visit or host visit) for its children, and the place ticked off. */
  async visit(auth: Auth, id: string, placeId: string, body: z.output<typeof PlaceVisit>, lang: Lang): Promise<CampaignPlace> {
    const { r, myGroup, canManage } = await this.find(auth, id);
    const place =
      (await this.ctx.db.selectFrom('campaign_places').selectAll().where('id', '=', placeId).where('campaign_id', '=', id).executeTakeFirst()) ??
      notFound('campaign');
    if (!canManage && (!myGroup || place.group_id !== myGroup.id)) forbidden();
    if (place.visited_at) throw new AppError('campaign_visited', 409);
    const checklist = this.checklist(r, lang);
    const unknown = Object.keys(body.answers).find((k) => !checklist.some((c) => c.key === k));
    if (unknown) throw new AppError('validation_failed', 422, {}, [{ path: `answers.${unknown}`, message: 'errors.campaign_unknown_item' }]);
    const date = shanghaiDate(this.ctx.clock());
    if (date < r.date) throw new AppError('campaign_not_started', 422, { date: r.date });
    const found = checklist.filter((c) => body.answers[c.key] === 'issue').map((c) => c.label);
    // The record is of the place's children still at the school (one may have moved since the places were made).
    const listed = JSON.parse(place.child_ids) as string[];
    const childIds = (await this.ctx.db.selectFrom('children').select('id').where('id', 'in', listed).where('school_id', '=', r.school_id).execute()).map(
      (c) => c.id,
    );
    if (!childIds.length) throw new AppError('campaign_place_moved', 409);
    await this.care.createAssigned(
      auth,
      place.kind === 'host'
        ? {
            kind: 'host_visit',
            childIds,
            date,
            summary: body.summary,
            details: { hostName: place.label, conditions: body.note ?? null, issues: found.join('；') || null },
            followUpNeeded: found.length > 0,
          }
        : {
            kind: 'home_visit',
            childIds,
            date,
            summary: body.summary,
            details: { livingConditions: body.note ?? null, studyConditions: null },
            followUpNeeded: found.length > 0,
          },
      r.school_id,
      // The place is ticked off with the record, once: a visit made meanwhile by another member of the
      // group (the place already ticked) undoes this record and answers 409.
      async (tx, recordId) => {
        const ticked = await tx
          .updateTable('campaign_places')
          .set({
            visited_at: this.ctx.clock().toISOString(),
            visited_by: auth.name,
            care_record_id: recordId,
            answers: JSON.stringify(body.answers),
            note: body.note || null,
          })
          .where('id', '=', placeId)
          .where('visited_at', 'is', null)
          .executeTakeFirst();
        if (Number(ticked.numUpdatedRows) !== 1) throw new AppError('campaign_visited', 409);
      },
    );
    const items = (await this.places(auth, id, {})).items;
    return items.find((p) => p.id === placeId) as CampaignPlace;
  }
}
