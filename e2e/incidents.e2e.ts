import { describe, expect, it } from 'vitest';
import { login } from '../apps/server/src/test/index.ts';
import { demoCounty, shot, signIn } from './harness.ts';

const demo = demoCounty();
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

describe('safety incidents', () => {
  it('a class teacher reports suspected abuse on a phone, is told to call the police, records the report, and the leader sees it', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // A child of her class (一年级1班), as the API lists them for her.
    const api = await login(server.app, 'teacher101', 'Demo2026');
    const children = (await api.get('/api/children?limit=5')).json().items as { id: string; name: string; className: string | null }[];
    const child = children[0] as { id: string; name: string };
    expect(child).toBeDefined();

    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, server, 'teacher101');
    await page.goto(`${server.url}/incidents/new?childId=${child.id}`);
    await expect.poll(() => page.getByTestId('incident-children').innerText(), { timeout: 15_000 }).toContain(child.name);

    await page.getByTestId('incident-kind-abuse_neglect').click();
    await page.getByTestId('incident-severity').getByText('严重', { exact: true }).click();
    await page.getByTestId('incident-description').fill('孩子手臂和背上有多处淤青，问起来说是家里人打的，情绪低落。');
    await page.getByTestId('incident-immediate-actions').fill('已带到校医室检查，班主任陪同安抚。');
    expect(await page.getByTestId('mandatory-alert').count()).toBe(0);
    await page.getByTestId('incident-q-multipleInjuries').check();
    await page.getByTestId('incident-q-suspectedViolence').check();
    await page.getByTestId('mandatory-alert').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('mandatory-alert').innerText()).toContain('拨打 110');
    expect(await page.getByTestId('mandatory-situation').count()).toBe(1);
    // Nothing sticks out of a 360 px screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'incident-report-360');

    await page.getByTestId('incident-submit').click();
    await page.waitForURL((u) => /^\/incidents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const incidentId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('police-required').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('incident-chain').innerText()).toContain('校领导');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'incident-police-required-360');

    await page.getByTestId('police-record').click();
    await page.getByTestId('police-unit').fill('城关派出所');
    await page.getByTestId('police-receipt').fill('JJ001');
    await page.getByTestId('police-submit').click();
    await page.getByTestId('police-recorded').waitFor({ timeout: 15_000 });
    const recorded = await page.getByTestId('police-recorded').innerText();
    expect(recorded).toContain('城关派出所');
    expect(recorded).toContain('JJ001');
    expect(await page.getByTestId('police-required').count()).toBe(0);
    await shot(page, 'incident-detail-360');
    await phone.close();

    // An hour later the guardian has still not been told: the step is overdue (its deadline moved back instead of the clock on).
    await server.app.ctx.db
      .updateTable('incident_notices')
      .set({ due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('incident_id', '=', incidentId)
      .where('target', '=', 'guardian')
      .execute();

    // The school leader's workbench lists the open incident in red for the overdue notification, and links to it.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const leader = await desk.newPage();
    await signIn(leader, server, 'leader1');
    const panel = leader.getByTestId('incident-panel');
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain(child.name);
    expect(await panel.innerText()).toContain('疑似受虐待或被忽视');
    const red = panel.getByTestId('incident-panel-attention').filter({ hasText: child.name });
    expect(await red.innerText()).toContain('通知逾期 1');
    // Red as the panel draws it (the e2e code has no DOM types, so the page's getComputedStyle is reached through globalThis).
    const background = await red.evaluate(
      (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor,
    );
    expect(background).toBe('rgb(255, 241, 240)');
    await shot(leader, 'incident-workbench');
    await panel.getByText(child.name).first().click();
    await leader.waitForURL((u) => u.pathname === `/incidents/${incidentId}`, { timeout: 15_000 });
    await leader.getByTestId('police-recorded').waitFor({ timeout: 15_000 });
    await desk.close();

    // A counsellor sees the child but not the details: the list shows the lock line only.
    const other = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const counsellor = await other.newPage();
    await signIn(counsellor, server, 'counsellor1');
    await counsellor.goto(`${server.url}/incidents`);
    await counsellor.getByTestId('incident-restricted').first().waitFor({ timeout: 15_000 });
    expect(await counsellor.getByTestId('incident-list').innerText()).not.toContain('疑似受虐待');
    await shot(counsellor, 'incident-restricted');
    await counsellor.goto(`${server.url}/incidents/${incidentId}`);
    await expect.poll(() => counsellor.getByTestId('incident-denied').innerText(), { timeout: 15_000 }).toContain('仅限');
    await other.close();
  });

  it('a volunteer reports an incident for a child at the camp from a phone', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // The seed camp, where volunteer1 leads the volunteers; its school's leader links two children of the archive to it.
    const db = server.app.ctx.db;
    const summary = ((await (await login(server.app, 'volunteer1', 'Demo2026')).get('/api/camps')).json().items as { id: string; schoolId: string }[])[0];
    const leaderAccount = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.username')
      .where('r.role', '=', 'school_leader')
      .where('r.scope_id', '=', summary?.schoolId ?? '')
      .executeTakeFirstOrThrow();
    const api = await login(server.app, leaderAccount.username, 'Demo2026');
    const camp = (await api.get(`/api/camps/${summary?.id}`)).json() as { id: string; schoolId: string; version: number; groups: { id: string }[] };
    const kids = (await api.get(`/api/children?schoolId=${camp.schoolId}&limit=2`)).json().items as { id: string; name: string }[];
    const put = await api.request({
      method: 'PUT',
      url: `/api/camps/${camp.id}/children`,
      payload: {
        version: camp.version,
        items: kids.map((k, i) => ({ id: `k${i + 1}`, childId: k.id, name: k.name, grade: null, groupId: camp.groups[0]?.id })),
      },
    });
    expect(put.statusCode).toBe(200);
    const child = kids[1] as { id: string; name: string };

    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, server, 'volunteer1');
    // The volunteer's menu: the workbench, safety incidents (what they reported) and the camps.
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-camps').waitFor({ timeout: 10_000 });
    const nav = await page.locator('[data-testid^="nav-"]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(nav.filter((x) => x !== 'nav-toggle')).toEqual(['nav-workbench', 'nav-incidents', 'nav-camps']);
    await shot(page, 'incident-volunteer-nav-360');
    await page.keyboard.press('Escape');

    // From the camp's children, the report button beside the child opens the form with the child chosen.
    await page.goto(`${server.url}/camps/${camp.id}?tab=children`);
    await page.getByTestId('camp-report-incident').waitFor({ timeout: 15_000 });
    // One button per child, inside the phone's screen.
    await expect.poll(() => page.getByTestId('camp-child-report').count(), { timeout: 15_000 }).toBe(2);
    const button = page.getByRole('button', { name: `为 ${child.name} 报告突发事件` });
    const box = await button.boundingBox();
    expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-volunteer-camp-360');
    await button.click();
    await page.waitForURL((u) => u.pathname === '/incidents/new', { timeout: 15_000 });
    await expect.poll(() => page.getByTestId('incident-children').innerText(), { timeout: 15_000 }).toContain(child.name);
    // The picker offers the children at the camp, which is all the volunteer sees.
    await page.getByTestId('incident-children').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(2);
    expect((await options.allInnerTexts()).join(' ')).toContain((kids[0] as { name: string }).name);
    await page.keyboard.press('Escape');

    await page.getByTestId('incident-kind-injury').click();
    await page.getByTestId('incident-severity').getByText('一般', { exact: true }).click();
    await page.getByTestId('incident-place').fill('石门村小学操场');
    await page.getByTestId('incident-description').fill('做游戏时摔倒，右膝擦伤出血。');
    await page.getByTestId('incident-immediate-actions').fill('用急救包清洗包扎，已告诉带队老师。');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'incident-volunteer-report-360');
    await page.getByTestId('incident-submit').click();
    await page.waitForURL((u) => /^\/incidents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    await page.getByTestId('incident-chain').waitFor({ timeout: 15_000 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'incident-volunteer-detail-360');
    await phone.close();

    // The school's leader has it, reported by the volunteer.
    const incidentId = (await api.get(`/api/incidents?childId=${child.id}&kind=injury`)).json().items[0]?.id as string;
    const seen = (await api.get(`/api/incidents/${incidentId}`)).json();
    expect(seen).toMatchObject({ kind: 'injury', place: '石门村小学操场', reporter: { name: expect.any(String) } });
    const volunteer = (await db.selectFrom('users').select('id').where('username', '=', 'volunteer1').executeTakeFirstOrThrow()).id;
    expect(seen.reporter.id).toBe(volunteer);
  });
});
