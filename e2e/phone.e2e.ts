import { describe, expect, it } from 'vitest';
import { demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

/** The tables on the page wider than their box (a table scrolling sideways hides its last columns), by their headings. */
const WIDE_TABLES = `[...document.querySelectorAll('.ant-table-content, .ant-table-body')]
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => [...e.querySelectorAll('th')].map((th) => th.textContent).join(','))`;

/** Every page of the menu whose lists were tables, for a leader and for the bureau. */
const PAGES = ['/stats', '/pairings', '/submissions', '/regions', '/schools', '/terms', '/classes', '/users', '/organisation', '/audit', '/briefings'];

describe('lists on a 360 px phone', () => {
  it('lay every row out the screen wide, none in a table scrolling sideways', async () => {
    for (const user of ['leader1', 'bureau']) {
      const context = await demo.browser().newContext(PHONE);
      const page = await context.newPage();
      await signIn(page, demo.server(), user);
      for (const path of PAGES) {
        await page.goto(`${demo.server().url}${path}`);
        await page.locator('.ant-card').first().waitFor({ timeout: 15_000 });
        await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 });
        expect(await pageWidth(page), `${user} ${path}`).toBeLessThanOrEqual(360);
        expect(await page.evaluate<string[]>(WIDE_TABLES), `${user} ${path}`).toEqual([]);
        await shot(page, `phone-${user}-${path.slice(1)}`, { fullPage: false });
        // A block leads with what names its row: a person's name (not the sign-in name), a class's name (not its grade).
        const lead = async () => ((await page.getByTestId('phone-row').first().innerText()).split('\n')[0] ?? '').trim();
        if (path === '/users') expect(await lead(), user).toMatch(/^\p{Script=Han}{2,4}$/u);
        if (path === '/classes') expect(await lead(), user).toMatch(/班$/);
      }
      await context.close();
    }
  });

  it("the bureau reads each school's figures and the county's total on its dashboard, and a school opens its own", async () => {
    const context = await demo.browser().newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'bureau');
    await page.goto(`${demo.server().url}/stats`);
    const schools = page.getByTestId('stats-school-row');
    await expect.poll(() => schools.count(), { timeout: 30_000 }).toBe(3);
    const total = page.getByTestId('stats-schools-total');
    expect(await total.innerText()).toMatch(/合计[\s\S]*留守儿童\s*\d+/);
    const first = schools.first();
    await first.scrollIntoViewIfNeeded();
    await shot(page, 'stats-schools-360', { fullPage: false });
    // Sorted as a desk's headings sort: by the number of left-behind children, most first, then fewest first.
    const counts = async () => (await schools.allInnerTexts()).map((text) => Number(/留守儿童\s*(\d+)/.exec(text)?.[1] ?? Number.NaN));
    const sortBy = async (label: RegExp) => {
      await page.getByTestId('phone-sort').click();
      await page.locator('.ant-select-item-option').filter({ hasText: label }).click();
    };
    await sortBy(/留守儿童.*降序/);
    const most = await counts();
    expect(most).toEqual([...most].sort((a, b) => b - a));
    await shot(page, 'stats-schools-sorted-360', { fullPage: false });
    await sortBy(/留守儿童.*升序/);
    expect(await counts()).toEqual([...most].sort((a, b) => a - b));
    const name = (await first.innerText()).split('\n')[0]?.trim() ?? '';
    await first.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('school'), { timeout: 10_000 }).toBeTruthy();
    await expect.poll(() => page.locator('main, .ant-layout-content').first().innerText(), { timeout: 15_000 }).toContain(name);
    await context.close();
  });

  it('a leader ends a pairing from its row on a phone', async () => {
    const context = await demo.browser().newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'leader1');
    await page.goto(`${demo.server().url}/pairings`);
    const rows = page.getByTestId('pairing-row');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('tr.ant-table-row').count()).toBe(0);
    // The row reads its class, its mentor and since when, and keeps its button in the screen.
    const row = rows.first();
    const text = await row.innerText();
    expect(text).toContain('帮扶教师');
    expect(text).toMatch(/开始日期\s*\d{4}-\d{2}-\d{2}/);
    const child = text.split('\n')[0]?.trim() ?? '';
    const button = (await row.getByTestId('pairing-end').boundingBox()) as { x: number; width: number };
    expect(button.x + button.width).toBeLessThanOrEqual(360);
    await shot(page, 'pairings-360', { fullPage: false });
    await row.getByTestId('pairing-end').click();
    await page.getByTestId('pairing-end-reason').fill('帮扶教师调动');
    await page.getByTestId('pairing-end-submit').click();
    await expect.poll(() => rows.filter({ hasText: child }).count(), { timeout: 15_000 }).toBe(0);
    // The audit log names the pairing it ended by its child and mentor, not by a part of its id.
    await page.goto(`${demo.server().url}/audit`);
    const entry = page.locator('main, .ant-layout-content').first();
    await expect.poll(() => entry.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`${child}（帮扶教师 \\S+）`));
    await shot(page, 'audit-pairing-end-360', { fullPage: false });
    await context.close();
  });

  it("gives a care rule's sentence room beside its rate: a short bar, the rule in a few lines, in English too", async () => {
    const context = await demo.browser().newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'leader1');
    await page.getByTestId('lang-switch').click();
    await page.goto(`${demo.server().url}/compliance`);
    const rule = page.getByTestId('compliance-by-rule').getByTestId('compliance-row-name').first();
    await expect.poll(() => rule.innerText(), { timeout: 15_000 }).toMatch(/^Each child/);
    // "Each child: at least 1 × talk every month; the mentor is responsible" took five lines beside a 150 px bar, the
    // family-call rule eight.
    await rule.scrollIntoViewIfNeeded();
    await shot(page, 'compliance-rules-360-en', { fullPage: false });
    const box = (await rule.boundingBox()) as { width: number; height: number };
    expect(box.width).toBeGreaterThan(130);
    expect(box.height / 22).toBeLessThanOrEqual(4.5);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
