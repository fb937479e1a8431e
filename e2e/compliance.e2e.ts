import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { insertAuditMany } from '../apps/server/src/modules/audit/audit.repository.ts';
import { login } from '../apps/server/src/test/index.ts';
import { DESK, demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

/** A Beijing date `days` from today, YYYY-MM-DD. */
const beijing = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** The first day of the month before `date`'s, and its 15th. */
const lastMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [`${month}-01`, `${month}-15`] as const;
};

/** The open date picker's panel. */
const openPanel = (page: Page) => page.locator('.ant-picker-dropdown:visible');

/** Click `date` in an open calendar, going back a month or two if it shows a later month. */
async function pickDay(panel: Locator, date: string) {
  const cell = panel.locator(`td.ant-picker-cell-in-view[title="${date}"]`).first();
  const header = panel.locator('.ant-picker-header-view').first();
  // The calendar drawn before it is read (on a busy machine it comes a moment after its box).
  await panel.locator('td.ant-picker-cell-in-view').first().waitFor({ timeout: 5_000 });
  for (let back = 0; back < 3 && !(await cell.count()); back++) {
    const shown = await header.innerText();
    await panel.locator('.ant-picker-header-prev-btn').first().click();
    // One month back at a time: the next look is at the month the click showed.
    await expect.poll(() => header.innerText(), { timeout: 5_000 }).not.toBe(shown);
  }
  await cell.click();
}

/** The open panel lies within a 360 px wide screen, its arrow back in view. */
async function panelOnScreen(page: Page) {
  const panel = openPanel(page);
  await panel.waitFor({ timeout: 5_000 });
  const box = (await panel.locator('.ant-picker-panel-container').boundingBox()) as { x: number; y: number; width: number; height: number };
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  expect(await panel.locator('.ant-picker-header-prev-btn').isVisible()).toBe(true);
  return panel;
}

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
    // By term: the region reports by the calendar's terms (its schools' own terms differ by a few days).
    const termAnswer = page.waitForResponse((r) => r.url().includes('/api/compliance?') && r.url().includes('period=') && r.url().includes('..'));
    await page.getByTestId('compliance-period-mode').getByText('按学期').click();
    const period = new URL((await termAnswer).url()).searchParams.get('period') as string;
    expect(period).toMatch(/^\d{4}-(09-01\.\.\d{4}-01-31|02-01\.\.\d{4}-08-31)$/);
    // Named as the term is everywhere: "2026-2027 第一学期（秋季）".
    await expect.poll(() => page.getByTestId('compliance-term').innerText()).toMatch(/^\d{4}-\d{4} 第[一二]学期（[秋春]季）/);
    await expect.poll(() => schools.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBe(body.bySchool.length);
    await page.getByTestId('compliance-term').click();
    await expect.poll(() => page.locator('.ant-select-item-option').count()).toBe(4);
    await shot(page, 'compliance-region-term', { fullPage: false });
    await page.keyboard.press('Escape');
    // One school: its classes and teachers.
    await schools.getByTestId('compliance-row').first().click();
    await expect.poll(() => page.getByTestId('compliance-by-class').getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('school')).toBeTruthy();
    await page.close();
  });
});

describe("a region's rule, school by school", () => {
  it('a bureau officer opens a rule, sees each school keep it, and opens one school’s items of it', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server, 'bureau');
    await page.goto(`${server.url}/compliance`);
    const rules = page.getByTestId('compliance-by-rule');
    await expect.poll(() => rules.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const name = await rules.getByTestId('compliance-row-name').first().innerText();
    const answer = page.waitForResponse((r) => r.url().includes('/api/compliance?') && r.url().includes('ruleKey='));
    await rules.getByTestId('compliance-row').first().click();
    const body = (await (await answer).json()) as { byRule: { name: string }[]; bySchool: { id: string; total: number }[] };
    expect(body.byRule.map((r) => r.name)).toEqual([name]);
    const drawer = page.getByTestId('rule-schools');
    await expect.poll(() => drawer.getByTestId('rule-schools-title').innerText()).toBe(name);
    await expect.poll(() => drawer.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBe(Math.min(15, body.bySchool.length));
    await expect.poll(() => drawer.getByTestId('rule-schools-rate').innerText()).toMatch(/\d|—/);
    // The table fits the drawer: nothing scrolls sideways at 1366 px.
    const table = drawer.locator('.ant-table-content').first();
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await shot(page, 'compliance-rule-schools', { fullPage: false });
    // The URL keeps the rule: a reload opens the same drawer.
    expect(new URL(page.url()).searchParams.get('rule')).toBeTruthy();
    await page.reload();
    await expect.poll(() => page.getByTestId('rule-schools').getByTestId('rule-schools-title').innerText(), { timeout: 15_000 }).toBe(name);
    // A school with items of the rule: its own items of it, in its drill-down.
    const schoolId = body.bySchool.find((s) => s.total > 0)?.id as string;
    await page.getByTestId('rule-schools').locator(`a[href*="school=${schoolId}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('school')).toBe(schoolId);
    const drill = page.getByTestId('compliance-drill');
    await expect.poll(() => drill.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => drill.innerText()).toContain(name);
    await shot(page, 'compliance-rule-school-drill', { fullPage: false });
    await page.close();

    // On a phone the drawer takes the screen and the table its width.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, server, 'bureau');
    const ruleKey = new URL((await answer).url()).searchParams.get('ruleKey') as string;
    await phone.goto(`${server.url}/compliance?rule=${encodeURIComponent(ruleKey)}`);
    const small = phone.getByTestId('rule-schools');
    await expect.poll(() => small.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const box = await small.getByTestId('rule-schools-table').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    // Name, rate and 逾期 fit the phone: the table does not scroll sideways.
    expect(
      await small
        .locator('.ant-table-content')
        .first()
        .evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
    ).toBe(true);
    await shot(phone, 'compliance-rule-schools-390', { fullPage: false });
    // A rule no school has (an old link): said so, every school listed without a rate.
    await phone.goto(`${server.url}/compliance?rule=no_such_rule`);
    await expect.poll(() => phone.getByTestId('rule-schools-title').innerText(), { timeout: 15_000 }).toBe('本区域各校本期没有这项制度的待办');
    await phone.close();

    // In English at 1366 px the drawer's table fits too.
    const en = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    await en.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const desk = await en.newPage();
    await signIn(desk, server, 'bureau');
    await desk.goto(`${server.url}/compliance?rule=${encodeURIComponent(ruleKey)}`);
    const drawerEn = desk.getByTestId('rule-schools');
    await expect.poll(() => drawerEn.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await drawerEn.innerText()).toContain('Region rate');
    expect(
      await drawerEn
        .locator('.ant-table-content')
        .first()
        .evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
    ).toBe(true);
    await shot(desk, 'compliance-rule-schools-en', { fullPage: false });
    await en.close();
  });
});

describe('the region picker while the regions load', () => {
  it('shows its placeholder, never the region’s raw id, until the region list arrives', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server, 'bureau');
    // The region list answers late.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/regions*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/compliance`);
    const picker = page.getByTestId('compliance-region');
    await picker.waitFor({ timeout: 15_000 });
    const api = await login(server.app, 'bureau', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; regionId?: string | null }[] };
    const regionId = me.roles.find((r) => r.role === 'bureau_officer')?.regionId as string;
    await page.waitForTimeout(500);
    expect(await picker.innerText()).not.toContain(regionId);
    release();
    await expect.poll(() => picker.innerText(), { timeout: 15_000 }).toContain('青山县');
    await page.close();
  });
});

describe('care policy versions, periods to come and the audit trail, as read', () => {
  it('tags the versions in force, pending and replaced, shows no rate for a month not begun, and the change in the audit log as labelled fields', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null }[] };
    const schoolId = me.roles.find((r) => r.role === 'school_leader')?.schoolId as string;
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(Date.now() + offset * 86_400_000),
      );
    const [today, tomorrow] = [day(0), day(1)];
    // Two versions saved today (the second replaces the first before it ever judged) and one from tomorrow.
    const rules = (await api.get(`/api/care-policies/${schoolId}`)).json().current.rules as { key: string; min: number }[];
    const talks = (min: number) => rules.map((r) => (r.key === 'talk_monthly' ? { ...r, min } : r));
    const versions: number[] = [];
    for (const [min, effectiveFrom] of [
      [2, today],
      [3, today],
      [4, tomorrow],
    ] as const) {
      const res = await api.put(`/api/care-policies/${schoolId}`, { rules: talks(min), effectiveFrom });
      expect(res.statusCode, res.body).toBe(200);
      versions.push((res.json().versions as { version: number; effectiveFrom: string }[]).find((v) => v.effectiveFrom === effectiveFrom)?.version ?? -1);
    }
    const [replaced, current, pending] = [versions[0] as number, versions[1] as number, versions[2] as number];

    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/care-policy`);
    const card = page.getByTestId('policy-versions');
    const tagOf = (version: number) => card.locator('tr.ant-table-row', { hasText: `第 ${version} 版` }).getByTestId('policy-version-status');
    await expect.poll(() => tagOf(pending).innerText(), { timeout: 15_000 }).toBe('待生效');
    expect(await tagOf(current).innerText()).toBe('现行');
    expect(await tagOf(replaced).innerText()).toBe('已被取代');
    // One version judges today.
    expect(await card.locator('[data-status="current"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('policy-pending').innerText(), { timeout: 10_000 }).toContain(tomorrow);
    // The rules shown are today's (three talks); tomorrow's (four) are there on demand.
    expect((await page.getByTestId('policy-rule').allInnerTexts()).join('\n')).toContain('至少谈心 3 次');
    await page.getByTestId('policy-pending-toggle').click();
    await expect
      .poll(() => page.getByTestId('policy-pending-rule').allInnerTexts(), { timeout: 5_000 })
      .toContainEqual(expect.stringContaining('至少谈心 4 次'));
    await shot(page, 'care-policy-versions');
    // A change starts from tomorrow's plan, on its day.
    await page.getByTestId('policy-edit').click();
    await expect.poll(() => page.getByTestId('policy-editing').innerText(), { timeout: 5_000 }).toContain(`第 ${pending} 版`);
    // antd puts the test id on the date's input itself.
    expect(await page.getByTestId('policy-effective-from').inputValue()).toBe(tomorrow);
    expect((await page.getByTestId('policy-edit-rule').allInnerTexts()).join('\n')).toContain('至少谈心 4 次');

    // Next month has not begun: no rate, and why — never 100 %.
    const [y, m] = today.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    await page.goto(`${server.url}/compliance?period=${next}`);
    await expect.poll(() => page.getByTestId('compliance-rate-note').innerText(), { timeout: 15_000 }).toBe('尚未开始');
    expect(await page.getByTestId('compliance-rate').innerText()).toBe('—');
    await shot(page, 'compliance-not-started');
    await desk.close();

    // The bureau reads the change in the audit log: details as labelled fields, the raw data on demand.
    const bureau = await browser.newPage({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    await signIn(bureau, server, 'bureau');
    await bureau.goto(`${server.url}/audit`);
    await bureau.getByTestId('audit-username').fill('leader1');
    await bureau.getByTestId('audit-search').click();
    const row = bureau.locator('tr.ant-table-row', { hasText: '修改关爱制度' }).first();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('leader1');
    const line = await row.getByTestId('audit-details-line').innerText();
    expect(line).toContain(tomorrow);
    expect(line).not.toMatch(/[{}"]/);
    await row.locator('.ant-table-row-expand-icon').click();
    const details = bureau.getByTestId('audit-details').first();
    await details.waitFor({ timeout: 10_000 });
    const labels = await details.locator('.ant-descriptions-item-label').allInnerTexts();
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) expect(l).toMatch(/[\u4e00-\u9fff]/);
    expect(await details.innerText()).not.toContain('talk_monthly');
    expect(await bureau.getByTestId('audit-raw').count()).toBe(0);
    await shot(bureau, 'audit-details', { fullPage: false });
    await details.getByTestId('audit-raw-toggle').click();
    await expect.poll(() => details.getByTestId('audit-raw').innerText(), { timeout: 10_000 }).toContain('"effectiveFrom"');
    expect(await details.getByTestId('audit-raw-toggle').innerText()).toBe('收起原始数据');
    await shot(bureau, 'audit-details-raw', { fullPage: false });
    // At 1366 px the 详情 column is in view and the table does not scroll sideways, in Chinese and in English.
    const detailsInView = () =>
      bureau.evaluate<boolean>(
        `(() => {
          const table = document.querySelector('.ant-table-content');
          const cell = document.querySelector('[data-testid="audit-details-line"]');
          return !!table && !!cell && table.scrollWidth <= table.clientWidth && cell.getBoundingClientRect().right <= document.documentElement.clientWidth;
        })()`,
      );
    expect(await detailsInView()).toBe(true);
    await bureau.getByTestId('lang-switch').click();
    const rowEn = bureau.locator('tr.ant-table-row', { hasText: 'Edited the care policy' }).first();
    await expect.poll(() => rowEn.innerText(), { timeout: 10_000 }).toContain('leader1');
    expect(await detailsInView()).toBe(true);
    await shot(bureau, 'audit-1366-en', { fullPage: false });
    await bureau.close();
  });

  it("lays a leader's workbench figures and the unpaired children's card out inside a phone's screen", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'leader1');
    const card = page.getByTestId('workbench-risk-unpaired');
    const button = card.getByTestId('workbench-go-pair');
    await button.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('workbench-rate').innerText(), { timeout: 15_000 }).toMatch(/\d|—/);
    // The count beside the title stays clear of the 去结对 button.
    const count = card.locator('.ant-card-head .ant-tag').first();
    const [tag, go] = [await count.boundingBox(), await button.boundingBox()];
    expect(tag && go && (tag.x + tag.width <= go.x || tag.y + tag.height <= go.y)).toBe(true);
    expect(await count.isVisible()).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    // The card's head just below the sticky page header.
    await card.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -64)');
    await shot(page, 'workbench-leader-360', { fullPage: false });
    await page.close();
  });
});

describe('a rule kept by attending an activity', () => {
  it("shows on a mentor's workbench as a to-do that opens the activities of that kind", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null }[] };
    const schoolId = me.roles.find((r) => r.role === 'school_leader')?.schoolId as string;
    const rules = (await api.get(`/api/care-policies/${schoolId}`)).json().current.rules as object[];
    // A new rule counts from the windows that start on or after the day it is saved (an earlier
    // window keeps the rules it started under): a reading week from today, whatever day the test runs.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const inAWeek = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(`${today}T12:00:00+08:00`) + 6 * 86_400_000));
    const reading = {
      key: 'reading_monthly',
      kinds: ['activity.reading'],
      cadence: { type: 'dates', dates: [{ label: '读书周', date: inAWeek, daysBefore: 6 }] },
      min: 1,
      appliesTo: { scope: 'all' },
      responsible: 'mentor',
      active: true,
    };
    const saved = await api.put(`/api/care-policies/${schoolId}`, { rules: [...rules, reading] });
    expect(saved.statusCode, saved.body).toBe(200);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server, 'mentor11');
    const item = page.locator('[data-testid="due-item"][data-rule="reading_monthly"]').first();
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getByTestId('due-item-log').innerText()).toContain('读书');
    expect(errors).toEqual([]);
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'due-item-activity-360', { fullPage: false });
    await item.getByTestId('due-item-log').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/activities');
    expect(new URL(page.url()).searchParams.get('kind')).toBe('reading');
    await page.close();
  });
});

describe('the compliance page on a 1366 × 768 desktop', () => {
  it('fits the by-rule table in the window in English and in Chinese: every column in view, no sideways scroll, long rules wrapped in their cells', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server, 'leader1');
    // Last month: every rule judged, rates and counts in every column.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await page.goto(`${server.url}/compliance?period=${last}`);
    const table = page.getByTestId('compliance-by-rule');
    await expect.poll(() => table.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    /** How the table sits: its sideways overflow, its right edge against the window's, and the header cells or rule names cut without a way to read them. */
    const fit = () =>
      page.evaluate<{ overflow: number; right: number; window: number; headsCut: string[]; columns: number }>(
        `(() => {
          const card = document.querySelector('[data-testid="compliance-by-rule"]');
          const content = card.querySelector('.ant-table-content') || card.querySelector('.ant-table-body');
          const heads = [...card.querySelectorAll('thead th')];
          return {
            overflow: content.scrollWidth - content.clientWidth,
            right: Math.max(...[...card.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right)),
            window: document.documentElement.clientWidth,
            headsCut: heads.filter((h) => h.scrollWidth > h.clientWidth + 1).map((h) => h.innerText),
            columns: heads.length,
          };
        })()`,
      );
    const check = async (lang: string) => {
      const f = await fit();
      expect(f.columns, lang).toBe(8);
      expect(f.overflow, `${lang}: the table scrolls sideways`).toBeLessThanOrEqual(0);
      expect(f.right, `${lang}: a column beyond the window`).toBeLessThanOrEqual(f.window);
      expect(f.headsCut, `${lang}: column titles cut`).toEqual([]);
      expect(await pageWidth(page), lang).toBeLessThanOrEqual(1366);
    };
    await check('zh-CN');
    await shot(page, 'compliance-rules-1366-zh', { fullPage: false });
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => table.locator('thead').innerText(), { timeout: 15_000 }).toContain('Rate');
    await expect.poll(() => table.getByTestId('compliance-row').first().innerText(), { timeout: 15_000 }).toMatch(/[A-Za-z]{4}/);
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'compliance-rules-1366-en', { fullPage: false });
    await check('en-US');
    // Each rule's sentence reads whole, wrapped in its cell rather than cut.
    const names = await page.evaluate<{ text: string; cut: boolean }[]>(
      `[...document.querySelectorAll('[data-testid="compliance-by-rule"] [data-testid="compliance-row-name"]')].map((c) => ({
        text: c.innerText,
        cut: c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1,
      }))`,
    );
    expect(names.length).toBeGreaterThan(2);
    expect(names.filter((n) => n.cut)).toEqual([]);
    expect(Math.max(...names.map((n) => n.text.length))).toBeGreaterThan(60);
    await context.close();
  });
});

describe('date ranges on a 360 px phone: one month at a time, on the screen', () => {
  it('filters the audit log by a start and an end day, each a one-month calendar within the screen', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // A school's policy changed twice today and three times three days ago (at noon in Beijing): the day to filter by.
    const api = await login(server.app, 'leader1', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { user: { id: string }; roles: { role: string; schoolId: string | null }[] };
    const schoolId = me.roles.find((r) => r.role === 'school_leader')?.schoolId as string;
    const day = beijing(-3);
    const change = (version: number) => ({ action: 'policy.update', entity: 'care_policy', schoolId, summary: { version, effectiveFrom: day } });
    const leader = { userId: me.user.id, username: 'leader1', ip: '127.0.0.1' };
    await insertAuditMany(server.app.ctx.db, leader, [change(91), change(92), change(93)], `${day}T04:00:00.000Z`);
    await insertAuditMany(server.app.ctx.db, leader, [change(94), change(95)], new Date().toISOString());

    const page = await browser.newPage(PHONE);
    await signIn(page, server, 'bureau');
    await page.goto(`${server.url}/audit`);
    // On a phone an entry is a block the screen's width (no table scrolling sideways to hide 对象 and 详情).
    const rows = page.getByTestId('audit-phone-row');
    const dates = async () => (await rows.allInnerTexts()).map((text) => text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    expect(await dates()).toContain(beijing());
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await page.locator('tr.ant-table-row').count()).toBe(0);
    const rights = await rows.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().right)));
    expect(Math.max(...rights)).toBeLessThanOrEqual(360);
    // Who, what and to what, in words; every detail a tap away.
    const first = rows.filter({ hasText: /版本\D{0,3}95/ }).first();
    await expect.poll(() => first.innerText()).toContain('leader1');
    await first.getByTestId('audit-phone-expand').click();
    await first.getByTestId('audit-details').waitFor({ timeout: 5_000 });
    expect(await first.getByTestId('audit-details').innerText()).toContain('95');
    await shot(page, 'audit-360', { fullPage: false });
    await first.getByTestId('audit-phone-expand').click();
    await first.getByTestId('audit-details').waitFor({ state: 'detached', timeout: 5_000 });
    for (const end of ['from', 'to'] as const) {
      await page.getByTestId(`audit-range-${end}`).click();
      const panel = await panelOnScreen(page);
      await shot(page, `audit-range-${end}-360`, { fullPage: false });
      await pickDay(panel, day);
      await expect.poll(() => page.getByTestId(`audit-range-${end}`).inputValue()).toBe(day);
    }
    // Applied on 查询, as before: the API is asked for that day, and the list holds its three entries.
    const asked = page.waitForResponse((r) => r.url().includes('/api/audit?'));
    await page.getByTestId('audit-search').click();
    const query = new URL((await asked).url()).searchParams;
    expect([query.get('from'), query.get('to')]).toEqual([day, day]);
    await expect.poll(dates, { timeout: 15_000 }).toEqual([day, day, day]);
    await shot(page, 'audit-filtered-360', { fullPage: false });
    await page.close();

    // On a computer, one range picker of two months, as before.
    const desk = await browser.newPage(DESK);
    await signIn(desk, server, 'bureau');
    await desk.goto(`${server.url}/audit`);
    await expect.poll(() => desk.locator('tr.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await desk.getByTestId('audit-range').first().click();
    const panel = openPanel(desk);
    await panel.waitFor({ timeout: 5_000 });
    expect(await panel.locator('.ant-picker-date-panel').count()).toBe(2);
    await pickDay(panel, day);
    await pickDay(panel, day);
    const deskAsked = desk.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('from='));
    await desk.getByTestId('audit-search').click();
    const deskQuery = new URL((await deskAsked).url()).searchParams;
    expect([deskQuery.get('from'), deskQuery.get('to')]).toEqual([day, day]);
    await expect.poll(() => desk.locator('tr.ant-table-row').count(), { timeout: 15_000 }).toBe(3);
    await shot(desk, 'audit-range-1366', { fullPage: false });
    await desk.close();
  });

  it("sets a compliance report's own range by its start and its end, each a one-month calendar within the screen", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const today = beijing();
    const [first, fifteenth] = lastMonth(today);
    const page = await browser.newPage(PHONE);
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/compliance`);
    await page.getByTestId('compliance-period-mode').getByText('自定义').click();
    const period = page.getByTestId('compliance-period');
    await expect.poll(() => period.innerText(), { timeout: 15_000 }).toContain(`${today.slice(0, 8)}01 至 ${today}`);
    // The start: the 1st of last month; the end stays today.
    await page.getByTestId('compliance-range-from').click();
    await pickDay(await panelOnScreen(page), first);
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe(`${first}..${today}`);
    await expect.poll(() => period.innerText(), { timeout: 15_000 }).toContain(`${first} 至 ${today}`);
    // The end: the 15th of last month, in a calendar under the right half of the row.
    await page.getByTestId('compliance-range-to').click();
    const panel = await panelOnScreen(page);
    await shot(page, 'compliance-range-to-360', { fullPage: false });
    await pickDay(panel, fifteenth);
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe(`${first}..${fifteenth}`);
    await expect.poll(() => period.innerText(), { timeout: 15_000 }).toContain(`${first} 至 ${fifteenth}`);
    await expect.poll(() => page.getByTestId('compliance-rate').innerText(), { timeout: 15_000 }).toMatch(/\d|—/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    // Nothing to clear: a report always has both ends.
    expect(await page.locator('.ant-picker-clear').count()).toBe(0);
    await shot(page, 'compliance-range-360', { fullPage: false });
    await page.close();

    // On a computer, one range picker of two months that changes the period once both ends are picked.
    const desk = await browser.newPage(DESK);
    await signIn(desk, server, 'leader1');
    await desk.goto(`${server.url}/compliance?period=${today.slice(0, 7)}`);
    await desk.getByTestId('compliance-period-mode').getByText('自定义').click();
    await desk.getByTestId('compliance-range').first().click();
    const two = openPanel(desk);
    await two.waitFor({ timeout: 5_000 });
    expect(await two.locator('.ant-picker-date-panel').count()).toBe(2);
    // The two calendars settle on the start's month (this one) a moment after they open: a click before
    // that lands a month off (it did on a busy machine).
    const left = two.locator('.ant-picker-header-view').first();
    await expect.poll(() => left.innerText(), { timeout: 5_000 }).toMatch(new RegExp(`${today.slice(0, 4)}\\D+${Number(today.slice(5, 7))}\\D`));
    await desk.waitForTimeout(300);
    await expect.poll(() => left.innerText(), { timeout: 5_000 }).toMatch(new RegExp(`${today.slice(0, 4)}\\D+${Number(today.slice(5, 7))}\\D`));
    await pickDay(two, first);
    await pickDay(two, fifteenth);
    await expect.poll(() => new URL(desk.url()).searchParams.get('period')).toBe(`${first}..${fifteenth}`);
    await expect.poll(() => desk.getByTestId('compliance-period').innerText(), { timeout: 15_000 }).toContain(`${first} 至 ${fifteenth}`);
    await shot(desk, 'compliance-range-1366', { fullPage: false });
    await desk.close();
  });
});

describe('a leader excuses an item', () => {
  it('types the reason with its count in sight, clear of the buttons', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/compliance`);
    const rules = page.getByTestId('compliance-by-rule');
    await expect.poll(() => rules.getByTestId('compliance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await rules.getByTestId('compliance-row').first().click();
    const drill = page.getByTestId('compliance-drill');
    await drill.getByTestId('due-item-excuse').first().click({ timeout: 15_000 });
    await page.getByTestId('excuse-reason').fill('孩子住院治疗，无法家访');
    const count = (await page.locator('.ant-modal:visible .ant-input-data-count').boundingBox()) as { y: number; height: number };
    const ok = (await page.getByTestId('excuse-submit').boundingBox()) as { y: number };
    expect(count.y + count.height).toBeLessThanOrEqual(ok.y);
    await shot(page, 'compliance-excuse', { fullPage: false });
    await page.close();
  });
});
