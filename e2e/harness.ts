import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type App, buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';

export interface Server {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** A real server on a random port with a fresh SQLite file, serving the built web app. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'carebridge-e2e-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: `file:${join(dir, 'e2e.db')}`, LOG_LEVEL: 'warn', PORT: '0', ...env });
  const app = await buildApp({ config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small phone, the width the pages are checked at, in Beijing time and Chinese. */
export const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  timezoneId: 'Asia/Shanghai',
  locale: 'zh-CN',
};
/** A school office's computer. */
export const DESK = { viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

/** How wide the page is laid out: more than the window means it scrolls sideways. */
export const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium for a test file. Its pages ask for less motion (the system setting the app follows, see
 * `usePrefersReducedMotion`) unless a test says otherwise: antd's dialogs then open at once. With the
 * zoom, a click could land while a confirmation was still a fifth of its size and invisible — the
 * button's pointerdown and pointerup fell on different elements as it grew, and the click was lost
 * (the roster approval and the team return failed this way now and then on busy machines).
 */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

/** Screenshots go to e2e/artifacts (ignored by git) for a person to look at; a drawer or dialog is best seen in the viewport only. */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: join(import.meta.dirname ?? 'e2e', 'artifacts', `${name}.png`), fullPage: opts.fullPage ?? true });
}

/**
 * Pick the option containing `text` in an antd Select or TreeSelect and check the select shows it.
 * The pages ask for reduced motion (`launch`), so drawers, dialogs and dropdowns open without
 * animating and a click lands where it is aimed: nothing to retry.
 */
export async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click({ timeout: 10_000 });
  await page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text })
    .first()
    .click({ timeout: 10_000 });
  await select.filter({ hasText: text }).waitFor({ timeout: 10_000 });
}

/** Sign in through the login page and wait for the workbench. */
export async function signIn(page: Page, server: Server, username: string, password = 'Demo2026'): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-welcome').waitFor({ timeout: 15_000 });
}

/** One browser and one server with the demo county for a test file; call in the file's top level. */
export function demoCounty(env: Record<string, string> = {}): { browser: () => Browser; server: () => Server } {
  let browser: Browser | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    browser = await launch();
    server = await startServer({ NOTIFY_INTERVAL_MINUTES: '0', ...env });
    await server.app.services.setup.loadDemo(null);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser as Browser, server: () => server as Server };
}
