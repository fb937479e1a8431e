import type { Database } from '@carebridge/db';
import { fieldLabel, type Lang } from '@carebridge/shared';
import type { InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildSchoolWithStaff, buildTestApp, buildUser, type Client } from './test/index.ts';
import { fieldsOf, isZod, kindOf, maxLengthOf, type Schema, sample, UNKNOWN_ID, wrongValue } from './test/schema-probe.ts';

/**
 * The project's rule, held for every route at once: every bad input gets a clear, localised 4xx naming
 * the field, and nothing is written by it. Routes are listed as the app registers them; each route with
 * a zod body, query or params schema gets wrong types for each top-level field, null, over-long text,
 * an empty body, malformed JSON, a body that is not an object, ids of nothing, and bad query values.
 *
 * Not probed: the multipart uploads (their input is a file, read by `lib/upload.ts` / the roster
 * import, not a schema): POST /api/rosters/import, /api/care-records/:id/photos,
 * /api/activities/:id/files, /api/camps/:id/photos. Every other route is held to it, the incident
 * routes too (none of them fails).
 */

const routes: RouteOptions[] = [];
const app = await buildTestApp({ onRoute: (r) => routes.push(r) });
let s: Awaited<ReturnType<typeof buildSchoolWithStaff>>;
const clients: Record<'leader' | 'bureau' | 'admin', Client> = {} as never;
let before: Record<string, number>;

/** Tables a request could write to; the session and cache tables are left out. */
const TABLES = [
  'regions',
  'schools',
  'terms',
  'classes',
  'users',
  'role_assignments',
  'audit_log',
  'leadership_members',
  'duties',
  'children',
  'child_history',
  'roster_imports',
  'pairings',
  'care_records',
  'care_record_children',
  'care_policies',
  'due_excuses',
  'incidents',
  'incident_children',
  'incident_notices',
  'incident_actions',
  'activities',
  'activity_people',
  'activity_tasks',
  'contest_entries',
  'safety_plans',
  'safety_duties',
  'camps',
  'camp_volunteers',
  'camp_children',
  'campaigns',
  'campaign_groups',
  'campaign_places',
  'events',
  'event_teams',
  'donations',
  'roster_submissions',
  'briefings',
] as const satisfies readonly (keyof Database)[];

async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const row = await app.ctx.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

beforeAll(async () => {
  s = await buildSchoolWithStaff(app);
  const admin = await buildUser(app, 'system_admin', null);
  clients.leader = await app.as(s.leader.username);
  clients.bureau = await app.as(s.bureau.username);
  clients.admin = await app.as(admin.username);
  before = await counts();
});
afterAll(async () => app.close());

/** A caller who may use the route: the administrator for regions and users, the bureau for its reviews, else the school's leader. */
function callerOf(url: string): Client {
  if (/^\/api\/(regions|users|setup|auth)\b/.test(url)) return clients.admin;
  if (/\/(acknowledge|approve|return)$|^\/api\/care-policies\/regions\//.test(url)) return clients.bureau;
  return clients.leader;
}

type Part = 'body' | 'querystring' | 'params';
interface Probe {
  what: string;
  params: Record<string, unknown>;
  query?: Record<string, unknown> | undefined;
  /** A JSON value, or a raw payload with its content type, or nothing at all. */
  body?: { json: unknown } | { raw: string; type: string } | undefined;
  /** The field that must be named (first segment of a path; '' for the body itself). */
  names?: string;
  /** The input is valid: the route must still answer 4xx (ids of nothing) rather than succeed. */
  status?: number;
  /** The input may be valid (an empty body where every field is optional): any status below 500 will do. */
  mayPass?: boolean;
  /** Not sent, as the schema accepts it: the problem. */
  unsent?: string;
}

/**
 * POSTs that only read: an id of nothing in their body may be answered like any other. The pairing
 * suggestions take `termId` and do not use it (the suggestions are of the school's children now).
 */
const READS = new Set(['POST /api/pairings/suggest']);

/** Text longer than a field takes: one character past its maximum, else 10,000. */
const tooLong = (field: Schema) => 'x'.repeat((maxLengthOf(field) ?? 9_999) + 1);
const HAN = /[\u3400-\u9fff]/;
/** zod's own words, in English or in its Chinese locale ("Invalid input: expected string, received number", "期望 string"). */
const ZOD_WORDS = /invalid input|expected [\w ]+, received|received (string|number|boolean|null|undefined|object|array|nan)\b|期望|实际接收/i;

function schemasOf(route: RouteOptions): Partial<Record<Part, z.ZodType>> {
  const schema = (route.schema ?? {}) as Partial<Record<Part, unknown>>;
  const pick = (p: Part) => (isZod(schema[p]) ? (schema[p] as z.ZodType) : undefined);
  return { body: pick('body'), querystring: pick('querystring'), params: pick('params') };
}

const multipart = (route: RouteOptions) => ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');
const probed = routes.filter((r) => {
  const parts = schemasOf(r);
  return r.method !== 'HEAD' && r.url.startsWith('/api/') && !multipart(r) && (parts.body || parts.querystring || parts.params);
});

function probesOf(route: RouteOptions): Probe[] {
  const { body: B, querystring: Q, params: P } = schemasOf(route);
  const realIds = { schoolId: s.school.id, regionId: s.county.id, classId: s.klass.id };
  const params = Object.fromEntries([...(P ? (fieldsOf(P) ?? []) : [])].map(([k]) => [k, UNKNOWN_ID]));
  const bodyBase = (B && (sample(B)?.value as Record<string, unknown> | undefined)) ?? {};
  const queryBase = (Q && (sample(Q, { ids: realIds })?.value as Record<string, unknown> | undefined)) ?? {};
  const body = B ? { json: bodyBase } : undefined;
  const query = Q ? queryBase : undefined;
  const valid = (q: Probe) =>
    (!P || P.safeParse(q.params).success) &&
    (!Q || Q.safeParse(q.query ?? {}).success) &&
    (!B || (q.body && 'json' in q.body ? B.safeParse(q.body.json).success : B.safeParse(objectish(B) ? {} : undefined).success));
  const out: Probe[] = [];
  /** A probe of one part's field: sent when the schema refuses it, the field to be named when the schema names it. */
  const bad = (q: Probe, part: z.ZodType, input: unknown) => {
    if (valid(q)) return;
    const named = part.safeParse(input).error?.issues.some((i) => i.path[0] === q.names);
    out.push(named ? q : { ...q, names: undefined });
  };
  /** Text past a field's length: refused, and the field named, whatever else is missing. */
  const long = (q: Probe, part: z.ZodType, input: unknown) => {
    const refused = part.safeParse(input).error?.issues.some((i) => i.path[0] === q.names);
    out.push(refused ? q : { ...q, unsent: 'accepts text of any length' });
  };

  if (P)
    for (const [k] of fieldsOf(P) ?? []) {
      const tooLongId = { ...params, [k]: 'x'.repeat(100) };
      bad({ what: `params.${k} too long`, params: tooLongId, query, body, names: k }, P, tooLongId);
      // Ids of nothing, as our ids look and as any other text.
      for (const id of [UNKNOWN_ID, 'zzz']) {
        const q: Probe = { what: `params.${k} = ${id}`, params: { ...params, [k]: id }, query, body };
        out.push(valid(q) ? { ...q, status: 404 } : q);
      }
    }
  // Ids of nothing in a valid body, to a place that exists (the school, its county): refused, never stored nor a fault.
  const place = /^\/api\/schools\/:id/.test(route.url) ? s.school.id : /regions\/:id/.test(route.url) ? s.county.id : undefined;
  const placeParams = Object.fromEntries(Object.keys(params).map((k) => [k, k === 'schoolId' ? s.school.id : k === 'id' ? place : undefined]));
  const withIds = B && Object.values(placeParams).every(Boolean) ? sample(B, { ids: realIds, allIds: true })?.value : undefined;
  if (withIds && JSON.stringify(withIds).includes(UNKNOWN_ID))
    out.push({ what: 'ids of nothing in the body', params: placeParams, query, body: { json: withIds }, mayPass: READS.has(`${route.method} ${route.url}`) });
  if (B) {
    const none = !B.safeParse(objectish(B) ? {} : undefined).success;
    out.push({ what: 'no body', params, query, mayPass: !none });
    out.push({ what: 'empty JSON body', params, query, body: { raw: '', type: 'application/json' }, mayPass: !none });
    out.push({ what: 'malformed JSON', params, query, body: { raw: '{"a":', type: 'application/json' }, names: '' });
    out.push({ what: 'a list for the body', params, query, body: { json: [1, 2] }, names: '' });
    out.push({ what: 'text for the body', params, query, body: { raw: 'hello', type: 'text/plain' } });
    for (const [k, field] of fieldsOf(B) ?? []) {
      for (const [what, value] of [
        ['of the wrong type', wrongValue(field)],
        ['null', null],
      ] as const) {
        const json = { ...bodyBase, [k]: value };
        bad({ what: `body.${k} ${what}`, params, query, body: { json }, names: k }, B, json);
      }
      if (kindOf(field) === 'string') {
        const json = { ...bodyBase, [k]: tooLong(field) };
        long({ what: `body.${k} too long`, params, query, body: { json }, names: k }, B, json);
      }
    }
  }
  if (Q)
    for (const [k, field] of fieldsOf(Q) ?? []) {
      const kind = kindOf(field);
      const value = kind === 'string' ? tooLong(field) : kind === 'number' || kind === 'int' ? 'abc' : 'not-a-choice';
      const q = { ...queryBase, [k]: value };
      if (kind === 'string') long({ what: `query.${k} too long`, params, query: q, body, names: k }, Q, q);
      else bad({ what: `query.${k} = ${value}`, params, query: q, body, names: k }, Q, q);
      // An id of nothing in a filter: valid input, answered without a fault (an empty list or a 404).
      if (/Id$/.test(k) && route.method === 'GET')
        out.push({ what: `query.${k} of nothing`, params, query: { ...queryBase, [k]: UNKNOWN_ID }, body, mayPass: true });
    }
  return out;
}

/** Whether a missing body is validated as `{}` (plugins/errors.ts does so for object bodies). */
function objectish(schema: Schema): boolean {
  const t = kindOf(schema);
  return (t === 'object' || t === 'union') && schema._zod.def.type !== 'optional';
}

function send(route: RouteOptions, q: Probe, lang: Lang): Promise<LightMyRequestResponse> {
  const url = route.url.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(q.params[k])));
  const search = new URLSearchParams(Object.entries(q.query ?? {}).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])));
  const opts: InjectOptions = {
    method: route.method as InjectOptions['method'],
    url: search.size ? `${url}?${search}` : url,
    headers: { 'accept-language': lang },
  };
  if (q.body && 'json' in q.body) opts.payload = q.body.json as InjectOptions['payload'];
  else if (q.body) {
    opts.payload = q.body.raw;
    opts.headers = { ...opts.headers, 'content-type': q.body.type };
  }
  return callerOf(route.url).request(opts);
}

/** What is wrong with an answer to a bad input, if anything. */
function judge(route: RouteOptions, q: Probe, lang: Lang, res: LightMyRequestResponse): string[] {
  const { body: B, querystring: Q, params: P } = schemasOf(route);
  const where = `${route.method} ${route.url} [${q.what}, ${lang}] → ${res.statusCode}`;
  const problems: string[] = [];
  if (res.statusCode >= 500) return [`${where}: ${res.body.slice(0, 300)}`];
  if (res.statusCode < 400) return q.mayPass ? [] : [`${where}: bad input accepted`];
  if (q.status && res.statusCode !== q.status) problems.push(`${where}: expected ${q.status} ${res.body.slice(0, 200)}`);
  let body: { error?: unknown; message?: unknown; fields?: { path: string; message: string }[] };
  try {
    body = res.json();
  } catch {
    return [`${where}: not JSON: ${res.body.slice(0, 200)}`];
  }
  if (typeof body.error !== 'string' || typeof body.message !== 'string' || !body.message) problems.push(`${where}: no error code or message`);
  const message = String(body.message);
  const texts = [message, ...(body.fields ?? []).map((f) => f.message)];
  if (texts.some((t) => ZOD_WORDS.test(t))) problems.push(`${where}: zod's words: ${message}`);
  if (lang === 'zh-CN' && !HAN.test(message)) problems.push(`${where}: not Chinese: ${message}`);
  if (lang === 'en-US' && texts.some((t) => HAN.test(t))) problems.push(`${where}: not English: ${message}`);
  // Every field is named as the reader knows it (姓名), not by its key (name): the route's label section, then the common ones.
  const labels = (route.config as { labels?: string } | undefined)?.labels;
  const sections = labels ? [labels, 'fields', 'childFields'] : undefined;
  for (const f of body.fields ?? []) if (f.path && fieldLabel(f.path, lang, sections) === f.path) problems.push(`${where}: no label for ${f.path}`);
  const fieldProblem = res.statusCode === 422 || body.error === 'validation_failed';
  if (fieldProblem && !body.fields?.length) problems.push(`${where}: no fields: ${res.body}`);
  const known = new Set(['', ...[B, Q, P].flatMap((x) => (x ? [...(fieldsOf(x)?.keys() ?? [])] : []))]);
  for (const f of body.fields ?? []) if (!known.has(f.path.split('.')[0] ?? '')) problems.push(`${where}: field ${f.path} is not in the schema`);
  if (q.names !== undefined && !(body.fields ?? []).some((f) => f.path.split('.')[0] === q.names))
    problems.push(`${where}: does not name ${q.names || 'the body'}: ${res.body.slice(0, 300)}`);
  return problems;
}

describe('every route answers bad input with a localised 4xx naming the field', () => {
  it('finds the routes', () => {
    expect(probed.length).toBeGreaterThan(100);
  });

  for (const route of probed) {
    it(`${route.method} ${route.url}`, async () => {
      const problems: string[] = [];
      for (const q of probesOf(route))
        for (const lang of ['zh-CN', 'en-US'] as const) {
          if (q.unsent) {
            if (lang === 'zh-CN') problems.push(`${route.method} ${route.url} [${q.what}]: ${q.unsent}`);
            continue;
          }
          const res = await send(route, q, lang);
          problems.push(...judge(route, q, lang, res));
        }
      expect(problems).toEqual([]);
    });
  }

  it('wrote nothing, not even an audit row', async () => {
    expect(await counts()).toEqual(before);
  });
});
