import { expect } from 'vitest';
import type { Client } from '../../test/index.ts';

/** A home-visit campaign of every child of the school, on `date`, with one group: its leader and members. Returns its id. */
export async function startCampaign(c: Client, schoolId: string, group: { leaderId: string; memberIds?: string[] }, date = '2026-11-20'): Promise<string> {
  const res = await c.post('/api/campaigns', {
    schoolId,
    title: '冬季家访',
    date,
    target: { scope: 'all' },
    groups: [{ name: '第一组', leaderId: group.leaderId, memberIds: group.memberIds ?? [] }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
