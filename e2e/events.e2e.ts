import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { choose, DESK, demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

/** A Beijing date `days` from today, YYYY-MM-DD. */
const beijing = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** The page's width in CSS pixels (evaluated in the browser; the test code has no DOM types). */

const TITLE = '“留守儿童杯”公益足球节';
const TEAM = '城关小学队';

/** The status of the named team on the event page, once its row is there. */
async function teamStatus(page: Page, name: string) {
  const row = page.getByTestId('team-row').filter({ hasText: name }).first();
  await row.waitFor({ timeout: 15_000 });
  return row.getByTestId('team-status').getAttribute('data-status');
}

/** Submit the team form and confirm (with reduced motion the confirmation opens at once: no lost click to retry). */
async function submitTeam(page: Page) {
  await page.getByTestId('team-submit').click();
  const ok = page.getByTestId('team-submit-confirm');
  await ok.click();
  await ok.waitFor({ state: 'hidden', timeout: 15_000 });
}

describe('events with team registration', () => {
  it('the bureau publishes an event, a school registers a team against the rules, the bureau returns and approves it, and prints the list', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const bureauCtx = await browser.newContext(DESK);
    const bureau = await bureauCtx.newPage();
    await signIn(bureau, server, 'bureau');
    await bureau.getByTestId('nav-events').click();
    await bureau.getByTestId('event-list').waitFor({ timeout: 15_000 });
    await bureau.getByTestId('event-create').click();
    await bureau.getByTestId('event-title').fill(TITLE);
    await bureau.getByTestId('event-sport').fill('足球');
    await bureau.getByTestId('event-place').fill('青山县体育场');
    // The rules are explained beside their inputs, and follow them.
    await bureau.getByTestId('event-rule-min').fill('8');
    await bureau.getByTestId('event-rule-max').fill('10');
    await expect.poll(() => bureau.getByTestId('event-rule-text').innerText(), { timeout: 15_000 }).toContain('队员 8–10 人');
    expect(await bureau.getByTestId('event-rule-text').innerText()).toContain('每队须有领队 1 人');
    await shot(bureau, 'event-form');
    await bureau.getByTestId('event-submit').click();
    await bureau.waitForURL((u) => /^\/events\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const eventUrl = bureau.url();
    expect(await bureau.getByTestId('event-rules').innerText()).toContain('队员 8–10 人');
    expect(await bureau.getByTestId('event-registration').innerText()).toBe('报名中');

    // The school leader registers a team with too few players: the broken rule is named as the rows are typed.
    const leaderCtx = await browser.newContext(DESK);
    const leader = await leaderCtx.newPage();
    await signIn(leader, server, 'leader1');
    await leader.getByTestId('nav-events').click();
    await leader.getByTestId('event-row').filter({ hasText: TITLE }).first().click();
    await leader.getByTestId('team-register').click();
    await leader.getByTestId('team-form').waitFor({ timeout: 15_000 });
    await leader.getByTestId('team-name-input').fill(TEAM);
    await leader.getByTestId('team-contact-phone').fill('13800000000');
    const names = leader.getByTestId('member-name');
    await names.nth(0).fill('王领队');
    await names.nth(1).fill('李教练');
    for (let i = 0; i < 5; i++) await leader.getByTestId('member-add').click();
    for (let i = 0; i < 6; i++) await names.nth(2 + i).fill(`队员${i + 1}`);
    const problems = leader.getByTestId('team-rule-problems');
    await expect.poll(() => problems.innerText(), { timeout: 15_000 }).toContain('队员至少 8 人，现有 6 人');
    await shot(leader, 'event-team-form-rule');
    // Submitting anyway: the server refuses and names the rule.
    await submitTeam(leader);
    await expect.poll(() => leader.getByTestId('form-error').innerText(), { timeout: 15_000 }).toContain('队员至少 8 人，现有 6 人');
    // Two more players, and it goes through.
    await leader.getByTestId('member-add-missing').click();
    await names.nth(8).fill('队员7');
    await names.nth(9).fill('队员8');
    await leader.getByTestId('team-rules-ok').waitFor({ timeout: 15_000 });
    await submitTeam(leader);
    await leader.waitForURL(eventUrl, { timeout: 15_000 });
    await expect.poll(() => teamStatus(leader, TEAM), { timeout: 15_000 }).toBe('submitted');

    // The bureau returns it with a reason.
    await bureau.reload();
    await expect.poll(() => teamStatus(bureau, TEAM), { timeout: 15_000 }).toBe('submitted');
    await bureau.getByTestId('team-row').filter({ hasText: TEAM }).getByTestId('team-return').click();
    await bureau.getByTestId('team-return-reason-input').fill('请填写每名队员的球衣号码');
    await bureau.getByTestId('team-return-confirm').click();
    await expect.poll(() => teamStatus(bureau, TEAM), { timeout: 15_000 }).toBe('returned');

    // On a phone, the leader sees the reason, adds the shirt numbers and submits again.
    const phoneCtx = await browser.newContext(PHONE);
    const phone = await phoneCtx.newPage();
    await signIn(phone, server, 'leader1');
    await phone.goto(eventUrl);
    const card = phone.getByTestId('team-row').filter({ hasText: TEAM });
    await expect.poll(() => card.getByTestId('team-return-reason').innerText(), { timeout: 15_000 }).toContain('请填写每名队员的球衣号码');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await card.getByTestId('team-edit').click();
    await phone.getByTestId('team-form').waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId('team-return-reason').innerText()).toContain('请填写每名队员的球衣号码');
    const numbers = phone.getByTestId('member-number');
    for (let i = 0; i < 8; i++) await numbers.nth(2 + i).fill(String(i + 1));
    await phone.getByTestId('team-rules-ok').waitFor({ timeout: 15_000 });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await shot(phone, 'event-team-form-360');
    await submitTeam(phone);
    await phone.waitForURL(eventUrl, { timeout: 15_000 });
    await expect.poll(() => teamStatus(phone, TEAM), { timeout: 15_000 }).toBe('submitted');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    await shot(phone, 'event-page-360');

    // The bureau approves it and records a donation of the festival.
    await bureau.reload();
    await expect.poll(() => teamStatus(bureau, TEAM), { timeout: 15_000 }).toBe('submitted');
    await bureau.getByTestId('team-row').filter({ hasText: TEAM }).getByTestId('team-approve').click();
    await bureau.getByTestId('team-approve-confirm').click();
    await expect.poll(() => teamStatus(bureau, TEAM), { timeout: 15_000 }).toBe('approved');
    await bureau.getByTestId('donation-add').click();
    await choose(bureau, bureau.getByTestId('donation-school'), '城关镇中心小学');
    await bureau.getByTestId('donation-item').fill('足球');
    await bureau.getByTestId('donation-quantity').fill('20');
    await bureau.getByTestId('donation-value').fill('2400');
    await bureau.getByTestId('donation-donor').fill('县青少年发展基金会');
    await bureau.getByTestId('donation-save').click();
    await expect.poll(() => bureau.getByTestId('donation-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await bureau.getByTestId('donation-row').innerText()).toContain('县青少年发展基金会');
    await shot(bureau, 'event-page');

    // The printable list: the approved team, its units, contact and members with role and number; no app chrome in print.
    await bureau.getByTestId('event-print').click();
    await bureau.getByTestId('print-team').first().waitFor({ timeout: 15_000 });
    const sheet = await bureau.getByTestId('print-page').innerText();
    expect(sheet).toContain(TEAM);
    expect(sheet).toContain('青山县城关镇中心小学');
    expect(sheet).toContain('13800000000');
    expect(sheet).toContain('王领队');
    expect(await bureau.getByTestId('print-member').count()).toBe(10);
    expect(await bureau.getByTestId('print-member').filter({ hasText: '队员8' }).innerText()).toContain('8');
    await shot(bureau, 'event-print');
    await bureau.emulateMedia({ media: 'print' });
    expect(await bureau.getByTestId('print-button').isVisible()).toBe(false);
    expect(await bureau.getByTestId('nav-events').count()).toBe(0);
    await bureau.emulateMedia({ media: 'screen' });
    await Promise.all([bureauCtx.close(), leaderCtx.close(), phoneCtx.close()]);
  });

  it('Enter in a date of the event form takes the date typed without sending the form half filled', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'bureau');
    await page.goto(`${server.url}/events/new`);
    const deadline = page.getByTestId('event-deadline');
    await deadline.waitFor({ timeout: 15_000 });
    await page.getByTestId('event-title').fill('回车测试乒乓球赛');
    const typed = beijing(20);
    await deadline.click();
    await deadline.press('Control+a');
    await deadline.pressSequentially(typed);
    await deadline.press('Enter');
    await deadline.press('Enter');
    await page.waitForTimeout(800);
    expect(new URL(page.url()).pathname).toBe('/events/new');
    expect(await deadline.inputValue()).toBe(typed);
    // Not sent: no 必填 under the sport and place still to come.
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await shot(page, 'event-enter-in-date', { fullPage: false });
    // A date written the short way is read once Enter ends the entry.
    const [y, m, d] = beijing(30).split('-').map(Number) as [number, number, number];
    const date = page.getByTestId('event-date');
    await date.click();
    await date.press('Control+a');
    await date.pressSequentially(`${y}/${m}/${d}`);
    await date.press('Enter');
    await expect.poll(() => date.inputValue(), { timeout: 5_000 }).toBe(beijing(30));
    await page.getByTestId('event-sport').fill('乒乓球');
    await page.getByTestId('event-place').fill('县一中体育馆');
    await page.getByTestId('event-submit').click();
    await page.waitForURL((u) => /^\/events\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const api = await login(server.app, 'bureau', 'Demo2026');
    expect((await api.get(`/api/events/${id}`)).json()).toMatchObject({ registrationDeadline: typed, eventDate: beijing(30) });
    await ctx.close();
  });

  it('after the deadline the form says registration has closed, and the server’s refusal is shown', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'bureau', 'Demo2026');
    const ev = (
      await api.post('/api/events', {
        regionId: (await api.get('/api/auth/me')).json().roles[0].regionId,
        title: '春季越野跑',
        registrationOpens: beijing(-10),
        registrationDeadline: beijing(-1),
        eventDate: beijing(5),
        rules: {},
      })
    ).json() as { id: string };
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, server, 'leader1');
    await page.goto(`${server.url}/events/${ev.id}`);
    await expect.poll(() => page.getByTestId('event-registration-alert').innerText(), { timeout: 15_000 }).toContain(`报名已于 ${beijing(-1)} 截止`);
    expect(await page.getByTestId('team-register').count()).toBe(0);
    await page.goto(`${server.url}/events/${ev.id}/teams/new`);
    expect(await page.getByTestId('team-closed').innerText()).toContain(beijing(-1));
    await page.getByTestId('team-name-input').fill('迟到队');
    await page.getByTestId('team-contact-phone').fill('13800000000');
    await page.getByTestId('member-name').first().fill('王领队');
    await page.getByTestId('team-save').click();
    await expect.poll(() => page.getByTestId('form-error').innerText(), { timeout: 15_000 }).toContain(`报名已于 ${beijing(-1)} 截止`);
    await ctx.close();
  });
});
