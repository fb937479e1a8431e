import { seedCamp } from '@carebridge/shared';
import sharp from 'sharp';
import { expect } from 'vitest';
import { buildChild, buildSchoolWithStaff, buildUser, type Client, type TestApp } from '../../test/index.ts';
import { multipart } from '../rosters/roster.test-helpers.ts';

/** The seed's camp through the API: settings, sessions, volunteers (one with an account), children. */
export async function seedCampThroughApi(app: TestApp) {
  const s = await buildSchoolWithStaff(app);
  const volunteer = await buildUser(app, 'volunteer', s.school.id);
  const child = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '小营员' });
  const other = await buildChild(app, { schoolId: s.school.id, classId: s.klass.id, name: '不参加' });
  const v = await app.as(volunteer.username);
  const seed = seedCamp();
  const created = await v.post('/api/camps', {
    schoolId: s.school.id,
    title: '2026 暑期支教夏令营',
    place: '石门村',
    startDate: '2026-07-28',
    endDate: '2026-07-31',
    windows: seed.windows,
    unitMinutes: 30,
    fixedEvents: seed.fixedEvents,
    maxLessonsInRow: 3,
    groups: seed.groups,
  });
  expect(created.statusCode).toBe(201);
  let camp = created.json();
  camp = (await v.put(`/api/camps/${camp.id}/sessions`, { items: seed.sessions, version: camp.version })).json();
  const volunteers = seed.volunteers.map((x, i) => (i === 0 ? { ...x, userId: volunteer.id, leader: true } : x));
  const res = await v.put(`/api/camps/${camp.id}/volunteers`, { items: volunteers, version: camp.version });
  expect(res.statusCode).toBe(200);
  camp = res.json();
  // Children of the archive are added by the school (a volunteer does not see them before).
  const leader = await app.as(s.leader.username);
  camp = (
    await leader.put(`/api/camps/${camp.id}/children`, {
      items: [{ id: 'k1', childId: child.id, name: child.name, groupId: 'g3' }],
      version: camp.version,
    })
  ).json();
  return { ...s, volunteer, v, camp, child, other, seed };
}

/** A small JPEG, as a phone would upload it. */
export const testJpeg = () =>
  sharp({ create: { width: 90, height: 60, channels: 3, background: '#2a7' } })
    .jpeg()
    .toBuffer();

/** Upload a photo to the camp (multipart, as the web app sends it). */
export function sendPhoto(c: Client, campId: string, fields: Record<string, string>, data: Buffer) {
  const body = multipart(fields, { name: '合影.jpg', data, type: 'image/jpeg' });
  return c.request({ method: 'POST', url: `/api/camps/${campId}/photos`, payload: body.payload, headers: body.headers });
}
