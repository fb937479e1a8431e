import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { multipart } from '../apps/server/src/modules/rosters/roster.test-helpers.ts';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, DESK as HARNESS_DESK, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();
const DESK = { ...HARNESS_DESK, acceptDownloads: true };
/** The bar colour of the breakdown charts (the app's orange). */
const BAR = [0xc2, 0x41, 0x0c];

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** The dashboard's default period: from the start of the school term (by the calendar) to today. */
function termStart(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 9 ? `${y}-09-01` : m === 1 ? `${y - 1}-09-01` : `${y}-02-01`;
}

/**
 * Where the bars of a canvas chart are: a screenshot of the canvas, scanned from the bottom up for a
 * row crossing `count` runs of the bar colour — the bars, left to right, in the order of the data.
 */
async function barCentres(chart: Locator, count: number): Promise<{ x: number; y: number }[]> {
  const png = await chart.locator('canvas').first().screenshot();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const near = (i: number) => BAR.every((c, k) => Math.abs((data[i + k] ?? 0) - c) < 24);
  for (let y = info.height - 1; y >= 0; y--) {
    const runs: { from: number; to: number }[] = [];
    for (let x = 0; x < info.width; x++) {
      if (!near((y * info.width + x) * info.channels)) continue;
      const last = runs[runs.length - 1];
      if (last && last.to === x - 1) last.to = x;
      else runs.push({ from: x, to: x });
    }
    const bars = runs.filter((r) => r.to - r.from >= 8);
    if (bars.length === count) return bars.map((r) => ({ x: (r.from + r.to) / 2, y: y - 4 }));
  }
  throw new Error(`no row with ${count} bars`);
}

async function waitForCharts(page: Page, min: number) {
  await page.getByTestId('stats-children').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('[data-testid="stats-page"] canvas').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(min);
  // Let the bars finish growing (400 ms) before reading pixels or taking pictures.
  await page.waitForTimeout(900);
}

describe('statistics, roster submission and briefings', () => {
  it('a leader reads the dashboard, drills a bar down to its children, and drafts a briefing to Word', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null }[] };
    const schoolId = me.roles.find((r) => r.role === 'school_leader')?.schoolId as string;
    const day = today();
    const stats = (await api.get(`/api/stats?schoolId=${schoolId}&from=${termStart(day)}&to=${day}`)).json() as {
      totals: { children: number };
      breakdowns: Record<string, { key: string; count: number }[]>;
      trend: { termId: string; from: string; to: string }[];
    };
    expect(stats.totals.children).toBeGreaterThan(0);

    // A photo on a care record of this month, so that the briefing has one to offer.
    const kids = (await api.get(`/api/children?schoolId=${schoolId}&limit=5`)).json().items as { id: string }[];
    const record = await api.post('/api/care-records', { kind: 'talk', childIds: [kids[0]?.id], date: day, summary: '谈心：学习和生活情况', details: {} });
    expect(record.statusCode).toBe(201);
    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#6b9' } })
      .jpeg()
      .toBuffer();
    const body = multipart({}, { name: 'talk.jpg', data: jpeg, type: 'image/jpeg' });
    const photo = await api.request({ method: 'POST', url: `/api/care-records/${record.json().id}/photos`, payload: body.payload, headers: body.headers });
    expect(photo.statusCode).toBeLessThan(300);

    const desk = await browser.newContext(DESK);
    // Each different picture of the "留守类型" chart's canvas, frame by frame (a sparse hash of its pixels).
    await desk.addInitScript(`
      window.chartFrames = [];
      const tick = () => {
        const canvas = document.querySelector('[data-testid="chart-leftBehindType"] canvas');
        if (canvas) {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let h = 0;
          for (let i = 0; i < data.length; i += 29) h = (h * 31 + data[i]) | 0;
          if (window.chartFrames[window.chartFrames.length - 1] !== h) window.chartFrames.push(h);
        }
        if (window.chartFrames.length < 100) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    `);
    const page = await desk.newPage();
    await signIn(page, server, 'leader1');
    await page.getByTestId('nav-stats').click();
    await page.waitForURL((u) => u.pathname === '/stats');
    await waitForCharts(page, 12);
    // Asked for less motion (as every page of these tests is), the chart is drawn at once: one picture, or
    // two if a resize redraws it. With the bars growing it took 3 (a quiet machine, 4 runs).
    expect(await page.evaluate('window.chartFrames.length')).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate('window.chartFrames.length')).toBeLessThanOrEqual(2);
    expect(await page.getByTestId('stats-children').innerText()).toBe(String(stats.totals.children));
    expect(await page.getByTestId('chart-leftBehindType').innerText()).toContain('留守类型');
    await shot(page, 'stats-school');
    // "保存图片": the chart as a PNG named after the school and the chart.
    // The dashboard's tables as Excel.
    const [sheet] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('stats-export').click()]);
    expect(sheet.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync(await sheet.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const [image] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-leftBehindType-save').click()]);
    expect(image.suggestedFilename()).toMatch(/留守类型\.png$/);
    expect(
      readFileSync(await image.path())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    // The smallest bar of "留守类型" opens the children list filtered by it, with as many children.
    const buckets = stats.breakdowns.leftBehindType?.filter((b) => b.count > 0) ?? [];
    const pick = buckets.reduce((a, b) => (b.count < a.count ? b : a));
    const chart = page.getByTestId('chart-leftBehindType');
    const centres = await barCentres(chart, buckets.length);
    const at = centres[buckets.indexOf(pick)] as { x: number; y: number };
    await chart.locator('canvas').first().click({ position: at });
    await page.waitForURL((u) => u.pathname === '/children' && u.searchParams.get('leftBehindType') === pick.key, { timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('children-table').locator('[data-testid="child-row-link"]').count(), { timeout: 15_000 })
      .toBe(Math.min(pick.count, 50));
    // The list counts them all (共 N 名), the page or not: the figure the chart gave.
    await expect.poll(() => page.getByTestId('children-count').innerText(), { timeout: 15_000 }).toContain(`共 ${pick.count} 名`);

    // Sex is no filter of the list page: its table view opens a drawer with the children.
    await page.goBack();
    await waitForCharts(page, 12);
    const girls = stats.breakdowns.gender?.find((b) => b.key === 'female')?.count ?? 0;
    await page.getByTestId('chart-gender-table').click();
    await page.getByTestId('chart-gender').getByRole('row').filter({ hasText: '女' }).click();
    await expect.poll(() => page.getByTestId('stats-drawer-count').innerText(), { timeout: 10_000 }).toContain(`共 ${girls} 名`);
    await page.keyboard.press('Escape');
    await page.getByTestId('stats-children-drawer').waitFor({ state: 'hidden' });

    // Coverage: this month's talk cell opens the children talked with, then those not, each as many as counted.
    await coverageDrill(page, 'stats-coverage-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('stats-children-drawer').waitFor({ state: 'hidden' });
    // A term of the trend opens its children talked with or not, and can become the dashboard's period.
    await page.getByTestId('chart-trend-table').click();
    await page.getByTestId('chart-trend').locator('tbody tr').last().click();
    await expect.poll(() => page.getByTestId('stats-drawer-parts').innerText(), { timeout: 10_000 }).toContain('谈过心');
    // The drawer names the term's days, not the dashboard's.
    const lastTerm = stats.trend[stats.trend.length - 1];
    expect(await page.getByTestId('stats-drawer-range').innerText()).toContain(`${lastTerm?.from} 至 ${lastTerm?.to}`);
    await page.getByTestId('stats-drawer-action').click();
    await page.waitForURL((u) => (u.searchParams.get('period') ?? '').startsWith('term:'), { timeout: 10_000 });
    await page.getByTestId('stats-children-drawer').waitFor({ state: 'hidden' });
    // The whole term, to its last day.
    const terms = (await api.get(`/api/terms?schoolId=${schoolId}`)).json().items as { id: string; startDate: string; endDate: string }[];
    const shown = terms.find((x) => x.id === new URL(page.url()).searchParams.get('period')?.slice(5));
    expect(shown?.id, 'the last term of the trend').toBe(stats.trend[stats.trend.length - 1]?.termId);
    await expect.poll(() => page.getByTestId('stats-period').innerText(), { timeout: 10_000 }).toContain(`${shown?.startDate} 至 ${shown?.endDate}`);

    // At the foot of the long dashboard the menu is still in view (no blank column beside the charts).
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect
      .poll(() =>
        page.getByTestId('nav-briefings').evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0);
        }),
      )
      .toBe(true);
    // Draft a briefing (last month's, as the dialog offers), change the opening, choose the photo, generate Word.
    await page.getByTestId('nav-briefings').click();
    await page.getByTestId('briefing-create').click();
    await page.getByTestId('briefing-draft-submit').click();
    await page.waitForURL((u) => /^\/briefings\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 20_000 });
    const briefingId = new URL(page.url()).pathname.split('/').pop() as string;
    const editor = page.getByTestId('briefing-editor');
    await editor.waitFor();
    const intro = '本月学校继续做好留守儿童关爱工作，各班按计划开展谈心和家访。';
    await page.getByTestId('briefing-section-intro').fill(intro);
    const photos = page.getByTestId('briefing-photo');
    const offered = await photos.count();
    if (offered > 0) {
      await photos.first().click();
      expect(await photos.first().getAttribute('data-selected')).toBe('true');
    }
    expect(await page.getByTestId('briefing-dirty').count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await shot(page, 'briefing-editor');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('briefing-download').click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await expect.poll(() => page.getByTestId('briefing-generated').innerText(), { timeout: 10_000 }).toContain('最近生成');
    const saved = (await api.get(`/api/briefings/${briefingId}`)).json() as { sections: { intro: string }; photoIds: string[]; generatedAt: string | null };
    expect(saved.sections.intro).toBe(intro);
    expect(saved.photoIds).toHaveLength(offered > 0 ? 1 : 0);
    expect(saved.generatedAt).toBeTruthy();
    await page.getByTestId('nav-briefings').click();
    await expect.poll(() => page.getByTestId('briefing-list').innerText(), { timeout: 10_000 }).toContain(day.slice(0, 7));
    await desk.close();
  });

  it('a class teacher submits the roster, the leader returns and approves it, the bureau sees the region', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const tctx = await browser.newContext(DESK);
    const teacher = await tctx.newPage();
    await signIn(teacher, server, 'teacher101');
    await teacher.getByTestId('nav-submissions').click();
    const card = teacher.getByTestId('submission-class-card');
    await expect.poll(() => card.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toBe('未报送');
    await teacher.getByTestId('submission-submit').click();
    await teacher.getByTestId('submission-confirm').click();
    await expect.poll(() => card.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    expect(await card.getByTestId('submission-summary-line').innerText()).toMatch(/共 \d+ 名/);

    const lctx = await browser.newContext(DESK);
    const leader = await signInTo(lctx, server, 'leader1');
    await leader.getByTestId('nav-submissions').click();
    const row = leader.getByTestId('submission-row').filter({ hasText: '一年级1班' });
    await expect.poll(() => row.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    await row.getByTestId('submission-view').click();
    await expect.poll(() => leader.getByTestId('submission-rows').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await leader.keyboard.press('Escape');
    await leader.getByTestId('submission-snapshot').waitFor({ state: 'hidden' });
    await shot(leader, 'submissions-leader');

    // Returned with a reason: the teacher sees it above the roster and submits again.
    await row.getByTestId('submission-return').click();
    const comment = leader.getByTestId('submission-return-comment');
    await comment.fill('请补全王小明的监护人电话');
    await expect.poll(() => comment.inputValue(), { timeout: 5_000 }).toBe('请补全王小明的监护人电话');
    const returned = leader.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/roster-submissions\/[^/]+\/return$/.test(r.url()), {
      timeout: 15_000,
    });
    await leader.getByTestId('submission-return-submit').click();
    const response = await returned;
    expect(response.status(), await response.text()).toBe(200);
    await comment.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => row.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已退回');
    await teacher.reload();
    await expect.poll(() => card.getByTestId('submission-comment').innerText(), { timeout: 15_000 }).toContain('王小明的监护人电话');
    await teacher.getByTestId('submission-submit').click();
    await teacher.getByTestId('submission-confirm').click();
    await expect.poll(() => card.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toContain('已报送');

    // Approved; the school's own roster cannot go while other classes are pending: the button is disabled and the hint names them.
    await leader.reload();
    await row.getByTestId('submission-approve').click();
    await leader.getByTestId('submission-confirm').click();
    await expect.poll(() => row.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已通过');
    await expect.poll(() => leader.getByTestId('submission-school-hint').innerText(), { timeout: 15_000 }).toContain('二年级');
    expect(await leader.getByTestId('submission-school-submit').isDisabled()).toBe(true);
    await teacher.reload();
    await expect.poll(() => card.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toContain('已通过');
    await tctx.close();

    // The other classes through the API; then the school's roster goes to the bureau.
    const api = await login(server.app, 'leader1', 'Demo2026');
    const schoolId = ((await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null }[] }).roles.find(
      (r) => r.role === 'school_leader',
    )?.schoolId as string;
    const terms = (await api.get(`/api/terms?schoolId=${schoolId}`)).json().items as { id: string; startDate: string; endDate: string }[];
    const term = terms.find((x) => x.startDate <= today() && today() <= x.endDate) as { id: string };
    for (const k of (await api.get(`/api/classes?schoolId=${schoolId}`)).json().items as { id: string }[]) {
      let s = (await api.post('/api/roster-submissions', { termId: term.id, classId: k.id })).json() as { id: string; status: string; version: number };
      if (s.status === 'approved') continue;
      if (s.status !== 'submitted') s = (await api.post(`/api/roster-submissions/${s.id}/submit`, { version: s.version })).json();
      expect((await api.post(`/api/roster-submissions/${s.id}/approve`, { version: s.version })).statusCode).toBe(200);
    }
    await leader.reload();
    await leader.getByTestId('submission-school-submit').click();
    await leader.getByTestId('submission-confirm').click();
    await expect.poll(() => leader.getByTestId('submission-school-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    await lctx.close();

    // The bureau's dashboard: the county with its schools, each row opening the school's own.
    const bctx = await browser.newContext(DESK);
    const bureau = await signInTo(bctx, server, 'bureau');
    await bureau.getByTestId('nav-submissions').click();
    const school = bureau.getByTestId('submission-row').filter({ hasText: '城关镇中心小学' });
    await expect.poll(() => school.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    await school.getByTestId('submission-approve').click();
    await bureau.getByTestId('submission-confirm').click();
    await expect.poll(() => school.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已通过');
    // The roster as the school sent it, downloaded in the official form.
    await school.getByTestId('submission-view').click();
    await expect.poll(() => bureau.getByTestId('submission-rows').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot(bureau, 'submission-snapshot-bureau');
    const [form] = await Promise.all([bureau.waitForEvent('download', { timeout: 30_000 }), bureau.getByTestId('submission-download').click()]);
    expect(form.suggestedFilename()).toMatch(/城关镇中心小学-报送的留守儿童登记表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(
      readFileSync(await form.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // On a phone the window takes the screen; its title and the button share the header.
    await bureau.setViewportSize({ width: 390, height: 844 });
    await shot(bureau, 'submission-snapshot-390');
    await bureau.setViewportSize(DESK.viewport);
    await bureau.getByTestId('submission-snapshot').locator('.ant-drawer-close').click();
    await bureau.getByTestId('submission-snapshot').waitFor({ state: 'hidden' });
    await bureau.getByTestId('nav-stats').click();
    await waitForCharts(bureau, 12);
    await expect.poll(() => bureau.getByTestId('stats-school-row').count(), { timeout: 15_000 }).toBe(3);
    const schools = await bureau.getByTestId('stats-schools').innerText();
    expect(schools).toContain('未报送');
    expect(schools).toMatch(/已通过 \d{4}-\d{2}-\d{2}/);
    await shot(bureau, 'stats-region');
    // The region's coverage drill-down lists children of several schools.
    const names = await coverageDrill(bureau, 'stats-region-coverage-drawer');
    expect(names.schools).toBeGreaterThan(1);
    await bureau.keyboard.press('Escape');
    await bureau.getByTestId('stats-children-drawer').waitFor({ state: 'hidden' });
    // A bar of the care records keeps the region and the period on the records page.
    await bureau.getByTestId('chart-care-table').click();
    await bureau.getByTestId('chart-care').getByRole('row').filter({ hasText: '谈心' }).click();
    await bureau.waitForURL((u) => u.pathname === '/care-records' && !!u.searchParams.get('region') && u.searchParams.get('kind') === 'talk', {
      timeout: 10_000,
    });
    expect(await bureau.getByTestId('region-filter').innerText()).toContain('青山县');
    await bureau.getByTestId('care-list').waitFor();
    await bureau.evaluate('window.scrollTo(0, 0)');
    await bureau.waitForTimeout(300);
    await shot(bureau, 'care-records-region', { fullPage: false });
    await bureau.goBack();
    await waitForCharts(bureau, 12);
    await bureau.getByTestId('stats-school-row').first().click();
    await bureau.waitForURL((u) => !!u.searchParams.get('school'), { timeout: 10_000 });
    await waitForCharts(bureau, 12);
    expect(await bureau.getByTestId('stats-schools').count()).toBe(0);
    await bctx.close();
  });
});

/**
 * Open the coverage chart's table, click the last month's talk cell and compare the drawer with the
 * cell: the children reached, then those not reached, as many as the dashboard counts. Returns how
 * many schools the listed children come from.
 */
async function coverageDrill(page: Page, picture: string): Promise<{ schools: number }> {
  const card = page.getByTestId('chart-coverage');
  if ((await card.getByRole('table').count()) === 0) await page.getByTestId('chart-coverage-table').click();
  const row = card.locator('tbody tr').last();
  const cells = await row.locator('td').allInnerTexts();
  const children = Number(cells[1]);
  const talked = Number(/^(\d+)/.exec(cells[2] ?? '')?.[1]);
  await row.getByTestId('coverage-cell-talk').click();
  const drawer = page.getByTestId('stats-children-drawer');
  await expect.poll(() => drawer.getByTestId('stats-drawer-parts').innerText(), { timeout: 10_000 }).toContain(`已覆盖（${talked}）`);
  expect(await drawer.getByTestId('stats-drawer-parts').innerText()).toContain(`未覆盖（${children - talked}）`);
  const rows = drawer.locator('tbody tr.ant-table-row');
  if (talked > 0) {
    await expect.poll(() => drawer.getByTestId('stats-drawer-count').innerText(), { timeout: 10_000 }).toContain(`共 ${talked} 名`);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(Math.min(talked, 50));
  }
  await page.waitForTimeout(400);
  await shot(page, picture, { fullPage: false });
  await drawer.getByTestId('stats-drawer-parts').getByText('未覆盖').click();
  if (children - talked > 0) {
    await expect.poll(() => drawer.getByTestId('stats-drawer-count').innerText(), { timeout: 10_000 }).toContain(`共 ${children - talked} 名`);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(Math.min(children - talked, 50));
  }
  // A region's list has a school column: count the schools on the first page.
  const header = await drawer.locator('thead th').allInnerTexts();
  const col = header.findIndex((h) => h.includes('学校'));
  const schools = col < 0 ? 1 : new Set(await rows.locator(`td:nth-child(${col + 1})`).allInnerTexts()).size;
  return { schools };
}

async function signInTo(ctx: Awaited<ReturnType<ReturnType<typeof demo.browser>['newContext']>>, server: ReturnType<typeof demo.server>, user: string) {
  const page = await ctx.newPage();
  await signIn(page, server, user);
  return page;
}

describe('the dashboard opens on this term so far', () => {
  it('shows a leader and the bureau, without a chosen period, the figures the API counts by default', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const day = today();
    for (const [user, scopeName] of [
      ['leader1', '城关镇中心小学'],
      ['bureau', '青山县'],
    ] as const) {
      // What GET /api/stats counts without a period (the school's or the region's own scope).
      const api = await login(server.app, user, 'Demo2026');
      const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null; regionId?: string | null }[] };
      const scope =
        user === 'bureau'
          ? `regionId=${me.roles.find((r) => r.role === 'bureau_officer')?.regionId}`
          : `schoolId=${me.roles.find((r) => r.role === 'school_leader')?.schoolId}`;
      const byDefault = (await api.get(`/api/stats?${scope}`)).json() as { from: string; to: string; totals: { children: number } };
      // This term so far: the demo schools' autumn term (from 1 September), as the calendar's.
      expect([byDefault.from, byDefault.to]).toEqual([termStart(day), day]);

      const desk = await browser.newContext(DESK);
      const page = await desk.newPage();
      await signIn(page, server, user);
      await page.getByTestId('nav-stats').click();
      await page.waitForURL((u) => u.pathname === '/stats');
      await waitForCharts(page, 12);
      expect(new URL(page.url()).searchParams.get('period')).toBeNull();
      const caption = await page.getByTestId('stats-period').innerText();
      expect(caption).toContain(scopeName);
      expect(caption).toContain(`${byDefault.from} 至 ${byDefault.to}`);
      expect(await page.getByTestId('stats-children').innerText()).toBe(String(byDefault.totals.children));
      await page.evaluate('window.scrollTo(0, 0)');
      await shot(page, `stats-default-period-${user}`, { fullPage: false });
      await desk.close();
    }
  });
});

describe('the roster submissions page on a phone', () => {
  it("shows the class rosters card's whole title on a leader's 390 px phone in English, its hint under it", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await phone.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const page = await phone.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/submissions`);
    const card = page.getByTestId('submission-classes');
    await expect.poll(() => card.locator('.ant-card-head-title').innerText(), { timeout: 15_000 }).toBe('Class rosters');
    // Not squeezed to "C." by the hint beside it: the title shows whole.
    const cut = await card
      .locator('.ant-card-head-title')
      .evaluate((e) => (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (e as unknown as { clientWidth: number }).clientWidth);
    expect(cut).toBe(false);
    expect(await card.innerText()).toContain('View a submitted roster');
    await card.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await shot(page, 'submissions-classes-390-en', { fullPage: false });
    await phone.close();
  });
});

describe('a school that has not begun', () => {
  it('is flagged 尚未建档 on the bureau’s statistics and has its row, with nothing due, on the compliance page', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'bureau', 'Demo2026');
    const me = (await api.get('/api/auth/me')).json() as { roles: { role: string; regionId?: string | null }[] };
    const regionId = me.roles.find((r) => r.role === 'bureau_officer')?.regionId as string;
    const made = await api.post('/api/schools', { regionId, name: '青山县新开办小学', kind: 'primary' });
    expect(made.statusCode, made.body).toBe(201);
    const desk = await browser.newContext(DESK);
    const page = await desk.newPage();
    await signIn(page, server, 'bureau');
    await page.getByTestId('nav-stats').click();
    await waitForCharts(page, 12);
    const row = page.getByTestId('stats-school-row').filter({ hasText: '青山县新开办小学' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByTestId('stats-school-no-archives').innerText()).toBe('尚未建档');
    // Only that school: the others have archives.
    expect(await page.getByTestId('stats-school-no-archives').count()).toBe(1);
    await page.getByTestId('stats-schools').evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    // The card's title just below the sticky page header.
    await page.evaluate('window.scrollBy(0, -72)');
    await shot(page, 'stats-school-not-begun', { fullPage: false });
    await page.goto(`${server.url}/compliance`);
    const schools = page.getByTestId('compliance-by-school');
    const idle = schools.getByTestId('compliance-row').filter({ hasText: '青山县新开办小学' });
    await expect.poll(() => idle.count(), { timeout: 15_000 }).toBe(1);
    expect(await idle.getByTestId('compliance-school-nothing-due').innerText()).toContain('本期尚无待办');
    await shot(page, 'compliance-school-not-begun', { fullPage: false });
    await desk.close();
  });
});

describe('rosters awaiting review on the workbench', () => {
  it('shows a leader the class rosters teachers sent, at desk and on a 360 px phone, each opening the submissions page at its school and term', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // The second school's (leader2, teacher201): the tests above send and review the first school's rosters.
    const api = await login(server.app, 'leader2', 'Demo2026');
    const schoolId = ((await api.get('/api/auth/me')).json() as { roles: { role: string; schoolId: string | null }[] }).roles.find(
      (r) => r.role === 'school_leader',
    )?.schoolId as string;
    const terms = (await api.get(`/api/terms?schoolId=${schoolId}`)).json().items as { id: string; startDate: string; endDate: string }[];
    const autumn = terms.find((x) => x.startDate <= today() && today() <= x.endDate) as { id: string };
    const spring = terms.find((x) => x.endDate < today()) as { id: string };

    const lctx = await browser.newContext(DESK);
    const leader = await signInTo(lctx, server, 'leader2');
    const card = leader.getByTestId('awaiting-review');
    await expect.poll(() => card.getByTestId('awaiting-review-empty').count(), { timeout: 15_000 }).toBe(1);
    expect(await card.innerText()).toContain('没有待审核的花名册');
    await card.scrollIntoViewIfNeeded();
    await shot(leader, 'workbench-awaiting-review-empty', { fullPage: false });

    // The class teacher sends this term's roster from her page, and last term's late, through the API.
    const tctx = await browser.newContext(DESK);
    const teacher = await signInTo(tctx, server, 'teacher201');
    // A class teacher reviews nothing: no such card on her workbench.
    expect(await teacher.getByTestId('awaiting-review').count()).toBe(0);
    await teacher.getByTestId('nav-submissions').click();
    const classCard = teacher.getByTestId('submission-class-card');
    await expect.poll(() => classCard.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toBe('未报送');
    await teacher.getByTestId('submission-submit').click();
    await teacher.getByTestId('submission-confirm').click();
    await expect.poll(() => classCard.getByTestId('submission-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    await tctx.close();
    const tapi = await login(server.app, 'teacher201', 'Demo2026');
    const classId = ((await tapi.get('/api/auth/me')).json() as { roles: { role: string; scopeId: string | null }[] }).roles.find(
      (r) => r.role === 'class_teacher',
    )?.scopeId as string;
    const late = (await tapi.post('/api/roster-submissions', { termId: spring.id, classId })).json() as { id: string; version: number };
    expect((await tapi.post(`/api/roster-submissions/${late.id}/submit`, { version: late.version })).statusCode).toBe(200);

    const sent = (await api.get('/api/roster-submissions?review=awaiting')).json().items as {
      termId: string;
      className: string;
      submittedBy: string;
      submittedAt: string;
    }[];
    expect(sent.map((x) => x.termId)).toEqual([spring.id, autumn.id]);
    const at = (iso: string | undefined) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso ?? ''));
    await leader.reload();
    const items = card.getByTestId('awaiting-review-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
    // Newest sent first: last term's, then this term's, each with its school, class, term and who sent it when (Beijing time).
    const texts = await items.allInnerTexts();
    for (const [i, term] of ['2025-2026 第二学期（春季）', '2026-2027 第一学期（秋季）'].entries())
      for (const part of ['青山县第二中学', '七年级1班', term, `${sent[i]?.submittedBy}于 ${at(sent[i]?.submittedAt)} 报送`]) expect(texts[i]).toContain(part);
    expect(await card.getByTestId('awaiting-review-count').innerText()).toBe('2');
    await card.scrollIntoViewIfNeeded();
    await shot(leader, 'workbench-awaiting-review', { fullPage: false });

    // On a 360 px phone: the card fits the screen, nothing scrolls sideways; this term's roster opens this term.
    const phone = await browser.newContext(PHONE);
    const small = await signInTo(phone, server, 'leader2');
    const smallCard = small.getByTestId('awaiting-review');
    await expect.poll(() => smallCard.getByTestId('awaiting-review-item').count(), { timeout: 15_000 }).toBe(2);
    await smallCard.scrollIntoViewIfNeeded();
    expect(await pageWidth(small)).toBeLessThanOrEqual(360);
    const box = await smallCard.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 999) <= 360).toBe(true);
    await shot(small, 'workbench-awaiting-review-360', { fullPage: false });
    await smallCard.getByTestId('awaiting-review-item').filter({ hasText: '2026-2027' }).click();
    await small.waitForURL((u) => u.pathname === '/submissions' && u.searchParams.get('school') === schoolId && u.searchParams.get('term') === autumn.id, {
      timeout: 10_000,
    });
    await expect.poll(() => small.getByTestId('submission-term').innerText(), { timeout: 15_000 }).toContain('2026-2027');
    await expect
      .poll(() => small.getByTestId('submission-row').filter({ hasText: '七年级1班' }).getByTestId('submission-row-status').innerText(), { timeout: 15_000 })
      .toContain('已报送');
    expect(await pageWidth(small)).toBeLessThanOrEqual(360);
    await shot(small, 'workbench-awaiting-review-opened-360', { fullPage: false });
    await phone.close();

    // At the desk, last term's roster opens last term (not the page's default, this one), its approval at hand.
    await items.filter({ hasText: '2025-2026' }).click();
    await leader.waitForURL((u) => u.pathname === '/submissions' && u.searchParams.get('school') === schoolId && u.searchParams.get('term') === spring.id, {
      timeout: 10_000,
    });
    await expect.poll(() => leader.getByTestId('submission-term').innerText(), { timeout: 15_000 }).toContain('2025-2026');
    const row = leader.getByTestId('submission-row').filter({ hasText: '七年级1班' });
    await expect.poll(() => row.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已报送');
    await row.getByTestId('submission-approve').waitFor();
    await shot(leader, 'workbench-awaiting-review-opened', { fullPage: false });
    // Approved, it awaits no longer: this term's is left.
    await row.getByTestId('submission-approve').click();
    await leader.getByTestId('submission-confirm').click();
    await expect.poll(() => row.getByTestId('submission-row-status').innerText(), { timeout: 15_000 }).toContain('已通过');
    await leader.getByTestId('nav-workbench').click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(1);
    expect(await items.innerText()).toContain('2026-2027');
    await lctx.close();
  });
});
