import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, shot, signIn } from './harness.ts';

const demo = demoCounty();

describe('care policy at work', () => {
  it("a mentor clears an overdue item from the workbench and the leader's rate changes", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // The mentor's oldest overdue item, as the API sees it; its month is the one the leader watches.
    const api = await login(server.app, 'mentor11', 'Demo2026');
    const open = (await api.get('/api/due-items?mine=true&status=overdue')).json().items as { childName: string; windowStart: string; windowEnd: string }[];
    expect(open.length).toBeGreaterThan(0);
    const month = (open[0] as { windowEnd: string }).windowEnd.slice(0, 7);

    const leader = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(leader, server, 'leader1');
    await leader.goto(`${server.url}/compliance?period=${month}`);
    await expect.poll(() => leader.getByTestId('compliance-rate').innerText(), { timeout: 15_000 }).toMatch(/\d/);
    const before = await leader.getByTestId('compliance-rate').innerText();
    await shot(leader, 'compliance-before');

    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, server, 'mentor11');
    const overdue = page.getByTestId('workbench-overdue');
    await expect.poll(() => overdue.getByTestId('due-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const count = await overdue.getByTestId('due-item').count();
    await shot(page, 'workbench-mentor-360');
    await overdue.getByTestId('due-item').first().getByTestId('due-item-log').click();
    await page.getByTestId('care-summary').fill('补记：当月与孩子谈心，了解学习和生活情况。');
    await shot(page, 'log-overdue-360');
    await page.getByTestId('care-submit').click();
    await page.waitForURL((u) => !u.pathname.endsWith('/new'), { timeout: 15_000 });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('workbench-overdue').getByTestId('due-item').count(), { timeout: 15_000 }).toBe(count - 1);

    await leader.reload();
    await expect.poll(() => leader.getByTestId('compliance-rate').innerText(), { timeout: 15_000 }).not.toBe(before);
    await shot(leader, 'compliance-after');
    await page.close();
    await leader.close();
  });

  it('a bureau officer reads the region by school and opens one school', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server, 'bureau');
    // The region's page asks for rates by rule and school only, not every class and teacher of the region.
    const answer = page.waitForResponse((r) => r.url().includes('/api/compliance?') && r.url().includes('regionId='));
    await page.goto(`${server.url}/compliance`);
    const region = await answer;
    expect(new URL(region.url()).searchParams.get('view')).toBe('schools');
    const body = (await region.json()) as { bySchool: unknown[]; byClass: unknown[]; byMentor: unknown[] };
    expect(body.bySchool.length).toBeGreaterThan(1);
    expect([body.byClass.length, body.byMentor.length]).toEqual([0, 0]);
    const schools = page.getByTestId('compliance-by-school');
    await expect.poll(() => schools.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBe(body.bySchool.length);
    await expect.poll(() => page.getByTestId('compliance-by-class').count()).toBe(0);
    await shot(page, 'compliance-region');
    // One school: its classes and teachers.
    await schools.getByTestId('compliance-row').first().click();
    await expect.poll(() => page.getByTestId('compliance-by-class').getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('school')).toBeTruthy();
    await page.close();
  });
});
