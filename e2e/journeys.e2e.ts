import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launch, type Server, shot, startServer } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** Pick an option in the antd Select or TreeSelect marked with this test id. */
async function pick(page: Page, testId: string, text: string) {
  await choose(page, page.getByTestId(testId), text);
}

async function signIn(page: Page, server: Server, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('first run and sign-in', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server?.close());

  it('creates the first administrator from the first-run page and signs in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.waitForURL(/\/setup$/);
    await page.getByTestId('setup-username').waitFor({ timeout: 15_000 });
    await shot(page, 'setup');
    await page.getByTestId('setup-username').fill('admin');
    await page.getByTestId('setup-name').fill('县管理员');
    await page.getByTestId('setup-password').fill('Admin1234');
    await page.getByTestId('setup-confirm').fill('Admin1234');
    await page.getByTestId('setup-admin-submit').click();
    await page.waitForURL(/\/login$/);
    await signIn(page, server, 'admin', 'Admin1234');
    await expect.poll(() => page.getByTestId('workbench-welcome').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('header-roles').innerText()).toContain('系统管理员');
    // Day one: the workbench lists the set-up steps, the regions first, each a way to its page.
    const setup = page.getByTestId('workbench-setup');
    await setup.waitFor({ timeout: 15_000 });
    expect(await setup.getByTestId('setup-step-regions').getAttribute('data-done')).toBe('false');
    await shot(page, 'workbench');
    await setup.getByTestId('setup-go-regions').click();
    await page.waitForURL(/\/regions$/);
    await page.close();
  });

  it('locks the account after repeated wrong passwords and says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/login`);
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(`wrong-${i}`);
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('form-error').innerText(), { timeout: 10_000 }).toMatch(i < 4 ? /用户名或密码错误/ : /锁定/);
    }
    await shot(page, 'lockout');
    // Even the right password is refused while the lock lasts.
    await page.getByTestId('login-password').fill('Admin1234');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('form-error').innerText()).toMatch(/锁定/);
    expect(page.url()).toMatch(/\/login$/);
    await page.close();
  });
});

describe('an administrator builds a county', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { admin: { username: 'admin', password: 'Admin1234', name: '管理员' } },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => server?.close());

  it('creates a region, a school, a class and a class teacher, and sees them in the audit log', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signIn(page, server, 'admin', 'Admin1234');
    await page.getByTestId('workbench-welcome').waitFor();

    await page.goto(`${server.url}/regions`);
    await page.getByTestId('regions-create').click();
    await pick(page, 'region-level', '县');
    await page.getByTestId('region-name').fill('青山县');
    await page.locator('.ant-modal:visible button[type=submit], .ant-drawer:visible button[type=submit]').first().click();
    await page.locator('td', { hasText: '青山县' }).first().waitFor();

    await page.goto(`${server.url}/schools`);
    await page.getByTestId('schools-create').click();
    await pick(page, 'school-region', '青山县');
    await page.getByTestId('school-name').fill('青山县实验小学');
    await pick(page, 'school-kind', '小学');
    await page.getByTestId('school-phone').fill('0838-6601234');
    await page.getByTestId('school-submit').click();
    await page.locator('td', { hasText: '青山县实验小学' }).first().waitFor();
    await shot(page, 'schools');

    await page.goto(`${server.url}/classes`);
    await page.getByTestId('classes-create').click();
    await pick(page, 'class-grade', '三年级');
    await page.getByTestId('class-name').fill('三年级1班');
    await page.getByTestId('class-pupils').fill('42');
    await page.getByTestId('class-submit').click();
    await page.locator('td', { hasText: '三年级1班' }).first().waitFor();

    await page.goto(`${server.url}/users`);
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-username').fill('wanglaoshi');
    await page.getByTestId('user-name').fill('王老师');
    await page.getByTestId('user-password').fill('Teach1234');
    // A new user starts with one empty role row.
    await pick(page, 'role-select-0', '班主任');
    await pick(page, 'role-school-0', '青山县实验小学');
    // The class picker is the last select of the role row.
    await choose(page, page.getByTestId('role-row-0').locator('.ant-select').last(), '三年级1班');
    await shot(page, 'user-form');
    await page.getByTestId('user-submit').click();
    await page.locator('td', { hasText: 'wanglaoshi' }).first().waitFor();

    await page.goto(`${server.url}/audit`);
    for (const action of ['新建区域', '新建学校', '新建班级', '新建用户']) await page.locator('td', { hasText: action }).first().waitFor();
    // The administrator reads many schools: the new teacher's account names its school under it; the
    // region's entry names none, and nothing reads "undefined".
    const made = page.locator('tr.ant-table-row', { hasText: '新建用户' }).first();
    expect(await made.getByTestId('audit-school').innerText()).toBe('青山县实验小学');
    expect(await page.locator('tr.ant-table-row', { hasText: '新建区域' }).first().getByTestId('audit-school').count()).toBe(0);
    expect(await page.locator('.ant-table-tbody').innerText()).not.toMatch(/undefined|null/);
    await shot(page, 'audit');
    await page.setViewportSize({ width: 1366, height: 860 });
    await shot(page, 'audit-1366');
    await page.close();

    // The new class teacher signs in: first it makes the password its own (nothing else is shown, nor
    // served, until then), then it sees only its class.
    const teacher = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(teacher, server, 'wanglaoshi', 'Teach1234');
    await teacher.getByTestId('password-current').waitFor();
    expect(await teacher.getByTestId('workbench-welcome').count()).toBe(0);
    await shot(teacher, 'password-first-360', { fullPage: false });
    await teacher.getByTestId('password-current').fill('Teach1234');
    await teacher.getByTestId('password-new').fill('Wang2026ls');
    await teacher.getByTestId('password-confirm').fill('Wang2026ls');
    await teacher.locator('.ant-modal:visible .ant-btn-primary').click();
    await teacher.getByTestId('workbench-welcome').waitFor();
    await expect.poll(() => teacher.getByTestId('workbench-welcome').innerText()).toContain('王老师');
    await shot(teacher, 'workbench-360');
    await teacher.close();
  });
});
