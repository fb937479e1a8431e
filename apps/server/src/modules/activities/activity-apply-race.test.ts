import { afterEach, describe, expect, it } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildTestApp, type TestApp, testDialect } from '../../test/index.ts';
import { duringNextTransaction } from '../../test/race.ts';

let app: TestApp;
afterEach(async () => app?.close());
const now = new Date('2026-11-20T02:00:00Z');

/**
 * 3a0561f refuses a sheet naming one child twice (validation.duplicate). The web sends every line of the
 * sheet the server gave it (attendance-state.ts attendancePayload); two applications for the same child
 * at once (apply() reads `have` without a lock) leave two lines of that child, so the sheet can never be saved.
 */
describe('activities: a limited activity applied for twice at once', () => {
  it('keeps one line per child, and the sheet as the web sends it back saves', async () => {
    app = await buildTestApp({ clock: () => now });
    const s = await buildSchoolWithStaff(app);
    const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '甲' });
    const leader = await app.as(s.leader.username);
    const teacher = await app.as(s.teacher.username);
    const club = (
      await leader.post('/api/activities', {
        schoolId: s.school.id,
        kind: 'club',
        title: '书法社',
        date: '2026-11-18',
        startTime: '15:00',
        endTime: '16:00',
        place: '会议室',
        capacity: 2,
        target: { scope: 'all' },
      })
    ).json();
    expect(club.id).toBeTruthy();
    const apply = (c: typeof leader) => c.post(`/api/activities/${club.id}/applicants`, { childIds: [child.id] });
    const second = duringNextTransaction(app, () => apply(teacher));
    const first = await apply(leader);
    const other = await second();
    expect([first.statusCode, other.statusCode]).toEqual([201, 201]);
    const sheet = (await leader.get(`/api/activities/${club.id}/attendance`)).json();
    const lines = sheet.lines.filter((l: { childId: string | null }) => l.childId === child.id);
    expect.soft(lines.length, `${testDialect}: lines of the child`).toBe(1);
    // As the web's attendancePayload builds it: every line with a child.
    const children = sheet.lines.filter((l: { childId: string | null }) => l.childId).map((l: { childId: string }) => ({ childId: l.childId, present: true }));
    const saved = await leader.put(`/api/activities/${club.id}/attendance`, { children, others: [], version: sheet.version });
    expect(saved.statusCode, saved.body).toBe(200);
  });
});
