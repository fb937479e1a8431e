import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

/** The screen the product review was done on. */
const DESK = { viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

const demo = demoCounty();

/** The error messages under the Form.Item holding this test id. */
const errorsOf = (page: Page, testId: string) =>
  page
    .locator('.ant-form-item', { has: page.getByTestId(testId) })
    .locator('.ant-form-item-explain-error')
    .allInnerTexts();

/** The users page searched for one username. */
async function findUser(page: Page, username: string) {
  await page.goto(`${demo.server().url}/users`);
  const search = page.locator('input[data-testid="users-search"], [data-testid="users-search"] input').first();
  await search.fill(username);
  await search.press('Enter');
  await page.locator('tr.ant-table-row', { hasText: username }).first().waitFor({ timeout: 15_000 });
}

describe("an administrator resets a user's password", () => {
  it('is told the password rule for a weak password, not 必填, and a good one is saved', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    // The mentor has forgotten the password and locked the account trying.
    for (let i = 0; i < 5; i++)
      await demo.server().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mentor13', password: `wrong-${i}` } });
    await signIn(page, demo.server(), 'admin');
    await findUser(page, 'mentor13');
    const row = page.locator('tr.ant-table-row', { hasText: 'mentor13' }).first();
    expect(await row.innerText()).toContain('已锁定');
    await page.getByTestId('user-reset-mentor13').click();
    const fresh = page.getByTestId('reset-password-new');
    await fresh.waitFor({ timeout: 10_000 });

    // Nothing typed: both fields are required.
    await page.getByTestId('reset-password-submit').click();
    await expect.poll(() => errorsOf(page, 'reset-password-new'), { timeout: 5_000 }).toEqual(['必填']);

    // A weak password, its confirmation not typed yet: the submit says what is wrong with the password.
    await fresh.fill('abc');
    await page.getByTestId('reset-password-submit').click();
    await expect.poll(() => errorsOf(page, 'reset-password-new'), { timeout: 5_000 }).toEqual(['密码至少 8 位，且须同时包含字母和数字']);
    await shot(page, 'reset-password-weak', { fullPage: false });

    // Typed twice, still weak: still the rule, once.
    await page.getByTestId('reset-password-confirm').fill('abc');
    await page.getByTestId('reset-password-submit').click();
    await expect.poll(() => errorsOf(page, 'reset-password-new'), { timeout: 5_000 }).toEqual(['密码至少 8 位，且须同时包含字母和数字']);

    // A good one saves, and the user signs in with it.
    await fresh.fill('Reset2026ok');
    await page.getByTestId('reset-password-confirm').fill('Reset2026ok');
    await expect.poll(() => errorsOf(page, 'reset-password-new'), { timeout: 5_000 }).toEqual([]);
    await page.getByTestId('reset-password-submit').click();
    await page.getByText('密码已重置').waitFor({ timeout: 10_000 });
    await fresh.waitFor({ state: 'hidden', timeout: 5_000 });
    // The reset unlocked the account, and the list says so without a reload.
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).not.toContain('已锁定');
    await login(demo.server().app, 'mentor13', 'Reset2026ok');
    await context.close();
  });
});

describe('an administrator creates a user', () => {
  it('is told an empty initial password is missing (必填), a weak one the rule', async () => {
    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'admin');
    await page.goto(`${demo.server().url}/users`);
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-username').fill('newteacher');
    await page.getByTestId('user-name').fill('新老师');
    await page.getByTestId('user-submit').click();
    await expect.poll(() => errorsOf(page, 'user-password'), { timeout: 5_000 }).toEqual(['必填']);
    await page.getByTestId('user-password').fill('abc');
    await page.getByTestId('user-submit').click();
    await expect.poll(() => errorsOf(page, 'user-password'), { timeout: 5_000 }).toEqual(['密码至少 8 位，且须同时包含字母和数字']);
    await context.close();
  });
});

describe('an administrator deactivates a class teacher', () => {
  it('is told before saving which classes will have no class teacher, and the class has none after', async () => {
    const server = demo.server();
    const db = server.app.ctx.db;
    const teacher = await db.selectFrom('users').select('id').where('username', '=', 'teacher101').executeTakeFirstOrThrow();
    const headed = await db.selectFrom('classes').select(['id', 'name']).where('head_teacher_id', '=', teacher.id).execute();
    expect(headed.map((c) => c.name)).toEqual(['一年级1班']);

    const context = await demo.browser().newContext(DESK);
    const page = await context.newPage();
    await signIn(page, server, 'admin');
    await findUser(page, 'teacher101');
    await page.getByTestId('user-edit-teacher101').click();
    await page.getByTestId('user-active').waitFor({ timeout: 10_000 });
    // Nothing said while the account stays active.
    await page.waitForTimeout(500);
    expect(await page.getByTestId('user-headship-ending').count()).toBe(0);

    await page.getByTestId('user-active').click();
    const warning = page.getByTestId('user-headship-ending');
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.innerText()).toContain('该教师是 1 个班级（一年级1班）的班主任，停用后这些班级将没有班主任');
    await shot(page, 'user-deactivate-head-teacher', { fullPage: false });
    // Active again: the warning goes.
    await page.getByTestId('user-active').click();
    await warning.waitFor({ state: 'hidden', timeout: 5_000 });

    await page.getByTestId('user-active').click();
    await warning.waitFor({ timeout: 5_000 });
    await page.getByTestId('user-submit').click();
    await page.getByTestId('user-submit').waitFor({ state: 'hidden', timeout: 15_000 });
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('classes')
              .select('head_teacher_id')
              .where('id', '=', headed[0]?.id as string)
              .executeTakeFirstOrThrow()
          ).head_teacher_id,
      )
      .toBeNull();
    await context.close();
  });
});

describe('a county’s calendar set at once', () => {
  it('a bureau officer sets next year’s first term for every school, and is told which schools had it already', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage(DESK);
    await signIn(page, server, 'bureau');
    await page.goto(`${server.url}/terms`);
    const setTerm = async (page: Page) => {
      await page.getByTestId('terms-for-region').click();
      // The officer's county is chosen already; next year's autumn term.
      // (Named once the regions have arrived: until then the select holds the id.)
      await expect.poll(() => page.getByTestId('term-region').innerText(), { timeout: 10_000 }).toContain('青山县');
      const year = page.getByTestId('term-year');
      await year.fill('2027-2028');
      for (const [id, value] of [
        ['term-start', '2027-09-01'],
        ['term-end', '2028-01-20'],
      ] as const) {
        // DateInput's test id sits on its input.
        const input = page.getByTestId(id);
        await input.click();
        await input.fill(value);
        await input.press('Tab');
      }
      await page.getByTestId('term-region-submit').click();
      const result = page.getByTestId('term-region-result');
      await result.waitFor({ timeout: 15_000 });
      return result;
    };
    const first = await setTerm(page);
    expect(await first.innerText()).toMatch(/已为 [1-9]\d* 所学校设置该学期/);
    expect(await first.getByTestId('term-region-skipped').count()).toBe(0);
    await shot(page, 'terms-for-region-done', { fullPage: false });
    await page.getByTestId('term-region-result-ok').click();
    await first.waitFor({ state: 'hidden', timeout: 5_000 });
    // The school shown has the new term in its list.
    await expect.poll(async () => (await page.locator('.ant-table-tbody').innerText()).includes('2027-2028'), { timeout: 10_000 }).toBe(true);
    // Again: every school has it, each is named with the reason, nothing is created twice.
    const again = await setTerm(page);
    expect(await again.innerText()).toContain('没有学校新设置该学期');
    const skipped = await again.getByTestId('term-region-skipped').allInnerTexts();
    expect(skipped.length).toBeGreaterThan(0);
    // Each with the term it has, and that term's dates.
    for (const line of skipped) expect(line).toContain('学期已存在：2027-2028 第一学期（秋季），2027-09-01 至 2028-01-20');
    await shot(page, 'terms-for-region-again', { fullPage: false });
    await page.close();
    // In English the same, each date kept whole on its line.
    const en = await browser.newPage(DESK);
    await en.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    await signIn(en, server, 'bureau');
    await en.goto(`${server.url}/terms`);
    const english = await setTerm(en);
    const lines = await english.getByTestId('term-region-skipped').allInnerTexts();
    expect(lines.length).toBe(skipped.length);
    for (const line of lines) expect(line).toContain('Term already exists: 2027-2028 First semester (autumn), 2027-09-01 to 2028-01-20');
    const dates = await english.locator('[data-testid="term-region-skipped"] span[style*="nowrap"]').allInnerTexts();
    expect(dates).toEqual(lines.flatMap(() => ['2027-09-01', '2028-01-20']));
    await shot(en, 'terms-for-region-again-en', { fullPage: false });
    await en.close();
  });
});

describe("a school's care organisation (关爱工作组织) on a phone", () => {
  it('lists the leadership group and the duties the screen wide, and a member is added, renamed and removed there', async () => {
    const context = await demo.browser().newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, demo.server(), 'leader1');
    await page.goto(`${demo.server().url}/organisation`);
    const members = page.getByTestId('org-member-row');
    const duties = page.getByTestId('org-duty-row');
    await members.first().waitFor({ timeout: 15_000 });
    await duties.first().waitFor({ timeout: 15_000 });
    // Blocks, not tables that scroll sideways and hide their last columns (the buttons).
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    for (const rows of [members, duties]) {
      const rights = await rows.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().right)));
      expect(Math.max(...rights)).toBeLessThanOrEqual(360);
    }
    expect(await members.first().getByTestId('org-member-edit').getAttribute('aria-label')).toBe('编辑');

    // A village cadre by a typed name.
    await page.getByTestId('org-add-member').click();
    await page.getByTestId('member-name').fill('王村长');
    await page.getByTestId('member-title').fill('村委会主任');
    await page.getByTestId('member-submit').click();
    const cadre = members.filter({ hasText: '王村长' });
    await expect.poll(() => cadre.count(), { timeout: 15_000 }).toBe(1);
    expect(await cadre.innerText()).toContain('村委会主任');
    await shot(page, 'organisation-360');

    await cadre.getByTestId('org-member-edit').click();
    const title = page.getByTestId('member-title');
    await expect.poll(() => title.inputValue(), { timeout: 5_000 }).toBe('村委会主任');
    await title.fill('村党支部书记');
    await page.getByTestId('member-submit').click();
    await expect.poll(() => cadre.innerText(), { timeout: 15_000 }).toContain('村党支部书记');

    await cadre.getByTestId('org-member-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => cadre.count(), { timeout: 15_000 }).toBe(0);
    await context.close();
  });
});
