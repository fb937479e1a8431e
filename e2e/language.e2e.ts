import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESK, demoCounty, shot, signIn } from './harness.ts';

const demo = demoCounty();
/** The chunk with every English text (apps/web/vite.config.ts, src/i18n/load.ts). */
const ENGLISH_CHUNK = /\/assets\/en-US-[^/]+\.js$/;

/** Every text the page shows, as it changes from the very first paint (an init script). */
const RECORD_TEXTS = `
  window.__texts = [];
  new MutationObserver(() => {
    const text = document.getElementById('root')?.innerText;
    if (text && window.__texts[window.__texts.length - 1] !== text) window.__texts.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;
const texts = (page: Page) => page.evaluate<string[]>('window.__texts');
const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');
/** A dictionary key shown as such ("login.title"). */
const RAW_KEY = /\b(app|login|lang|common|nav|workbench)\.[a-zA-Z]+/;

describe('language', () => {
  it('the login page carries Chinese only; English is fetched on switching, shown once it has arrived, and from the first paint after a reload', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const context = await browser.newContext(DESK);
    await context.addInitScript(RECORD_TEXTS);
    const page = await context.newPage();
    let fetched = 0;
    page.on('request', (r) => {
      if (ENGLISH_CHUNK.test(new URL(r.url()).pathname)) fetched++;
    });
    // A slow line: English takes a moment to arrive.
    await page.route(ENGLISH_CHUNK, async (route) => {
      await sleep(1_000);
      await route.continue();
    });

    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/^登\s*录$/);
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(fetched).toBe(0);

    await page.getByTestId('lang-switch').click();
    await sleep(300);
    // On its way: the page stays Chinese.
    expect(fetched).toBe(1);
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/^登\s*录$/);
    await expect.poll(() => page.getByTestId('login-submit').innerText(), { timeout: 10_000 }).toBe('Sign in');
    expect(await htmlLang(page)).toBe('en-US');
    expect((await texts(page)).filter((t) => RAW_KEY.test(t))).toEqual([]);
    await shot(page, 'login-en');

    // Reloaded: English from the first paint, never Chinese login texts or raw keys on the way.
    await page.reload();
    await page.getByTestId('login-submit').waitFor({ timeout: 15_000 });
    const seen = await texts(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((t) => /用户名|密码/.test(t) || RAW_KEY.test(t))).toEqual([]);
    expect(seen.at(-1)).toContain('Username');
    expect(await page.getByTestId('login-submit').innerText()).toBe('Sign in');

    // Signed in: the workbench and a group of pages with texts of its own are English.
    await signIn(page, server, 'teacher101');
    expect(await page.getByTestId('workbench-welcome').innerText()).toMatch(/^Hello/);
    // The rules in plain words are the server's, asked for in English.
    const rule = page.getByTestId('due-item-rule').first();
    await rule.waitFor({ timeout: 15_000 });
    expect(await rule.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'workbench-en');
    // Switched on this page: the server's texts are asked for again, in Chinese, without a reload.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => rule.innerText(), { timeout: 10_000 }).toMatch(/[\u4e00-\u9fff]/);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => rule.innerText(), { timeout: 10_000 }).not.toMatch(/[\u4e00-\u9fff]/);
    await page.goto(`${server.url}/incidents`);
    await page.getByTestId('incident-filter-status').waitFor({ timeout: 15_000 });
    await page.getByText('Make the child safe first, then report at once.', { exact: false }).waitFor({ timeout: 5_000 });
    expect((await texts(page)).filter((t) => RAW_KEY.test(t))).toEqual([]);
    await shot(page, 'incidents-en');

    // Back to Chinese, which is always at hand.
    await page.getByTestId('lang-switch').click();
    await page.getByText('请先保证孩子安全', { exact: false }).waitFor({ timeout: 5_000 });
    expect(await htmlLang(page)).toBe('zh-CN');
    await context.close();
  });

  it('the login page carries the shared Chinese texts of the first pages only; the rest arrives with the first page behind sign-in', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const context = await browser.newContext(DESK);
    await context.addInitScript(RECORD_TEXTS);
    const page = await context.newPage();
    /** Whether a script fetched so far holds a text of the briefings (packages/shared/src/i18n/zh-CN.pages.ts). */
    const scripts: Promise<string>[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(r.text().catch(() => ''));
    });
    const holdsPageTexts = async () => (await Promise.all(scripts)).some((js) => js.includes('四、工作亮点'));

    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-submit').waitFor({ timeout: 15_000 });
    expect(await holdsPageTexts()).toBe(false);
    // A wrong password: the server's error, in Chinese, from the texts the login page has.
    await page.getByTestId('login-username').fill('teacher101');
    await page.getByTestId('login-password').fill('Wrong2026');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await holdsPageTexts()).toBe(false);

    await signIn(page, server, 'teacher101');
    await page.getByTestId('workbench-welcome').waitFor({ timeout: 15_000 });
    expect(await holdsPageTexts()).toBe(true);
    // The workbench's rules, kinds and the bell's texts are the shared dictionary's second part.
    await page.getByTestId('due-item-rule').first().waitFor({ timeout: 15_000 });
    const shown = /\b(care|careFields|policy|notifications|childFields|childGroups|incidents|activities)\.[a-zA-Z]+/;
    expect((await texts(page)).filter((t) => shown.test(t))).toEqual([]);
    await page.goto(`${server.url}/children`);
    await page.getByTestId('children-table').waitFor({ timeout: 15_000 });
    expect((await texts(page)).filter((t) => shown.test(t))).toEqual([]);
    await context.close();
  });
});
