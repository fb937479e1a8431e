import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

describe('a mentor on a phone', () => {
  it('logs a talk with a photo in three taps and a sentence, and sees it on the timeline', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/mine`);
    const card = page.getByTestId('mine-card').first();
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    const name = (await card.locator('a, strong, .ant-typography').first().innerText()).trim();
    await shot(page, 'mine-360');

    // Tap 1: 记谈心; tap 2: the text box; type a sentence; (a photo from the camera); tap 3: 保存.
    await card.getByTestId('mine-log-talk').click();
    await page.getByTestId('quick-summary').click();
    await page.getByTestId('quick-summary').fill('课间聊了想妈妈的事，约好周末给妈妈打视频电话。');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c8553d' } })
      .jpeg()
      .toBuffer();
    await page.getByTestId('quick-photo').setInputFiles({ name: 'talk.jpg', mimeType: 'image/jpeg', buffer: photo });
    await shot(page, 'quick-log-360');
    await page.getByTestId('quick-save').click();
    await expect.poll(() => card.getByTestId('mine-last-talk').innerText(), { timeout: 15_000 }).toContain('今天');
    // A second talk today is not refused (two talks a day happen), but the sheet says one is logged already.
    await card.getByTestId('mine-log-talk').click();
    await expect.poll(() => page.getByTestId('quick-already').innerText()).toContain(`今天已记过与${name}的谈心`);
    await shot(page, 'quick-log-already-360');
    await page.getByTestId('quick-drawer').locator('.ant-drawer-close').click();

    // The child's timeline shows the talk with its photo.
    const childId = (
      await server.app.ctx.db
        .selectFrom('care_records as r')
        .innerJoin('care_record_children as l', 'l.record_id', 'r.id')
        .select('l.child_id')
        .where('r.summary', '=', '课间聊了想妈妈的事，约好周末给妈妈打视频电话。')
        .executeTakeFirstOrThrow()
    ).child_id;
    await page.goto(`${server.url}/children/${childId}?tab=timeline`);
    await expect.poll(() => page.getByTestId('child-timeline').innerText(), { timeout: 15_000 }).toContain('约好周末给妈妈打视频电话');
    await expect.poll(() => page.getByTestId('timeline-photo').count()).toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).toContain(name);
    await shot(page, 'timeline-360');

    // A child living with both parents (学籍 code 0), no call or letter recorded: the card says 父母在家 in grey, not 从未 in red.
    const db = server.app.ctx.db;
    const mentor = await db.selectFrom('users').select('id').where('username', '=', 'mentor11').executeTakeFirstOrThrow();
    const home = await db
      .selectFrom('pairings as p')
      .innerJoin('children as c', 'c.id', 'p.child_id')
      .select(['c.id', 'c.name', 'c.xueji_code'])
      .where('p.mentor_id', '=', mentor.id)
      .where('p.end_date', 'is', null)
      .where('c.id', '!=', childId)
      .executeTakeFirstOrThrow();
    const family = (q: typeof db) =>
      q.updateTable('care_record_children').where('child_id', '=', home.id).where('kind', 'in', ['family_call', 'family_letter']).where('withdrawn', '=', 0);
    const hidden = (
      await db
        .selectFrom('care_record_children')
        .select('record_id')
        .where('child_id', '=', home.id)
        .where('kind', 'in', ['family_call', 'family_letter'])
        .where('withdrawn', '=', 0)
        .execute()
    ).map((l) => l.record_id);
    await family(db).set({ withdrawn: 1 }).execute();
    await db.updateTable('children').set({ xueji_code: 0 }).where('id', '=', home.id).execute();
    try {
      await page.goto(`${server.url}/mine`);
      const fact = page.getByTestId('mine-card').filter({ hasText: home.name }).getByTestId('mine-last-family');
      await expect.poll(() => fact.innerText(), { timeout: 15_000 }).toBe('父母在家');
      expect(await fact.getAttribute('style')).not.toMatch(/207, 19, 34|cf1322/i);
      await fact.scrollIntoViewIfNeeded();
      await shot(page, 'mine-parents-home-360');
    } finally {
      await db.updateTable('children').set({ xueji_code: home.xueji_code }).where('id', '=', home.id).execute();
      if (hidden.length)
        await db.updateTable('care_record_children').set({ withdrawn: 0 }).where('child_id', '=', home.id).where('record_id', 'in', hidden).execute();
    }
    await page.close();
  });
});

describe("a mentor on a phone tells the child's archive from a new record", () => {
  it('sees the name as a link to the archive and the button to the full form named for what it does', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/mine`);
    const card = page.getByTestId('mine-card').first();
    await card.waitFor({ timeout: 15_000 });
    const form = card.getByTestId('mine-full-record');
    expect((await form.innerText()).trim()).toBe('完整表单');
    expect(await form.getAttribute('aria-label')).toMatch(/^填写完整表单/);
    // The name looks like a link (underlined), says where it goes, and goes there.
    const name = card.getByTestId('mine-child-name');
    const childName = (await name.innerText()).trim();
    // (the e2e code has no DOM types)
    const decoration = await name.evaluate(
      (e) =>
        (
          e as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { textDecorationLine: string } } } }
        ).ownerDocument.defaultView.getComputedStyle(e).textDecorationLine,
    );
    expect(decoration).toContain('underline');
    expect(await name.getAttribute('aria-label')).toBe(`${childName}的档案`);
    await shot(page, 'mine-card-links-390', { fullPage: false });
    await name.click();
    await page.waitForURL(/\/children\/[^/]+\?tab=timeline$/, { timeout: 10_000 });
    await page.goBack();
    await form.click();
    await page.waitForURL(/\/care-records\/new\?childId=/, { timeout: 10_000 });
    await page.close();
  });
});

describe('a mentor on a phone records a home visit', () => {
  it('is told, before saving, the window of the point in term chosen — or that the visit will not count towards it', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/mine`);
    const card = page.getByTestId('mine-card').first();
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId('mine-log-visit').click();
    await page.getByTestId('quick-termPoint').getByText('期末', { exact: true }).click();
    // The demo's autumn term runs to January: today is in it, and 期末 is its last three weeks.
    const hint = page.getByTestId('visit-window');
    await expect.poll(() => hint.innerText(), { timeout: 15_000 }).toMatch(/期末家访时段|不在任何学期内/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'quick-visit-window-360', { fullPage: false });
    await page.close();
  });
});

describe('a mentor on a phone closes a quick sheet with something typed in it', () => {
  it('is asked before the note is thrown away (✕, Esc, the back gesture), keeps it on 继续填写, and is not asked after a save', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'mentor11');
    await page.getByTestId('workbench-welcome').waitFor();
    await page.goto(`${server.url}/mine`);
    const card = page.getByTestId('mine-card').first();
    await card.waitFor({ timeout: 15_000 });
    const sheet = page.getByTestId('quick-drawer');
    const summary = page.getByTestId('quick-summary');
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '放弃没有保存的内容？' });
    const stay = async () => {
      await ask.waitFor({ timeout: 5_000 });
      await ask.getByRole('button', { name: '继续填写' }).click();
      await expect.poll(() => ask.count()).toBe(0);
      expect(await sheet.isVisible()).toBe(true);
      expect(await summary.inputValue()).toBe('孩子说想爸爸了，约好周五给爸爸打电话。');
      expect(new URL(page.url()).pathname).toBe('/mine');
    };

    // Nothing typed: ✕ closes at once, and so does the back gesture, which keeps the page.
    await card.getByTestId('mine-log-talk').click();
    await summary.waitFor();
    await sheet.locator('.ant-drawer-close').click();
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await ask.count()).toBe(0);
    await card.getByTestId('mine-log-call').click();
    await summary.waitFor();
    await page.goBack();
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await ask.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/mine');

    // Typed: ✕, Esc and the back gesture each ask; 继续填写 keeps the note where it was.
    await card.getByTestId('mine-log-talk').click();
    await summary.fill('孩子说想爸爸了，约好周五给爸爸打电话。');
    await sheet.locator('.ant-drawer-close').click();
    await shot(page, 'quick-log-leave-390', { fullPage: false });
    await stay();
    await summary.press('Escape');
    await stay();
    await page.goBack();
    await stay();
    // Leaving after all: back closes the sheet, the page stays, and the sheet opens empty again.
    await page.goBack();
    await ask.waitFor({ timeout: 5_000 });
    await ask.getByRole('button', { name: '放弃并离开' }).click();
    await expect.poll(() => sheet.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/mine');
    await card.getByTestId('mine-log-talk').click();
    expect(await summary.inputValue()).toBe('');

    // Saved: nothing to ask about, the sheet closes and back leaves the page as usual.
    await summary.fill('聊了运动会的事，孩子报名了跳绳。');
    await page.getByTestId('quick-save').click();
    await expect.poll(() => sheet.count(), { timeout: 15_000 }).toBe(0);
    expect(await ask.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/mine');
    await page.goBack();
    await page.waitForURL((url) => url.pathname !== '/mine', { timeout: 10_000 });
    expect(await ask.count()).toBe(0);
    await page.close();
  });
});

describe('a mentor on a phone filters the care records to this month', () => {
  it('picks the first day of the month as the start, in a calendar that fits the screen, and the list follows', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'mentor11', 'Demo2026');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const first = `${today.slice(0, 8)}01`;
    const [child] = (await api.get('/api/mentoring/mine')).json().items as { childId: string }[];
    expect(
      (await api.post('/api/care-records', { kind: 'talk', childIds: [child?.childId], date: today, summary: '月初谈心：新学期的打算。' })).statusCode,
    ).toBe(201);
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/care-records`);
    const records = page.getByTestId('care-list').getByTestId('care-record');
    await expect.poll(() => records.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const dates = async () => (await records.allInnerTexts()).map((text) => text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '');
    expect((await dates()).some((d) => d < first)).toBe(true);

    await page.getByTestId('care-filter-dates-from').click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.waitFor({ timeout: 5_000 });
    // The whole calendar on the screen: this month and the arrows to the months before.
    const box = (await panel.locator('.ant-picker-panel-container').boundingBox()) as { x: number; width: number };
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await panel.locator('.ant-picker-header-prev-btn').isVisible()).toBe(true);
    await shot(page, 'care-filter-dates-from-390', { fullPage: false });
    await panel.locator(`td[title="${first}"]`).click();
    await page.waitForURL((url) => url.searchParams.get('from') === first, { timeout: 10_000 });
    await expect.poll(async () => (await dates()).every((d) => d >= first), { timeout: 15_000 }).toBe(true);
    expect(await dates()).toContain(today);
    await shot(page, 'care-filtered-390', { fullPage: false });
    // The end's calendar fits as well, under the right half of the row.
    await page.getByTestId('care-filter-dates-to').click();
    await panel.waitFor({ timeout: 5_000 });
    const end = (await panel.locator('.ant-picker-panel-container').boundingBox()) as { x: number; width: number };
    expect(end.x).toBeGreaterThanOrEqual(0);
    expect(end.x + end.width).toBeLessThanOrEqual(390);
    await page.close();
  });
});

describe('a mentor on a phone saves a form with a field missing', () => {
  it('is taken to the field in error, which says what is missing, and keeps what was typed', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/care-records/new`);
    await page.getByTestId('care-summary').fill('谈了期中考试的安排。');
    // No child picked; the save button is at the foot of the form, the child field far above it.
    await page.getByTestId('care-submit').scrollIntoViewIfNeeded();
    await page.getByTestId('care-submit').click();
    const error = page.locator('.ant-form-item-explain-error').filter({ hasText: '请至少选择一项' });
    await error.waitFor({ timeout: 10_000 });
    const inView = () =>
      error.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0);
      });
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    expect(await page.getByTestId('care-summary').inputValue()).toBe('谈了期中考试的安排。');
    await shot(page, 'care-form-error-360');
    await page.close();
  });
});

describe("a mentor on a phone notes the child's mood", () => {
  it('sees the moods as separate buttons that wrap cleanly, and picks one', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/care-records/new`);
    const mood = page.getByTestId('care-detail-mood');
    await mood.waitFor({ timeout: 15_000 });
    const choices = mood.getByRole('radio');
    expect(await choices.count()).toBe(6);
    // Each a button of its own: a whole border, a gap to its neighbour, none past the card's edge.
    const boxes = await choices.evaluateAll((els) =>
      els.map((e) => {
        const el = e as unknown as {
          getBoundingClientRect(): { left: number; right: number; top: number };
          ownerDocument: { defaultView: { getComputedStyle(e: unknown): { borderLeftWidth: string } } };
        };
        const r = el.getBoundingClientRect();
        return {
          left: r.left,
          right: r.right,
          top: Math.round(r.top),
          border: Number.parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).borderLeftWidth),
        };
      }),
    );
    for (const [i, b] of boxes.entries()) {
      expect(b.border, `choice ${i}`).toBeGreaterThanOrEqual(1);
      expect(b.right).toBeLessThanOrEqual(390);
      const next = boxes[i + 1];
      if (next && next.top === b.top) expect(next.left - b.right).toBeGreaterThanOrEqual(6);
    }
    await mood.getByRole('radio', { name: '沉默寡言' }).click();
    expect(await mood.getByRole('radio', { name: '沉默寡言' }).getAttribute('aria-checked')).toBe('true');
    await mood.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -160)');
    await shot(page, 'care-mood-390', { fullPage: false });
    // A second tap takes the choice back: the mood is optional.
    await mood.getByRole('radio', { name: '沉默寡言' }).click();
    expect(await mood.getByRole('radio', { name: '沉默寡言' }).getAttribute('aria-checked')).toBe('false');
    await page.close();
  });
});

/** Placeholders of the page cut off: a select's (ellipsis) or a text box's (wider than the box). */
const CUT_PLACEHOLDERS = `(() => {
  const cut = [];
  for (const el of document.querySelectorAll('.ant-select-placeholder, .ant-select-selection-placeholder'))
    if (el.offsetParent && el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent);
  const ctx = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (!el.offsetParent || !el.placeholder || el.tagName === 'TEXTAREA') continue;
    const style = getComputedStyle(el);
    ctx.font = style.font;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (ctx.measureText(el.placeholder).width > room + 1) cut.push(el.placeholder);
  }
  return cut;
})()`;

describe('a mentor on a phone writes a record in English', () => {
  it('reads every placeholder of the form whole at 390 px', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });
    await context.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const page = await context.newPage();
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/care-records/new`);
    const participants = page.getByTestId('care-participants');
    await expect.poll(() => participants.getAttribute('placeholder'), { timeout: 15_000 }).toMatch(/^e\.g\./);
    expect(await page.evaluate<string[]>(CUT_PLACEHOLDERS)).toEqual([]);
    // What no longer fits the box is said under it.
    expect(await page.locator('.ant-form-item', { has: page.getByTestId('care-children') }).innerText()).toContain('Several children may be chosen');
    await shot(page, 'care-form-390-en', { fullPage: false });
    for (const kind of ['family_call', 'home_visit']) {
      await page.getByTestId(`care-kind-${kind}`).click();
      expect(await page.evaluate<string[]>(CUT_PLACEHOLDERS), kind).toEqual([]);
    }
    await page.getByTestId('care-kind-talk').click();
    const mood = page.getByTestId('care-detail-mood');
    await mood.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -160)');
    await shot(page, 'care-mood-390-en', { fullPage: false });
    await context.close();
  });
});

describe('a mentor types the date of a record', () => {
  it('is told at once that a day after today will not do, Enter does not send the form, and 2026/11/7 is read as a date', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    await signIn(page, server, 'mentor11');
    await page.goto(`${server.url}/care-records/new`);
    const date = page.getByTestId('care-date');
    await date.waitFor({ timeout: 15_000 });
    const records = async () =>
      Number(
        (
          await server.app.ctx.db
            .selectFrom('care_records')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await records();
    const nextYear = String(new Date().getFullYear() + 1);
    await page.getByTestId('care-summary').fill('补记上月的谈心。');
    await date.click();
    await date.press('Control+a');
    await date.pressSequentially(`${nextYear}-01-05`);
    await date.press('Enter');
    const future = page.locator('.ant-form-item-explain-error').filter({ hasText: '日期不能晚于今天' });
    await future.waitFor({ timeout: 5_000 });
    expect(await date.inputValue()).toBe(`${nextYear}-01-05`);
    await shot(page, 'care-date-future');
    // A slash date is understood and shown in the usual way.
    await date.click();
    await date.press('Control+a');
    await date.pressSequentially('2026/11/7');
    await date.press('Enter');
    await expect.poll(() => date.inputValue(), { timeout: 5_000 }).toBe('2026-11-07');
    await expect.poll(() => future.count()).toBe(0);
    // A two-digit day typed key by key is that day: no "2026-11-3" taken for the 3rd on the way to the 30th.
    for (const [typed, shown] of [
      ['2026-11-30', '2026-11-30'],
      ['2026-11-12', '2026-11-12'],
      ['2026/11/20', '2026-11-20'],
      ['2026.11.9', '2026-11-09'],
    ]) {
      await date.click();
      await date.press('Control+a');
      await date.pressSequentially(typed as string);
      // As typed, or once whole already in the usual way; never another day.
      expect([typed, shown], typed).toContain(await date.inputValue());
      await date.press('Tab');
      await expect.poll(() => date.inputValue(), { timeout: 5_000 }).toBe(shown);
    }
    // Nothing was saved from the date field.
    expect(await records()).toBe(before);
    expect(page.url()).toContain('/care-records/new');
    // 返回 with a talk written down asks first; staying keeps it.
    await page.getByRole('button', { name: /返\s*回/ }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '放弃没有保存的内容？' });
    await ask.waitFor({ timeout: 5_000 });
    await shot(page, 'care-form-leave');
    await ask.getByRole('button', { name: '继续填写' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(page.url()).toContain('/care-records/new');
    expect(await page.getByTestId('care-summary').inputValue()).toBe('补记上月的谈心。');
    await page.close();
  });
});

describe('a school leader ends a pairing', () => {
  it('is asked for the reason before the pairing ends, and finds it with the ended pairings', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const active = (await api.get('/api/pairings?active=true&limit=200')).json().items as { id: string; childName: string; mentorName: string }[];
    expect(active.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/pairings`);
    const rows = page.locator('tr.ant-table-row', { has: page.getByTestId('pairing-end') });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const row = rows.first();
    const childName = (await row.locator('td').first().innerText()).trim().split(/\s/)[0] as string;
    const mentorName = (await row.locator('td').nth(2).innerText()).trim();
    await row.getByTestId('pairing-end').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByTestId('pairing-end-reason').waitFor({ timeout: 10_000 });
    expect(await dialog.innerText()).toContain(`结束结对：${childName}`);
    // Without a reason the form says what is missing, under the field, and the pairing stays.
    await dialog.getByTestId('pairing-end-submit').click();
    const reasonItem = dialog.locator('.ant-form-item', { has: page.getByTestId('pairing-end-reason') });
    await expect.poll(() => reasonItem.locator('.ant-form-item-explain-error').innerText(), { timeout: 10_000 }).toBe('必填');
    // Blanks are no reason either.
    await dialog.getByTestId('pairing-end-reason').fill('   ');
    await dialog.getByTestId('pairing-end-submit').click();
    await expect.poll(() => reasonItem.locator('.ant-form-item-explain-error').innerText(), { timeout: 10_000 }).toBe('必填');
    expect(await page.getByTestId('pairing-end-reason').isVisible()).toBe(true);
    await shot(page, 'pairing-end-reason-required', { fullPage: false });
    const still = (await api.get('/api/pairings?active=true&limit=200')).json().items as { id: string }[];
    expect(still.length).toBe(active.length);

    await dialog.getByTestId('pairing-end-reason').fill('父母返乡，孩子随父母到县城读书');
    await dialog.getByTestId('pairing-end-submit').click();
    await page.getByTestId('pairing-end-reason').waitFor({ state: 'hidden', timeout: 15_000 });
    await expect
      .poll(async () => ((await api.get('/api/pairings?active=true&limit=200')).json().items as unknown[]).length, { timeout: 15_000 })
      .toBe(active.length - 1);
    // The mentor's pairings with the ended ones: the row has its reason and the 已结束 tag.
    // (typed: the list of mentors is longer than the dropdown shows)
    await page.getByTestId('pairing-filter-mentor').click();
    await page.keyboard.type(mentorName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: mentorName }).first().click({ timeout: 10_000 });
    await page.getByTestId('pairing-filter-mentor').filter({ hasText: mentorName }).waitFor({ timeout: 10_000 });
    await page.getByTestId('pairing-show-ended').click();
    const ended = page.locator('tr.ant-table-row', { hasText: '父母返乡，孩子随父母到县城读书' });
    await expect.poll(() => ended.count(), { timeout: 15_000 }).toBe(1);
    expect(await ended.innerText()).toContain(childName);
    expect(await ended.innerText()).toContain('已结束');
    await ended.scrollIntoViewIfNeeded();
    await shot(page, 'pairing-ended-with-reason', { fullPage: false });
    await page.close();
  });
});

describe('a school leader accepts suggested pairings', () => {
  it('on a phone: sees each suggestion whole without scrolling sideways and accepts them', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    // Two pairings end, so that two mentors have room and two children need one (the demo's mentors are full).
    const open = (await api.get('/api/pairings?active=true&limit=2')).json().items as { id: string; version: number }[];
    for (const p of open) expect((await api.post(`/api/pairings/${p.id}/end`, { reason: '调整帮扶教师', version: p.version })).statusCode).toBe(200);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/pairings`);
    const suggest = page.getByTestId('pairing-suggest');
    await expect.poll(() => suggest.isEnabled(), { timeout: 15_000 }).toBe(true);
    await suggest.click();
    const rows = page.getByTestId('pairing-suggestion');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const before = ((await api.get('/api/pairings?active=true&limit=200')).json().items as unknown[]).length;
    const count = await rows.count();
    // Nothing of a row lies beyond the drawer's right edge: the mentor picker is reachable without scrolling.
    const body = page.locator('.ant-drawer-body:visible');
    const box = (await body.boundingBox()) as { x: number; width: number };
    const picker = (await rows.first().locator('.ant-select').boundingBox()) as { x: number; width: number };
    expect(picker.x + picker.width).toBeLessThanOrEqual(box.x + box.width);
    // Neither the drawer nor the table inside it scrolls sideways (the e2e code has no DOM types).
    const sideways = (el: unknown) => {
      const box = el as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth > box.clientWidth + 1;
    };
    expect(await body.evaluate(sideways)).toBe(false);
    expect(await body.locator('.ant-table-content').evaluate(sideways)).toBe(false);
    // A mentor's load in the picker is the load once the suggestions are accepted, and says so.
    expect(await rows.first().locator('.ant-select').innerText()).toContain('接受后');
    await shot(page, 'pairing-suggest-360', { fullPage: false });
    await page.getByTestId('pairing-accept').click();
    await expect
      .poll(async () => ((await api.get('/api/pairings?active=true&limit=200')).json().items as unknown[]).length, { timeout: 15_000 })
      .toBe(before + count);
    await page.close();
  });
});
