import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '@carebridge/shared';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../apps/server/src/modules/rosters/roster-template.ts';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, shot, signIn, startServer } from './harness.ts';

/** The screen the product review was done on. */
const DESK = { viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

const demo = demoCounty();

/**
 * The statistics page's table of schools, evaluated in the browser: the page no wider than the window,
 * the table's card inside it, the table no wider than its card (nothing to scroll to), every heading
 * and the roster tags whole in sight.
 */
const SCHOOLS_LAYOUT = `(() => {
  const card = document.querySelector('[data-testid="stats-schools"]').getBoundingClientRect();
  const box = document.querySelector('[data-testid="stats-schools"] .ant-table-content, [data-testid="stats-schools"] .ant-table-body');
  const inCard = (el) => el.getBoundingClientRect().right <= card.right + 1;
  return {
    page: document.documentElement.scrollWidth <= window.innerWidth,
    card: card.right <= window.innerWidth,
    table: !!box && box.scrollWidth <= box.clientWidth,
    headings: [...document.querySelectorAll('[data-testid="stats-schools"] thead th')].filter((th) => !inCard(th)).map((th) => th.textContent),
    rosters: [...document.querySelectorAll('[data-testid="stats-schools"] tbody .ant-tag')].filter((tag) => !inCard(tag)).length,
  };
})()`;

/** The confirmation before typed work is thrown away, and its two buttons. */
const leaveDialog = (page: Page) => page.locator('.ant-modal-confirm').filter({ hasText: '放弃没有保存的内容' });
const stay = (page: Page) => leaveDialog(page).getByRole('button', { name: '继续填写' }).click();
const leave = (page: Page) => leaveDialog(page).getByRole('button', { name: '放弃并离开' }).click();

/** The error messages under the Form.Item holding this test id. */
const errorsOf = (page: Page, testId: string) =>
  page
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error')
    .allInnerTexts();

describe('long forms keep what was typed', () => {
  it('the registration form asks before a menu item or the back button takes it away, and goes without asking once saved', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    const server = demo.server();
    await signIn(page, server, 'teacher101');
    await page.getByTestId('nav-children').click();
    await page.getByTestId('children-create').click();
    await page.waitForURL(/\/children\/new/);
    await page.getByTestId('child-field-name').fill('钱小满');

    // A menu item: asked; staying keeps the page and what was typed.
    await page.getByTestId('nav-workbench').click();
    await leaveDialog(page).waitFor({ timeout: 5_000 });
    await shot(page, 'leave-child-form', { fullPage: false });
    await stay(page);
    await leaveDialog(page).waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/children/new');
    expect(await page.getByTestId('child-field-name').inputValue()).toBe('钱小满');

    // The browser's back button: asked too.
    await page.evaluate('history.back()');
    await leaveDialog(page).waitFor({ timeout: 5_000 });
    await stay(page);
    await leaveDialog(page).waitFor({ state: 'hidden' });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/children/new');
    expect(await page.getByTestId('child-field-name').inputValue()).toBe('钱小满');

    // Saved: the archive's page opens without a question.
    await page.getByTestId('child-field-idNumber').fill(makeIdNumber('511021', '2019-04-12', 61, 'female'));
    await page.getByTestId('child-submit').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/children\/(?!new$)[^/]+$/);
    expect(await leaveDialog(page).count()).toBe(0);

    // Its edit form: asked before the menu takes it away; leaving goes where the menu said.
    await page.getByTestId('child-edit').click();
    await page.waitForURL(/\/edit/);
    await page.getByTestId('child-field-guardianName').fill('钱奶奶');
    await page.getByTestId('nav-children').click();
    await leaveDialog(page).waitFor({ timeout: 5_000 });
    await leave(page);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/children');
    await context.close();
  });

  it('the incident report asks before the menu takes it away, and closing the tab asks the browser', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'teacher101');
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incident-create').click();
    await page.waitForURL(/\/incidents\/new/);
    await page.getByTestId('incident-description').fill('课间在操场摔倒，膝盖擦伤。');
    await page.getByTestId('nav-children').click();
    await leaveDialog(page).waitFor({ timeout: 5_000 });
    await stay(page);
    expect(new URL(page.url()).pathname).toBe('/incidents/new');
    expect(await page.getByTestId('incident-description').inputValue()).toBe('课间在操场摔倒，膝盖擦伤。');

    // A reload or closing the tab: the browser's own question.
    let asked = '';
    page.on('dialog', (d) => {
      asked = d.type();
      void d.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked, { timeout: 5_000 }).toBe('beforeunload');
    await context.close();
  });
});

describe('old messages do not stay under fields put right', () => {
  it('the pairing form drops 必填 under a mentor once one is chosen, and keeps no message after a pairing is saved', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'leader1');
    await page.getByTestId('nav-pairings').click();
    await page.getByTestId('pairing-submit').click();
    await expect.poll(() => errorsOf(page, 'pairing-mentor'), { timeout: 10_000 }).toEqual(['必填']);
    expect(await errorsOf(page, 'pairing-children')).toEqual(['请至少选择一项']);

    await page.getByTestId('pairing-mentor').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => errorsOf(page, 'pairing-mentor'), { timeout: 5_000 }).toEqual([]);
    // The children are still missing, and say so.
    expect(await errorsOf(page, 'pairing-children')).toEqual(['请至少选择一项']);

    await page.getByTestId('pairing-unpaired-child').first().click();
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/pairings', { timeout: 15_000 });
    await page.getByTestId('pairing-submit').click();
    expect((await saved).status()).toBeLessThan(300);
    await page.getByText('已为').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('pairing-form').locator('.ant-form-item-explain-error').count()).toBe(0);
    await context.close();
  });

  it('the first-run page says the password rule for a weak password, not 必填', async () => {
    const server = await startServer();
    const context = await demo.browser().newContext(DESK);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/setup`);
      await page.getByTestId('setup-username').waitFor({ timeout: 15_000 });
      await page.getByTestId('setup-admin-submit').click();
      await expect.poll(() => errorsOf(page, 'setup-password'), { timeout: 5_000 }).toEqual(['必填']);
      await page.getByTestId('setup-username').fill('admin');
      await page.getByTestId('setup-name').fill('县管理员');
      await page.getByTestId('setup-password').fill('abc');
      // Filled in: the old messages go at once.
      await expect.poll(() => errorsOf(page, 'setup-username'), { timeout: 5_000 }).toEqual([]);
      // The confirmation not typed yet: the submit still says what is wrong with the password.
      await page.getByTestId('setup-admin-submit').click();
      await expect.poll(() => errorsOf(page, 'setup-password'), { timeout: 5_000 }).toEqual(['密码至少 8 位，且须同时包含字母和数字']);
      await shot(page, 'setup-weak-password', { fullPage: false });
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('at 1366 × 768', () => {
  it("the child form's section links show whole in English", async () => {
    const context = await demo.browser().newContext({ ...DESK, locale: 'en-US' });
    await context.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const page = await context.newPage();
    const server = demo.server();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/children/new`);
    const links = page.locator('.ant-anchor-link-title');
    await expect.poll(() => links.count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await links.allInnerTexts()).toContain('State in five dimensions');
    // No title cut to "…": each shows all of its text (wrapping where it must).
    const cut = await page.evaluate<number>(`[...document.querySelectorAll('.ant-anchor-link-title')].filter((e) => e.scrollWidth > e.clientWidth + 1).length`);
    expect(cut).toBe(0);
    await shot(page, 'child-form-anchor-1366-en', { fullPage: false });
    await context.close();
  });

  it('the sidebar shows the menu item of the set-up page that is open', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    const server = demo.server();
    await signIn(page, server, 'admin');
    for (const path of ['/users', '/classes', '/regions']) {
      await page.goto(`${server.url}${path}`);
      const item = page.locator('.ant-layout-sider .ant-menu-item-selected');
      await item.waitFor({ timeout: 15_000 });
      // Evaluated in the browser (the test code has no DOM types).
      const inView = `(() => {
        const r = document.querySelector('.ant-layout-sider .ant-menu-item-selected').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      })()`;
      await expect.poll(() => page.evaluate<boolean>(inView)).toBe(true);
      // The page itself stays at its top.
      expect(await page.evaluate('scrollY')).toBe(0);
    }
    await shot(page, 'sider-regions', { fullPage: false });
    await context.close();
  });

  it("the bureau's roster table shows each school's whole name and fits without scrolling sideways", async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'bureau');
    await page.getByTestId('nav-submissions').click();
    const names = page.getByTestId('submission-row-school');
    await names.first().waitFor({ timeout: 15_000 });
    expect(await names.count()).toBeGreaterThan(0);
    // Evaluated in the browser: no name cut short, and the table as wide as its card.
    const cut = `[...document.querySelectorAll('[data-testid="submission-row-school"]')]
      .filter((el) => el.scrollWidth > el.clientWidth || el.closest('td').querySelector('.ant-typography-ellipsis'))
      .map((el) => el.textContent)`;
    expect(await page.evaluate<string[]>(cut)).toEqual([]);
    const sideways = `(() => {
      const table = document.querySelector('[data-testid="submission-schools"] .ant-table-content, [data-testid="submission-schools"] .ant-table-body');
      return !!table && table.scrollWidth > table.clientWidth;
    })()`;
    expect(await page.evaluate<boolean>(sideways)).toBe(false);
    await shot(page, 'submissions-bureau-1366', { fullPage: false });
    await context.close();
  });

  it("the bureau's statistics by term show each school's roster of that term, as 花名册报送 does", async () => {
    const server = demo.server();
    const db = server.app.ctx.db;
    // Two schools sent their roster of the demo's autumn term (2026-09-01..2027-01-22, running today as the demo has it): one approved, one returned.
    const now = new Date().toISOString();
    const schools = await db.selectFrom('schools').select(['id', 'name']).orderBy('name').execute();
    for (const [i, status] of (['approved', 'returned'] as const).entries()) {
      const school = schools[i] as { id: string };
      const term = await db.selectFrom('terms').select('id').where('school_id', '=', school.id).where('semester', '=', 1).executeTakeFirstOrThrow();
      await db
        .insertInto('roster_submissions')
        .values({
          id: randomUUID(),
          level: 'school',
          school_id: school.id,
          class_id: null,
          term_id: term.id,
          status,
          children: 0,
          version: 2,
          created_at: now,
          updated_at: now,
          submitted_at: now,
        })
        .execute();
    }
    const api = await login(server.app, 'bureau', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; regionId?: string | null }[] };
    const regionId = me.roles.find((r) => r.role === 'bureau_officer')?.regionId as string;
    const subs = (await api.get(`/api/roster-submissions?regionId=${regionId}&level=school`)).json().items as {
      schoolName: string;
      termLabel: string;
      status: string;
    }[];
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, server, 'bureau');
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('stats-school-row').first().waitFor({ timeout: 20_000 });
    // 按学期: the calendar term running today (to 31 January, after the schools' own terms end).
    await page.getByTestId('compliance-period-mode').getByText('按学期').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('period') ?? '', { timeout: 10_000 }).toMatch(/-01-31$/);
    await expect.poll(() => page.getByTestId('compliance-term').innerText(), { timeout: 10_000 }).toMatch(/^\d{4}-\d{4} 第一学期/);
    const term = await page.getByTestId('compliance-term').innerText();
    const label = { none: '未报送', draft: '未报送', submitted: '已报送', returned: '已退回', approved: '已通过' } as Record<string, string>;
    const expected = subs.filter((x) => x.termLabel === term.trim()).map((x) => [x.schoolName, label[x.status]]);
    expect(expected.map(([, state]) => state).sort()).toEqual(['已退回', '已通过']);
    const rows = page.getByTestId('stats-school-row');
    await expect
      .poll(
        async () => {
          const texts = await rows.allInnerTexts();
          return expected.filter(([name, state]) => texts.some((t) => t.includes(name as string) && t.includes(state as string))).length;
        },
        { timeout: 15_000 },
      )
      .toBe(expected.length);
    // In Chinese the table fits as well.
    expect(await page.evaluate(SCHOOLS_LAYOUT)).toEqual({ page: true, card: true, table: true, headings: [], rosters: 0 });
    await page.getByTestId('stats-schools').evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -72)');
    await shot(page, 'stats-schools-by-term', { fullPage: false });
    await context.close();
  });

  it("the bureau's table of schools on the statistics page fits its card in English, every column in sight, the page not scrolling sideways", async () => {
    const context = await demo.browser().newContext({ ...DESK, locale: 'en-US' });
    await context.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'bureau');
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('stats-school-row').first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate(SCHOOLS_LAYOUT)).toEqual({ page: true, card: true, table: true, headings: [], rosters: 0 });
    expect(await page.getByTestId('stats-schools').locator('thead th').count()).toBe(9);
    // The rosters sent in the test before, with their days: the widest the column gets.
    expect(await page.getByTestId('stats-schools').locator('tbody .ant-tag').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Approved \d{4}-\d{2}-\d{2}$/), expect.stringMatching(/^Returned \d{4}-\d{2}-\d{2}$/)]),
    );
    expect(await page.evaluate<number>('scrollX')).toBe(0);
    await page.getByTestId('stats-schools').evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -72)');
    await shot(page, 'stats-schools-1366-en', { fullPage: false });
    await context.close();
  });

  it("the roster template's own headers are not shown as renamed, and an error names its column without the required mark", async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'teacher101');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate('zh-CN')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const headers = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const row = ws.getRow(3);
    row.getCell(headers.indexOf('姓名*')).value = '孙小麦';
    row.getCell(headers.indexOf('性别*')).value = '未知';
    row.getCell(headers.indexOf('出生日期*')).value = '2019-05-06';
    await page.goto(`${demo.server().url}/rosters/import`);
    await expect.poll(() => page.getByTestId('roster-class').innerText(), { timeout: 15_000 }).toContain('一年级1班');
    await page.getByTestId('roster-file').setInputFiles({
      name: '留守儿童花名册模板.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await expect.poll(() => page.getByTestId('roster-summary-error').innerText(), { timeout: 30_000 }).toContain('1');
    const columns = await page.getByTestId('roster-column').allInnerTexts();
    expect(columns).toContain('姓名*');
    expect(columns.filter((c) => c.includes('→'))).toEqual([]);
    const errors = await page.getByTestId('roster-row-errors').first().innerText();
    expect(errors).toContain('性别：');
    expect(errors).not.toContain('*');
    await shot(page, 'roster-template-preview', { fullPage: false });
    await context.close();
  });
});
