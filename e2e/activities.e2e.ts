import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { choose, DESK, demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

/** A Beijing date `days` from today, YYYY-MM-DD. */
const beijing = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** Pick an option in the antd Select marked with this test id (or inside this locator). */
async function pick(page: Page, select: string | Locator, text: string) {
  await choose(page, typeof select === 'string' ? page.getByTestId(select) : select, text);
}

/** The page's width in CSS pixels (evaluated in the browser; the test code has no DOM types). */

describe('activities and meetings', () => {
  it('a leader plans a discussion meeting, takes attendance, marks it held and keeps minutes with a follow-up task', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.getByTestId('nav-activities').click();
    await page.getByTestId('activity-list').waitFor({ timeout: 15_000 });

    await page.getByTestId('activity-create').click();
    await pick(page, 'activity-kind', '留守儿童座谈会');
    // Recorded two days after it was held: its follow-up task, due yesterday, is overdue today.
    await page.getByTestId('activity-date').click();
    await page.getByTestId('activity-date').fill(beijing(-2));
    await page.keyboard.press('Enter');
    await page.getByTestId('activity-title').fill('11 月留守儿童座谈会');
    await page.getByTestId('activity-place').fill('学校会议室');
    await shot(page, 'activity-form');
    await page.getByTestId('activity-submit').click();
    await page.waitForURL((u) => /^\/activities\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const id = new URL(page.url()).pathname.split('/').pop() as string;

    // The sheet offers the school's children; one tap each, or all at once.
    const sheet = page.getByTestId('attendance-sheet');
    await expect.poll(() => sheet.getByTestId('attendance-row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const total = await sheet.getByTestId('attendance-row').count();
    await sheet.getByTestId('attendance-all-present').click();
    await sheet.getByTestId('attendance-row').first().click();
    expect(await sheet.getByTestId('attendance-row').first().getAttribute('data-present')).toBe('false');
    await sheet.getByTestId('attendance-add-name').fill('王老师');
    await pick(page, 'attendance-add-role', '教师');
    await sheet.getByTestId('attendance-add-button').click();
    expect(await sheet.getByTestId('attendance-count').innerText()).toContain(`${total - 1}/${total}`);
    await sheet.getByTestId('attendance-save').click();
    await sheet.getByTestId('attendance-unsaved').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('activity-facts').innerText(), { timeout: 15_000 }).toContain(`${total - 1}/${total}`);

    // Recording who came marks the meeting held; its outcome is written after.
    await expect.poll(() => page.getByTestId('activity-status').first().innerText(), { timeout: 15_000 }).toBe('已开展');
    await page.getByTestId('activity-edit-outcome').click();
    await page.getByTestId('activity-outcome').fill('孩子们说出了心里话，约定每月开一次。');
    await page.getByTestId('activity-held-save').click();
    await expect.poll(() => page.getByTestId('activity-status').first().innerText(), { timeout: 15_000 }).toBe('已开展');

    await page.getByTestId('activity-tab-meeting').click();
    await page.getByTestId('meeting-minutes').fill('1. 学习情况\n2. 与父母的联系');
    await page.getByTestId('meeting-decisions').fill('每月开一次座谈会');
    await page.getByTestId('meeting-save').click();
    await expect.poll(() => page.getByTestId('meeting-save').isDisabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('task-add-text').fill('联系没来的孩子的监护人');
    await pick(page, 'task-add-owner', '');
    await page.getByTestId('task-add-due').click();
    await page.getByTestId('task-add-due').fill(beijing(-1));
    await page.keyboard.press('Enter');
    await page.getByTestId('task-add').click();
    await page.getByTestId('task-overdue').waitFor({ timeout: 15_000 });
    await shot(page, 'activity-meeting');

    // The list shows it with its attendance.
    await page.goto(`${server.url}/activities`);
    // The demo has activities of its own; find this one by its title.
    const row = page.getByTestId('activity-row').filter({ hasText: '11 月留守儿童座谈会' }).first();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('11 月留守儿童座谈会');
    expect(await row.innerText()).toContain(`${total - 1}/${total}`);
    await shot(page, 'activity-list');
    // After the minutes were saved, the sheet still saves (its version followed the activity's).
    await page.goto(`${server.url}/activities/${id}`);
    await sheet.getByTestId('attendance-row').first().click();
    await sheet.getByTestId('attendance-save').click();
    await sheet.getByTestId('attendance-unsaved').waitFor({ state: 'detached', timeout: 15_000 });
    await ctx.close();
  });

  it('a class teacher plans a class meeting for her class on a phone and marks her children', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, server, 'teacher101');
    await page.goto(`${server.url}/activities/new`);
    await pick(page, 'activity-kind', '主题班会');
    await page.getByTestId('activity-title').fill('感恩主题班会');
    expect(await page.getByTestId('activity-target-class').innerText()).toContain('一年级1班');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'activity-form-360');
    await page.getByTestId('activity-submit').click();
    await page.waitForURL((u) => /^\/activities\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const sheet = page.getByTestId('attendance-sheet');
    await expect.poll(() => sheet.getByTestId('attendance-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await sheet.getByTestId('attendance-row').first().click();
    await sheet.getByTestId('attendance-save').click();
    await sheet.getByTestId('attendance-unsaved').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'activity-attendance-360');
    await page.goto(`${server.url}/activities`);
    await page.getByTestId('activity-row').first().waitFor({ timeout: 15_000 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'activity-list-360');
    // The months filter: each end opens one year's months, whole on the screen, and filters the list.
    await page.getByTestId('activity-filter-months-from').click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.waitFor({ timeout: 5_000 });
    for (const end of ['from', 'to'] as const) {
      if (end === 'to') {
        await page.getByTestId('activity-filter-months-to').click();
        await panel.waitFor({ timeout: 5_000 });
      }
      const box = (await panel.locator('.ant-picker-panel-container').boundingBox()) as { x: number; width: number };
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      if (end === 'from') await shot(page, 'activity-filter-months-360', { fullPage: false });
      const month = beijing().slice(0, 7);
      await panel.locator(`td[title="${month}"]`).click();
      await page.waitForURL((u) => (end === 'from' ? u.searchParams.get('from') === `${month}-01` : !!u.searchParams.get('to')?.startsWith(month)), {
        timeout: 10_000,
      });
    }
    const month = beijing().slice(0, 7);
    // Only this month's activities, the meeting planned above among them.
    await expect
      .poll(async () => (await page.getByTestId('activity-row').allInnerTexts()).every((text) => text.startsWith(month)), { timeout: 15_000 })
      .toBe(true);
    expect((await page.getByTestId('activity-row').allInnerTexts()).some((text) => text.includes('感恩主题班会'))).toBe(true);
    await ctx.close();
  });

  it('Enter in a time field takes the time without saving the form, and a double submit saves one activity', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/activities/new`);
    await pick(page, 'activity-kind', '读书活动');
    await page.getByTestId('activity-title').fill('回车测试读书会');
    await page.getByTestId('activity-start').click();
    await page.keyboard.type('15:30');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Still on the form, the time taken: the end time and the place are still to come.
    await page.waitForTimeout(800);
    expect(new URL(page.url()).pathname).toBe('/activities/new');
    expect(await page.getByTestId('activity-start').inputValue()).toBe('15:30');
    await page.getByTestId('activity-end').click();
    await page.keyboard.type('17:00');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/activities/new');
    await page.getByTestId('activity-place').fill('图书室');
    await page.getByTestId('activity-submit').dblclick();
    await page.waitForURL((u) => /^\/activities\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const api = await login(server.app, 'leader1', 'Demo2026');
    const saved = (await api.get(`/api/activities?q=${encodeURIComponent('回车测试读书会')}`)).json().items as { id: string }[];
    expect(saved).toHaveLength(1);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    expect(saved[0]?.id).toBe(id);
    expect((await api.get(`/api/activities/${id}`)).json()).toMatchObject({ startTime: '15:30', endTime: '17:00', place: '图书室' });
    await ctx.close();
  });

  it('the facts card counts as the sheet does when a place is asked for and given up, without a reload', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const school = (await api.get('/api/schools')).json().items[0] as { id: string };
    const club = (
      await api.post('/api/activities', { schoolId: school.id, kind: 'club', title: '剪纸社', date: beijing(), target: { scope: 'all' }, capacity: 5 })
    ).json() as { id: string };
    const kid = (await api.get(`/api/children?schoolId=${school.id}&limit=1`)).json().items[0] as { id: string; name: string };

    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/activities/${club.id}`);
    const facts = page.getByTestId('activity-facts');
    await page.getByTestId('applicants').waitFor({ timeout: 15_000 });
    await page.getByTestId('apply-children').click();
    await page.keyboard.type(kid.name);
    await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option', { hasText: kid.name }).first().click();
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => page.getByTestId('attendance-count').innerText(), { timeout: 15_000 }).toContain('0/1');
    await expect.poll(() => facts.innerText(), { timeout: 15_000 }).toContain('0/1');
    await page.getByTestId('applicant-withdraw').first().click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('applicant-row').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => facts.innerText(), { timeout: 15_000 }).not.toContain('0/1');
    await ctx.close();
  });

  it('limited places go by the three priorities, with each applicant tagged', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const school = (await api.get('/api/schools')).json().items[0] as { id: string };
    const club = (
      await api.post('/api/activities', { schoolId: school.id, kind: 'club', title: '书法社', date: beijing(), target: { scope: 'all' }, capacity: 2 })
    ).json() as { id: string };
    const kids = (await api.get(`/api/children?schoolId=${school.id}&limit=3`)).json().items as { id: string }[];
    await api.post(`/api/activities/${club.id}/applicants`, { pupils: [{ name: '赵同学', className: '三年级1班' }] });
    await api.post(`/api/activities/${club.id}/applicants`, { childIds: kids.map((k) => k.id) });

    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/activities/${club.id}`);
    const rows = page.getByTestId('applicants').getByTestId('applicant-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
    // Offer order: the other pupil who asked first is last, and waits.
    expect(await rows.last().innerText()).toContain('赵同学');
    expect(await rows.last().getByTestId('applicant-rank').innerText()).toBe('其他学生');
    expect(await rows.last().getAttribute('data-offered')).toBe('false');
    expect(await rows.first().getAttribute('data-offered')).toBe('true');
    expect(await page.getByTestId('applicants').locator('[data-offered="true"]').count()).toBe(2);
    // Saving the sheet keeps the other pupil's application.
    const sheet = page.getByTestId('attendance-sheet');
    await sheet.getByTestId('attendance-all-present').click();
    await sheet.getByTestId('attendance-save').click();
    await sheet.getByTestId('attendance-unsaved').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
    await shot(page, 'activity-applicants');
    await ctx.close();
  });
  it('an essay contest keeps a child’s text only with consent, scores entries, and keeps photos and attachments (phone)', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const school = (await api.get('/api/schools')).json().items[0] as { id: string };
    const contest = (
      await api.post('/api/activities', { schoolId: school.id, kind: 'essay_contest', title: '“读一本好书”征文', date: beijing(), target: { scope: 'all' } })
    ).json() as { id: string };
    const child = (await api.get(`/api/children?schoolId=${school.id}&limit=1`)).json().items[0] as { id: string; name: string };

    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/activities/${contest.id}?tab=contest`);
    const section = page.getByTestId('contest-section');
    await section.waitFor({ timeout: 15_000 });
    await page.getByTestId('entry-add-child').click();
    await page.keyboard.type(child.name);
    await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option', { hasText: child.name }).first().click();
    await page.getByTestId('entry-add-title').fill('我读《草房子》');
    expect(await page.getByTestId('entry-add-text').isDisabled()).toBe(true);
    await page.getByTestId('entry-add').click();
    const entry = section.getByTestId('entry-row').first();
    await expect.poll(() => entry.innerText(), { timeout: 15_000 }).toContain('未同意展示');
    await entry.getByTestId('entry-score').click();
    await page.getByTestId('score-judge').first().fill('李老师');
    await page.getByTestId('score-value').first().fill('92');
    await page.getByTestId('score-add').click();
    await page.getByTestId('score-judge').nth(1).fill('王老师');
    await page.getByTestId('score-value').nth(1).fill('88');
    await page.getByTestId('score-award').fill('一等奖');
    await page.getByTestId('score-save').click();
    await expect.poll(() => entry.getByTestId('entry-average').innerText(), { timeout: 15_000 }).toContain('90');
    expect(await entry.getByTestId('entry-award').innerText()).toContain('一等奖');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'activity-contest-360');

    await page.getByTestId('activity-tab-files').click();
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2f7d4a' } })
      .jpeg()
      .toBuffer();
    await page.getByTestId('activity-add-photo').setInputFiles({ name: '颁奖.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.getByTestId('activity-photo').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('activity-add-file').setInputFiles({ name: '获奖名单.txt', mimeType: 'text/plain', buffer: Buffer.from('一等奖：我读《草房子》') });
    await expect.poll(() => page.getByTestId('activity-file').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('activity-file').innerText()).toContain('获奖名单.txt');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'activity-files-360');
    await page.getByTestId('activity-file-delete').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('activity-file').count(), { timeout: 15_000 }).toBe(0);
    await ctx.close();
  });
});

describe('safety education', () => {
  it('shows which planned topics each class has had, and keeps the safety responsibilities', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'leader1', 'Demo2026');
    const school = (await api.get('/api/schools')).json().items[0] as { id: string };
    const held = (
      await api.post('/api/activities', {
        schoolId: school.id,
        kind: 'safety_education',
        title: '冬季防溺水、防火安全教育',
        date: beijing(),
        target: { scope: 'all' },
        topics: ['drowning', 'fire'],
      })
    ).json() as { id: string; version: number };
    await api.patch(`/api/activities/${held.id}`, { status: 'done', version: held.version });

    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.getByTestId('nav-safety').click();
    const coverage = page.getByTestId('safety-coverage');
    await expect.poll(() => coverage.getByTestId('coverage-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = coverage.getByTestId('coverage-row').first();
    expect(await first.locator('[data-topic="drowning"]').getAttribute('data-covered')).toBe('true');
    expect(await first.locator('[data-topic="traffic"]').getAttribute('data-covered')).toBe('false');

    // A smaller plan: only three topics.
    await page.getByTestId('safety-plan-edit').click();
    await page.getByTestId('safety-plan-all').click();
    for (const topic of ['drowning', 'fire', 'traffic']) await page.getByTestId('safety-plan-topics').getByTestId(`topic-${topic}`).click();
    await page.getByTestId('safety-plan-save').click();
    await expect.poll(() => first.getByTestId('coverage-cell').count(), { timeout: 15_000 }).toBe(3);
    await first.locator('[data-topic="drowning"] .anticon').hover();
    await page.getByTestId('coverage-link').first().waitFor({ timeout: 5_000 });
    await shot(page, 'safety-coverage');

    // 安全工作责任制: a route with a name and a note.
    const duties = page.getByTestId('safety-duties');
    await duties.getByTestId('safety-duty-add').click();
    await pick(page, 'safety-duty-user', 'moral1');
    await pick(page, 'safety-duty-area', '上下学路线');
    await page.getByTestId('safety-duty-name').fill('东线上下学路线');
    await page.getByTestId('safety-duty-note').fill('含渡口');
    await page.getByTestId('safety-duty-submit').click();
    // The demo assigns its own responsibilities; the new one joins them.
    await expect.poll(() => duties.getByTestId('safety-duty-row').filter({ hasText: '东线上下学路线' }).count(), { timeout: 15_000 }).toBe(1);
    await shot(page, 'safety-duties');

    const phone = await browser.newContext(PHONE);
    const small = await phone.newPage();
    await signIn(small, server, 'leader1');
    await small.goto(`${server.url}/safety`);
    await small.getByTestId('coverage-row').first().waitFor({ timeout: 15_000 });
    expect(await pageWidth(small)).toBeLessThanOrEqual(360);
    // The term picker names the term whole: its dates (which cut it off at this width) are left out.
    const term = await small.getByTestId('safety-term').locator('.ant-select-content, .ant-select-selection-item').first().innerText();
    expect(term).toMatch(/学期/);
    expect(term).not.toContain('—');
    await shot(small, 'safety-360');
    await phone.close();
    await ctx.close();
  });
});
