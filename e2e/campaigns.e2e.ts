import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { choose, DESK, demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

/** The page's width in CSS pixels (evaluated in the browser; the test code has no DOM types). */

/** Pick a person in a searchable antd Select: its list is virtual, so the name is typed first to bring the option into view. */
async function pickPerson(page: Page, select: Locator, name: string) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await select.locator('input').fill(name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    try {
      await select.filter({ hasText: name }).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

describe('home-visit campaigns', () => {
  it('a leader creates a campaign with groups and assigns places, a group leader checks off a visit on a phone, the progress goes up', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const teacher = (await api.get('/api/users?q=teacher101')).json().items[0] as { id: string; name: string };
    const moral = (await api.get('/api/users?q=moral1')).json().items.find((u: { username: string }) => u.username === 'moral1') as { name: string };

    // The leader, on a desktop: a campaign for one class, two groups.
    const desk = await browser.newContext(DESK);
    const page = await desk.newPage();
    await signIn(page, server, 'leader1');
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-list').waitFor({ timeout: 15_000 });
    await page.getByTestId('campaign-create').click();
    await page.getByTestId('campaign-title').fill('一年级1班家访');
    await choose(page, page.getByTestId('campaign-target-scope'), '一个班级');
    await choose(page, page.getByTestId('campaign-target-class'), '一年级1班');
    // Keep the default checklist but add an item of the school's own.
    await page.getByTestId('campaign-checklist-mode').getByText('自定义清单').click();
    await expect.poll(() => page.getByTestId('campaign-checklist-item').count()).toBe(6);
    await page.getByTestId('campaign-checklist-add').click();
    await page.getByTestId('campaign-checklist-item').last().fill('孩子会背家长电话');
    await page.getByTestId('campaign-group-add').click();
    // A group without a leader is refused on the field.
    await page.getByTestId('campaign-submit').click();
    await page.getByTestId('campaign-group').first().locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
    await pickPerson(page, page.getByTestId('campaign-group-leader-0'), teacher.name);
    await pickPerson(page, page.getByTestId('campaign-group-leader-1'), moral.name);
    // Editing a field clears its error.
    await expect.poll(() => page.getByTestId('campaign-group').locator('.ant-form-item-explain-error').count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'campaign-form');
    await page.getByTestId('campaign-submit').click();
    await page.waitForURL((u) => /^\/campaigns\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });

    // Progress, groups, the places table; move the second group's first place to the first group.
    const places = page.getByTestId('campaign-places').getByTestId('place-row');
    await expect.poll(() => places.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const groups = page.getByTestId('campaign-group-progress');
    const firstTotal = async () => Number(/(\d+)\/(\d+)/.exec(await groups.first().innerText())?.[2]);
    const before = await firstTotal();
    await choose(page, page.getByTestId('places-filter'), '第2组');
    // The filter's list closes before the next select opens (both offer "第1组").
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached', timeout: 5_000 });
    await places.first().locator('.ant-checkbox-input').check();
    await choose(page, page.getByTestId('assign-group'), '第1组');
    await page.getByTestId('assign-submit').click();
    await expect.poll(firstTotal, { timeout: 15_000 }).toBe(before + 1);
    const visited = async () => Number(await page.getByTestId('campaign-visited').locator('.ant-statistic-content-value').innerText());
    expect(await visited()).toBe(0);
    // A typo in the title is corrected in place; the campaign can still be deleted (nobody has visited yet).
    expect(await page.getByTestId('campaign-delete').isEnabled()).toBe(true);
    await page.getByTestId('campaign-edit').click();
    await page.getByTestId('campaign-edit-title').fill('一年级1班晚间家访');
    await page.getByTestId('campaign-edit-submit').click();
    await expect.poll(() => page.getByTestId('campaign-detail').locator('h3').first().innerText(), { timeout: 10_000 }).toContain('一年级1班晚间家访');

    // The group leader, on a phone: the campaign is tagged "my group"; the checklist opens on the group's places.
    const phone = await browser.newContext(PHONE);
    const mobile = await phone.newPage();
    await signIn(mobile, server, 'teacher101');
    await mobile.goto(`${server.url}/campaigns`);
    const row = mobile.getByTestId('campaign-row').filter({ hasText: '一年级1班晚间家访' });
    await row.getByTestId('campaign-my-group').waitFor({ timeout: 15_000 });
    await row.click();
    const cards = mobile.getByTestId('group-visits').getByTestId('visit-place');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(360);
    const card = cards.first();
    await card.getByTestId('visit-start').click();
    const items = card.getByTestId('visit-item');
    expect(await items.count()).toBe(7);
    // Unanswered items and the missing summary are refused on their fields.
    await card.getByTestId('visit-submit').click();
    await card.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
    for (let i = 0; i < 7; i++)
      await items
        .nth(i)
        .getByTestId(i === 2 ? 'visit-answer-issue' : 'visit-answer-ok')
        .click();
    await card.getByTestId('visit-summary').fill('奶奶在家，孩子在写作业，房间整洁');
    await card.getByTestId('visit-note').fill('插座松动，已提醒奶奶找人修');
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(360);
    await shot(mobile, 'campaign-checklist-360');
    await card.getByTestId('visit-submit').click();
    await mobile.getByTestId('visit-done').first().waitFor({ timeout: 15_000 });
    expect(await mobile.locator('[data-testid="visit-place"][data-visited="true"]').count()).toBe(1);
    expect(await mobile.getByTestId('group-progress').innerText()).toContain(`1/${before + 1}`);
    expect(await pageWidth(mobile)).toBeLessThanOrEqual(360);
    await shot(mobile, 'campaign-group-360');
    await phone.close();

    // The leader's page, left open, shows the visit without a reload (live refresh) and the issue.
    await expect.poll(visited, { timeout: 25_000, interval: 1_000 }).toBe(1);
    // After the first visit the campaign is part of the record: deleting is no longer offered.
    await expect.poll(() => page.getByTestId('campaign-delete').isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('campaign-issues').innerText(), { timeout: 10_000 }).toContain('1 处');
    await choose(page, page.getByTestId('places-filter'), '全部小组');
    await page.getByTestId('place-visited').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('campaign-summary').innerText()).toContain('插座松动');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'campaign-leader');
    await desk.close();
  });
});
