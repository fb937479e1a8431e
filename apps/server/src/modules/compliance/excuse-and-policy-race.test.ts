import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp, testDialect } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

/**
 * An excuse only of an item the child has (not of a rule or window that does not exist, which was
 * stored and audited); two care-policy saves at once numbered apart (PostgreSQL numbered both 1).
 */
let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

async function setup() {
  app = await buildTestApp({ clock: () => now });
  const s = await buildSchoolWithStaff(app);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id });
  const client = await app.as(s.leader.username);
  return { ...s, child, client };
}

const rows = async () => ({
  excuses: (await app.ctx.db.selectFrom('due_excuses').select('id').execute()).length,
  audits: (await app.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'due.excuse').execute()).length,
});

describe('compliance: excuses and policy versions', () => {
  const noRule = ['本校的关爱制度没有这项要求', "The school's care policy has no such requirement"];
  const noWindow = ['这项要求没有从这一天开始的待办，请从待办列表中选择', 'This requirement has no item starting on that day; choose one from the to-do list'];
  for (const [what, body, field, [zh, en]] of [
    ['a rule key no rule of the school has', { ruleKey: 'no_such_rule', windowStart: '2026-11-01' }, 'ruleKey', noRule],
    [
      'a window start that is no window of the rule (the 17th of a monthly rule)',
      { ruleKey: 'talk_monthly', windowStart: '2026-11-17' },
      'windowStart',
      noWindow,
    ],
    ['a window in the year 9999', { ruleKey: 'talk_monthly', windowStart: '9999-01-01' }, 'windowStart', noWindow],
  ] as const)
    it(`POST /due-items/excuse refuses ${what}`, async () => {
      const s = await setup();
      // A real item is excused (the control).
      const ok = await s.client.post('/api/due-items/excuse', { childId: s.child.id, ruleKey: 'talk_monthly', windowStart: '2026-11-01', reason: '住院两周' });
      expect(ok.statusCode).toBe(204);
      const before = await rows();
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await s.client.post('/api/due-items/excuse', { childId: s.child.id, reason: '住院两周', ...body }, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().fields).toEqual([{ path: field, message: lang === 'zh-CN' ? zh : en }]);
      }
      expect(await rows()).toEqual(before);
    });

  it('PUT /care-policies/:schoolId saved twice at once gives two versions numbered apart (PostgreSQL: both numbered 1)', async () => {
    const s = await setup();
    const policy = (await s.client.get(`/api/care-policies/${s.school.id}`)).json();
    const save = () => s.client.put(`/api/care-policies/${s.school.id}`, { rules: policy.current.rules });
    // The second save starts while the first one's transaction is still open.
    const second = duringNextTransaction(app, save);
    const first = await save();
    const other = await second();
    for (const r of [first, other]) expect([200, 409]).toContain(r.statusCode);
    const saved = [first, other].filter((r) => r.statusCode === 200).length;
    const versions = (await app.ctx.db.selectFrom('care_policies').select('version').where('school_id', '=', s.school.id).execute()).map((v) => v.version);
    expect(versions.length, `${testDialect}: ${versions}`).toBe(saved);
    expect(new Set(versions).size, `${testDialect}: version numbers ${versions}`).toBe(versions.length);
  });
});
