import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { choose, demoCounty, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

interface Cell {
  groupId: string;
  unitIndex: number;
  sessionId: string;
  volunteerId: string;
  locked: boolean;
}
interface Unit {
  index: number;
  date: string;
}

/** Type a date into an antd DatePicker (the test id may sit on the input or on its wrapper). */
async function typeDate(page: Page, testId: string, value: string) {
  const marked = page.getByTestId(testId);
  const input = (await marked.evaluate((e) => e.tagName)) === 'INPUT' ? marked : marked.locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const slot = (page: Page, groupId: string, unitIndex: number) =>
  page.locator(`[data-testid="camp-grid"] td[data-group="${groupId}"][data-unit="${unitIndex}"]`);

describe('a volunteer leader runs a summer camp', () => {
  it('creates the seed camp, builds the timetable, moves a unit into a clash and prints a group timetable', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server, 'volunteer1');
    const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { user: { id: string; name: string } };
    // The workbench leads to the camp: none is running or coming, so the last one (the demo's July camp).
    await page.getByTestId('workbench-camp').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('workbench-camps').innerText()).toMatch(/暑期支教夏令营[\s\S]*已结束/);
    await shot(page, 'camp-workbench-volunteer', { fullPage: false });

    // The settings, typed as a person would: dates, the two daily windows; groups and the opening event from the example.
    await page.goto(`${server.url}/camps`);
    await page.getByTestId('camp-list').waitFor({ timeout: 15_000 });
    await page.getByTestId('camp-create').click();
    await page.getByTestId('camp-title').fill('2026 暑期支教夏令营');
    await page.getByTestId('camp-place').fill('石门村');
    await typeDate(page, 'camp-start-date', '2026-07-28');
    await typeDate(page, 'camp-end-date', '2026-07-31');
    await page.getByTestId('camp-window-start-0').fill('09:00');
    await page.getByTestId('camp-window-end-0').fill('11:30');
    await page.getByTestId('camp-window-add').click();
    await page.getByTestId('camp-window-start-1').fill('1430');
    await page.getByTestId('camp-window-end-1').fill('17:30');
    await expect.poll(() => page.getByTestId('camp-unit-count').innerText()).toContain('44');
    await page.getByTestId('camp-seed-settings').click();
    await expect.poll(() => page.getByTestId('camp-group-name-5').inputValue()).toContain('第6组');
    expect(await page.getByTestId('camp-title').inputValue()).toBe('2026 暑期支教夏令营');
    // Enter in the date pickers accepted the dates without sending the half-filled form.
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await shot(page, 'camp-new');
    await page.getByTestId('camp-settings-submit').click();
    await page.waitForURL(/\/camps\/[^/]+\?tab=sessions/, { timeout: 15_000 });
    const campId = new URL(page.url()).pathname.split('/')[2] as string;

    // The catalogue and the volunteers from the example; the first volunteer is this account, leading.
    await page.getByTestId('camp-seed-sessions').click();
    await page.getByTestId('camp-sessions-submit').click();
    await expect.poll(() => page.getByTestId('camp-tab-sessions').innerText(), { timeout: 15_000 }).toContain('12');
    await page.getByTestId('camp-tab-volunteers').click();
    await page.getByTestId('camp-seed-volunteers').click();
    await choose(page, page.getByTestId('camp-volunteer-user-0'), me.user.name);
    await page.getByTestId('camp-volunteer-leader-0').click();
    await shot(page, 'camp-volunteers');
    await page.getByTestId('camp-volunteers-submit').click();
    await expect.poll(() => page.getByTestId('camp-tab-volunteers').innerText(), { timeout: 15_000 }).toContain('15');

    // A volunteer sees no archive children: names are typed (pasted) into a group.
    await page.getByTestId('camp-tab-children').click();
    await page.getByTestId('camp-child-bulk').click();
    await page.getByTestId('camp-child-bulk-text').fill('王小明\n李小红\n张小刚');
    await page.getByRole('button', { name: /添加 3 人/ }).click();
    await page.getByTestId('camp-children-submit').click();
    await expect.poll(() => page.getByTestId('camp-tab-children').innerText(), { timeout: 15_000 }).toContain('3');

    // Build the timetable: no clashes, every requirement met.
    await page.getByTestId('camp-tab-timetable').click();
    await page.getByTestId('camp-solve').click();
    await expect.poll(() => page.locator('[data-testid="camp-grid"] td[data-session]').count(), { timeout: 30_000 }).toBeGreaterThan(20);
    expect(await page.getByTestId('cell-clash').count()).toBe(0);
    await expect.poll(() => page.getByTestId('camp-findings').innerText()).toContain('没有冲突');
    await shot(page, 'camp-grid');

    // Move a unit onto a unit of the same day where its volunteer already teaches another group.
    const timetable = (await (await page.request.get(`${server.url}/api/camps/${campId}/timetable`)).json()) as { cells: Cell[]; units: Unit[] };
    expect(timetable.cells.length).toBe(168);
    const dateOf = (c: Cell) => timetable.units[c.unitIndex]?.date;
    let pair: [Cell, Cell] | undefined;
    for (const a of timetable.cells) {
      const b = timetable.cells.find(
        (x) => x.volunteerId === a.volunteerId && x.groupId !== a.groupId && x.unitIndex !== a.unitIndex && dateOf(x) === dateOf(a),
      );
      if (b) {
        pair = [a, b];
        break;
      }
    }
    if (!pair) throw new Error('no volunteer teaches two groups on one day');
    const [a, b] = pair;
    const date = dateOf(a) as string;
    await page
      .getByTestId('camp-day')
      .getByText(`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`)
      .click();
    await slot(page, a.groupId, a.unitIndex).click();
    await expect.poll(() => page.getByTestId('camp-cell-panel').isVisible()).toBe(true);
    await slot(page, a.groupId, b.unitIndex).click();
    await expect.poll(() => slot(page, a.groupId, b.unitIndex).getAttribute('data-volunteer')).toBe(a.volunteerId);
    await expect.poll(() => page.getByTestId('cell-clash').count()).toBeGreaterThanOrEqual(2);
    expect(await slot(page, a.groupId, b.unitIndex).getAttribute('data-testid')).toBe('cell-clash');
    expect(await slot(page, b.groupId, b.unitIndex).getAttribute('data-testid')).toBe('cell-clash');
    await expect.poll(() => page.getByTestId('camp-violations').innerText()).toContain('同时要上 2 处课');
    await expect.poll(() => page.getByTestId('camp-dirty').isVisible()).toBe(true);
    // Lock a cell; the lock shows on it.
    await page.locator(`[data-testid="camp-grid"] td[data-session]:not([data-testid="cell-clash"])`).first().getByTestId('cell-lock').click();
    await expect.poll(() => page.getByTestId('cell-locked').count()).toBe(1);
    await shot(page, 'camp-clash');

    // Clashes may be saved; the server lists them too.
    await page.getByTestId('camp-save').click();
    await expect.poll(() => page.getByTestId('camp-dirty').count(), { timeout: 15_000 }).toBe(0);
    const saved = (await (await page.request.get(`${server.url}/api/camps/${campId}/timetable`)).json()) as { violations: { code: string }[]; cells: Cell[] };
    expect(saved.violations.map((v) => v.code)).toContain('volunteer_double');
    expect(saved.cells.filter((c) => c.locked)).toHaveLength(1);

    // The group's timetable on A4 landscape, outside the menu layout.
    // (On a loaded machine the dialog's button may be pressed while it is still opening: press again until the page changes.)
    const printUrl = /\/camps\/[^/]+\/print\/group\/g1$/;
    await page.getByTestId('camp-print').click();
    for (let attempt = 1; !printUrl.test(page.url()); attempt++) {
      const open = page.getByTestId('camp-print-open');
      if (attempt === 1 || (await open.isVisible())) await open.click({ timeout: 10_000 }).catch(() => undefined);
      else
        await page
          .getByTestId('camp-print')
          .click({ timeout: 5_000 })
          .catch(() => undefined);
      await page.waitForURL(printUrl, { timeout: 5_000 }).catch(() => undefined);
      if (attempt >= 4) await page.waitForURL(printUrl, { timeout: 5_000 });
    }
    await expect.poll(() => page.getByTestId('print-page').count(), { timeout: 15_000 }).toBe(1);
    const sheet = await page.getByTestId('print-page').innerText();
    expect(sheet).toContain('第1组');
    expect(sheet).toContain('开营互动');
    expect(sheet).toContain('09:00–09:30');
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'camp-print-group');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // @page { size: A4 landscape }: 842 × 595 points.
    const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeGreaterThan(Number(box?.[2]));

    // The attendance sheet lists the typed children with boxes to tick.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/camps/${campId}/print/attendance/g1`);
    await expect.poll(() => page.getByTestId('attendance-row').count(), { timeout: 15_000 }).toBe(3);
    expect(await page.getByTestId('print-page').innerText()).toContain('李小红');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'camp-print-attendance');

    // A group made smaller than the children already in it is refused, the reason under the groups.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/camps/${campId}?tab=settings`);
    await page.getByTestId('camp-group-size-0').fill('2');
    await page.getByTestId('camp-settings-submit').click();
    await expect
      .poll(() => page.getByTestId('camp-groups-errors').innerText(), { timeout: 15_000 })
      .toContain('分组“第1组（6-7岁）”已有 3 名儿童，人数上限不能改为 2');
    await page.getByTestId('camp-groups-errors').scrollIntoViewIfNeeded();
    await shot(page, 'camp-settings-refused', { fullPage: false });
    const kept = (await (await page.request.get(`${server.url}/api/camps/${campId}`)).json()) as { groups: { id: string; size?: number }[] };
    expect(kept.groups.find((g) => g.id === 'g1')?.size).not.toBe(2);

    // The list shows the camp with its counts.
    await page.goto(`${server.url}/camps`);
    await expect.poll(() => page.getByTestId('camp-card').first().innerText(), { timeout: 15_000 }).toContain('15 名志愿者');
    await shot(page, 'camp-list');
    await page.close();
  });

  it('a volunteer adds a captioned photo of a camp day on a phone', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, server, 'volunteer1');
    await page.goto(`${server.url}/camps`);
    await page.getByTestId('camp-card').filter({ hasText: '石门村' }).first().click();
    await page.waitForURL(/\/camps\/[^/?]+/);
    // On a phone the tab bar scrolls; the photos tab is opened by its address, as a shared link would.
    await page.goto(`${page.url().split('?')[0]}?tab=photos`);
    await page.getByTestId('camp-photo-caption').fill('数学游戏：24 点');
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a8' } })
      .jpeg()
      .toBuffer();
    await page.getByTestId('camp-photo-input').setInputFiles({ name: '24点.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect.poll(() => page.getByTestId('camp-photo').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('camp-photo').innerText()).toContain('数学游戏：24 点');
    expect(await page.getByTestId('camp-tab-photos').innerText()).toContain('(1)');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'camp-photos-360');
    await page.close();
  });

  it("a class teacher of the school reads the camp's children without the names of those outside its classes", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server, 'teacher101');
    await page.goto(`${server.url}/camps`);
    await page.getByTestId('camp-card').filter({ hasText: '石门村' }).first().click();
    await page.waitForURL(/\/camps\/[^/?]+/);
    await page.goto(`${page.url().split('?')[0]}?tab=children`);
    // The volunteers typed the children's names: none is a pupil of the teacher's class, so all are counted, none named.
    await expect.poll(() => page.getByTestId('camp-children-hidden').innerText(), { timeout: 15_000 }).toMatch(/另有 \d+ 名学员不在您可查看的儿童范围内/);
    expect(await page.getByTestId('camp-children-table').innerText()).not.toContain('李小红');
    await shot(page, 'camp-children-teacher');
    await page.close();
  });
});
