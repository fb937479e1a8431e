import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../apps/server/src/lib/dates.ts';
import { addDays } from '../apps/server/src/modules/compliance/dates.ts';
import { demoCounty, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

describe('a counsellor on a phone', () => {
  it('sees its follow-ups due on the workbench, closes one, and is told of the next in the bell', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const db = server.app.ctx.db;
    const today = shanghaiDate(new Date());
    const me = await db.selectFrom('users').select('id').where('username', '=', 'counsellor1').executeTakeFirstOrThrow();
    // Two of its counselling records: one three days overdue, one due today; the others done.
    const own = await db.selectFrom('care_records').select('id').where('author_id', '=', me.id).where('deleted_at', 'is', null).orderBy('id').execute();
    expect(own.length).toBeGreaterThanOrEqual(2);
    const [late, due] = own.map((r) => r.id) as [string, string];
    await db.updateTable('care_records').set({ follow_up_done: 1 }).where('author_id', '=', me.id).execute();
    await db
      .updateTable('care_records')
      .set({ follow_up_needed: 1, follow_up_done: 0, follow_up_date: addDays(today, -3) })
      .where('id', '=', late)
      .execute();
    await db.updateTable('care_records').set({ follow_up_needed: 1, follow_up_done: 0, follow_up_date: today }).where('id', '=', due).execute();

    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await signIn(page, server, 'counsellor1');
    const panel = page.getByTestId('workbench-follow-ups');
    await panel.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.getByTestId('follow-up-item').count()).toBe(2);
    // The most overdue first, in red.
    expect(await panel.getByTestId('follow-up-item').first().getAttribute('data-overdue')).toBe('1');
    expect(await panel.getByTestId('follow-up-item').first().innerText()).toContain('逾期 3 天');
    // Nothing spills out of a 360 px screen.
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'counsellor-follow-ups-360');

    // Open the overdue one and close it: the workbench then lists the other only.
    await panel.getByTestId('follow-up-item').first().click();
    await page.getByTestId('care-follow-up-done').click();
    await expect
      .poll(async () => (await db.selectFrom('care_records').select('follow_up_done').where('id', '=', late).executeTakeFirstOrThrow()).follow_up_done)
      .toBe(1);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('follow-up-item').count(), { timeout: 15_000 }).toBe(1);

    // The notifier's pass tells of the one still open, once; its text has nothing of the record.
    await server.app.services.notifications.refresh();
    await server.app.services.notifications.refresh();
    const told = await db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', me.id).where('kind', '=', 'follow_up').execute();
    expect(told).toEqual([{ kind: 'follow_up', link: `/care-records/${due}` }]);

    // In the bell it wears the flag of the workbench's follow-up card, not the deadline clock.
    await page.reload();
    await page.getByTestId('notifications-bell').click();
    const item = page.getByTestId('notification-item').filter({ hasText: '跟进' }).first();
    await item.waitFor({ timeout: 15_000 });
    expect(await item.locator('.anticon-flag').count()).toBe(1);
    expect(await item.locator('.anticon-clock-circle').count()).toBe(0);
    await shot(page, 'counsellor-bell-follow-up-360', { fullPage: false });
  });

  it('flags a child of serious psychological concern from the child page, kept in its history', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const db = server.app.ctx.db;
    const me = await db
      .selectFrom('role_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('a.scope_id')
      .where('u.username', '=', 'counsellor1')
      .where('a.role', '=', 'counsellor')
      .executeTakeFirstOrThrow();
    const child = await db
      .selectFrom('children')
      .select(['id', 'name'])
      .where('school_id', '=', me.scope_id as string)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('psychology_level', 'is', null), eb('psychology_level', '!=', 'serious')]))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await signIn(page, server, 'counsellor1');
    await page.goto(`${server.url}/children/${child.id}`);
    await page.getByTestId('child-psychology').click();
    await page.getByTestId('psychology-level').getByText('重点关注').click();
    await page.getByTestId('psychology-serious').waitFor();
    await shot(page, 'counsellor-psychology-360', { fullPage: false });
    await page.getByTestId('psychology-submit').click();
    await expect.poll(() => page.getByTestId('child-view-state').innerText(), { timeout: 15_000 }).toContain('重点关注');
    // No edit button for the rest of the archive.
    expect(await page.getByTestId('child-edit').count()).toBe(0);
    await page.getByTestId('child-history-tab').click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('心理状况');
    const level = await db.selectFrom('children').select('psychology_level').where('id', '=', child.id).executeTakeFirstOrThrow();
    expect(level.psychology_level).toBe('serious');
  });
});

describe('a counsellor opens a link to a page her roles do not use', () => {
  it('is told she has no access to it, not shown the page under a refusal, and goes back to the workbench', async () => {
    const page = await demo.browser().newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await signIn(page, demo.server(), 'counsellor1');
    for (const path of ['/audit', '/compliance?period=2026-11', '/briefings']) {
      await page.goto(`${demo.server().url}${path}`);
      const told = page.getByTestId('page-not-permitted');
      await told.waitFor({ timeout: 15_000 });
      expect(await told.innerText(), path).toContain('您无权访问此页面');
      expect(await page.locator('.ant-alert-error').count(), path).toBe(0);
    }
    await shot(page, 'not-permitted-360', { fullPage: false });
    await page.getByTestId('page-not-permitted').getByRole('button').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    // Her own statistics open as before.
    await page.goto(`${demo.server().url}/stats`);
    await page.getByTestId('chart-left-behind').or(page.locator('.ant-statistic').first()).first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('page-not-permitted').count()).toBe(0);
    await page.close();
  });
});

describe('a mentor with many notifications', () => {
  it('reads the newest 50 in the bell, and the older ones page by page, each marked read when opened', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const db = server.app.ctx.db;
    const me = await db.selectFrom('users').select('id').where('username', '=', 'mentor12').executeTakeFirstOrThrow();
    const school = await db.selectFrom('role_assignments').select('school_id').where('user_id', '=', me.id).executeTakeFirstOrThrow();
    await db.deleteFrom('notifications').where('user_id', '=', me.id).execute();
    for (let i = 0; i < 60; i++)
      await server.app.services.notifications.notify(
        me.id,
        school.school_id as string,
        'overdue',
        `e2e-many-${i}`,
        'notifications.incidentAcknowledged',
        { by: `王科长${i}`, kind: '@incidents.kinds.injury' },
        '/mine',
      );
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, server, 'mentor12');
    await page.getByTestId('notifications-bell').click();
    const items = page.getByTestId('notification-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(50);
    await page.getByTestId('notifications-more').click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(60);
    expect(await page.getByTestId('notifications-more').count()).toBe(0);
    // The oldest one, opened from the second page, is read, and the count says so.
    await page.getByTestId('notifications-bell').click();
    await page.getByTestId('notifications-bell').click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(50);
    await page.getByTestId('notifications-more').click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(60);
    await items.last().click();
    await expect.poll(() => page.getByTestId('notifications-count').innerText(), { timeout: 15_000 }).toBe('59');
    await page.close();
  });
});
