import { describe, expect, it } from 'vitest';
import { buildChild, login } from '../apps/server/src/test/index.ts';
import { DESK, demoCounty, PHONE, pageWidth, shot, signIn } from './harness.ts';

const demo = demoCounty();

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
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-report-360');

    await page.getByTestId('incident-submit').click();
    await page.waitForURL((u) => /^\/incidents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const incidentId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByTestId('police-required').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('incident-chain').innerText()).toContain('校领导');
    // What the reporter ticked is on the page, both circumstances, not only the situation they make.
    const answers = await page.getByTestId('incident-answers').innerText();
    expect(answers).toContain('多处');
    expect(answers).toContain('家庭暴力');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
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
    // The app told the leaders at once: the one who opened the case has heard of it, and the chain says so.
    await expect
      .poll(() => leader.getByTestId('incident-chain').getByTestId('notice-done').filter({ hasText: '校领导' }).innerText(), { timeout: 15_000 })
      .toContain('在系统中查看了本事件');

    // 结案 while the chain still waits: the form names whom it waits for, once, and cannot be sent (the server
    // refuses it too: incident.test.ts); nothing is closed.
    await leader.getByTestId('incident-close').click();
    const waiting = leader.getByTestId('close-waiting');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.innerText()).toContain('还有通知未完成：临时监护人、父母、教育局');
    expect(await waiting.innerText()).toContain('登记为“未联系上”并在备注中写明尝试的情况');
    await leader.getByTestId('action-text').fill('已与家长面谈，派出所已受理，学校持续跟进。');
    expect(await leader.getByTestId('action-submit').isDisabled()).toBe(true);
    expect(await leader.getByTestId('close-hint').count()).toBe(0);
    await shot(leader, 'incident-close-waiting');
    await leader.keyboard.press('Escape');
    await leader.getByTestId('action-form').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await leader.getByTestId('incident-reopen').count()).toBe(0);

    // The guardian and the bureau are told (through the API: the form is tested in the bureau test below).
    const leaderApi = await login(server.app, 'leader1', 'Demo2026');
    const steps = (await leaderApi.get(`/api/incidents/${incidentId}`)).json().notifications as { id: string; target: string; doneAt: string | null }[];
    const untold = steps.filter((n) => !n.doneAt);
    expect(untold.map((n) => n.target)).toEqual(['guardian', 'parents', 'bureau']);
    for (const n of untold.filter((x) => x.target !== 'parents')) {
      const told = await leaderApi.post(`/api/incidents/${incidentId}/notifications`, {
        stepId: n.id,
        target: n.target,
        method: 'phone',
        notifiedAt: new Date().toISOString(),
      });
      expect(told.statusCode, told.body).toBe(201);
    }
    await leader.reload();
    await expect.poll(() => leader.getByTestId('incident-chain').getByTestId('notice-done').count(), { timeout: 15_000 }).toBe(3);
    // The guardian was told after the step's deadline: done, and said to be late.
    const guardian = leader.getByTestId('incident-chain').getByTestId('notice-done').filter({ hasText: '临时监护人' });
    expect(await guardian.getByTestId('notice-late').innerText()).toMatch(/^晚于期限 \d+ 分钟通知$/);
    expect(await leader.getByTestId('incident-chain').getByTestId('notice-late').count()).toBe(1);
    // The parents could not be reached: the leader records the try as 未联系上 with what was done, and the step keeps waiting.
    const parents = leader
      .getByTestId('incident-chain')
      .locator('[data-testid="notice-pending"], [data-testid="notice-overdue"], [data-testid="notice-unreachable"]')
      .filter({ hasText: '父母' });
    await parents.getByTestId('notice-record').click();
    const form = leader.getByTestId('notice-form');
    await form.getByTestId('notice-reach').getByText('未联系上').click();
    await form.getByText('结案时需要').waitFor({ timeout: 10_000 });
    await form.getByTestId('notice-note').fill('父亲电话两次未接通，已发微信留言');
    await leader.getByTestId('notice-submit').click();
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => parents.innerText(), { timeout: 15_000 }).toContain('已尝试 1 次，未联系上');
    // Tried in vain and not yet overdue: the step reads 未联系上, still with the button to record the next try.
    expect(await parents.getAttribute('data-testid')).toBe('notice-unreachable');
    expect(await parents.getByTestId('notice-record').count()).toBe(1);
    expect(await parents.innerText()).toContain('父亲电话两次未接通');
    expect(await leader.getByTestId('incident-chain').getByTestId('notice-done').count()).toBe(3);
    await shot(leader, 'incident-parents-not-reached');

    // The leader closes the case: the form says the parents were only tried; what the server would refuse on a closed case
    // is no longer offered, only 重新打开; the parents' step reads 未联系上, never 已通知.
    await leader.getByTestId('incident-close').click();
    await leader.getByTestId('action-text').fill('已与家长面谈，派出所已受理，学校持续跟进。');
    expect(await leader.getByTestId('close-waiting').count()).toBe(0);
    expect(await leader.getByTestId('close-tried').innerText()).toContain('父母');
    await leader.getByTestId('action-submit').click();
    await leader.getByTestId('incident-reopen').waitFor({ timeout: 15_000 });
    for (const gone of ['incident-edit', 'incident-close', 'police-record-other', 'notice-extra', 'notice-record', 'action-add'])
      expect(await leader.getByTestId(gone).count(), gone).toBe(0);
    expect(await leader.getByTestId('incident-chain').getByTestId('notice-unreachable').filter({ hasText: '父母' }).innerText()).toContain('未联系上');
    await shot(leader, 'incident-closed');
    // Typed into the address bar, the edit page says why instead of a form the server would refuse.
    await leader.goto(`${server.url}/incidents/${incidentId}/edit`);
    await expect.poll(() => leader.locator('.ant-result-title').innerText(), { timeout: 15_000 }).toContain('已结案');
    await leader.goto(`${server.url}/incidents/${incidentId}`);
    await leader.getByTestId('incident-reopen').click();
    await leader.getByTestId('action-text').fill('家长反映新情况，重新处置。');
    await leader.getByTestId('action-submit').click();
    await leader.getByTestId('incident-edit').waitFor({ timeout: 15_000 });
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

  it('Enter in the time of the incident takes the time typed and does not send the half-filled report', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const api = await login(server.app, 'teacher101', 'Demo2026');
    const child = ((await api.get('/api/children?limit=1')).json().items as { id: string; name: string }[])[0] as { id: string; name: string };
    const count = async () =>
      Number(
        (
          await server.app.ctx.db
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // Yesterday in Shanghai, a quarter past eight.
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
    const typed = `${yesterday} 08:15`;

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, server, 'teacher101');
    await page.goto(`${server.url}/incidents/new?childId=${child.id}`);
    await expect.poll(() => page.getByTestId('incident-children').innerText(), { timeout: 15_000 }).toContain(child.name);
    await page.getByTestId('incident-kind-injury').click();
    const at = page.getByTestId('incident-occurred-at');
    await at.click();
    await at.press('Control+a');
    await at.pressSequentially(typed);
    await at.press('Enter');
    // A second Enter, as an impatient hand does: still nothing sent.
    await at.press('Enter');
    await page.waitForTimeout(800);
    expect(new URL(page.url()).pathname).toBe('/incidents/new');
    expect(await at.inputValue()).toBe(typed);
    // Not sent: no 必填 under the description still to be written, and nothing saved.
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await count()).toBe(before);
    await shot(page, 'incident-enter-in-time', { fullPage: false });

    await page.getByTestId('incident-severity').getByText('一般', { exact: true }).click();
    await page.getByTestId('incident-description').fill('课间在走廊滑倒，手肘擦伤，已消毒包扎。');
    await page.getByTestId('incident-submit').click();
    await page.waitForURL((u) => /^\/incidents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const saved = (await api.get(`/api/incidents/${id}`)).json() as { occurredAt: string };
    expect(new Date(saved.occurredAt).toISOString()).toBe(new Date(`${yesterday}T08:15:00+08:00`).toISOString());
    await context.close();
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
    const button = page.getByRole('button', { name: `为${child.name}报告突发事件` });
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
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-volunteer-report-360');
    await page.getByTestId('incident-submit').click();
    await page.waitForURL((u) => /^\/incidents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    await page.getByTestId('incident-chain').waitFor({ timeout: 15_000 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-volunteer-detail-360');
    await phone.close();

    // The school's leader has it, reported by the volunteer.
    const incidentId = (await api.get(`/api/incidents?childId=${child.id}&kind=injury`)).json().items[0]?.id as string;
    const seen = (await api.get(`/api/incidents/${incidentId}`)).json();
    expect(seen).toMatchObject({ kind: 'injury', place: '石门村小学操场', reporter: { name: expect.any(String) } });
    const volunteer = (await db.selectFrom('users').select('id').where('username', '=', 'volunteer1').executeTakeFirstOrThrow()).id;
    expect(seen.reporter.id).toBe(volunteer);
  });

  it('the school tells the bureau of a serious incident, the bureau officer acknowledges it with an instruction, and the school sees who did', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const db = server.app.ctx.db;
    // A serious injury in teacher101's class, reported half an hour ago (through the API: the form is tested above).
    const teacher = await login(server.app, 'teacher101', 'Demo2026');
    const child = ((await teacher.get('/api/children?limit=5')).json().items as { id: string; name: string }[])[1] as { id: string; name: string };
    const created = await teacher.post('/api/incidents', {
      childIds: [child.id],
      kind: 'injury',
      severity: 'serious',
      occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      place: '教学楼二楼楼梯',
      description: '课间在楼梯上被挤倒，左臂骨折，已送县医院。',
      immediateActions: '校医初步固定，班主任陪同送医并通知家长。',
      answers: {},
    });
    expect(created.statusCode, created.body).toBe(201);
    const incidentId = created.json().id as string;
    const bureauName = (await db.selectFrom('users').select('name').where('username', '=', 'bureau').executeTakeFirstOrThrow()).name;

    // The school leader records that the bureau was told (the chain's last step for a serious incident).
    const lctx = await browser.newContext(DESK);
    const leader = await lctx.newPage();
    await signIn(leader, server, 'leader1');
    await leader.goto(`${server.url}/incidents/${incidentId}`);
    const bureauStep = leader.getByTestId('incident-chain').locator('[data-testid^="notice-"]').filter({ hasText: '教育局' });
    await bureauStep.getByTestId('notice-record').click({ timeout: 15_000 });
    await leader.getByTestId('notice-contact').fill('县教育局安全股值班员');
    await leader.getByTestId('notice-submit').click();
    await expect.poll(() => leader.getByTestId('incident-chain').getByTestId('notice-done').filter({ hasText: '教育局' }).count(), { timeout: 15_000 }).toBe(1);
    // Now it awaits the bureau: a gold tag in the header and the note, without a 签收 button for the school.
    const awaitingNote = leader.getByText('学校已报告教育局，等待教育局签收');
    await awaitingNote.waitFor({ timeout: 15_000 });
    expect(await leader.locator('.ant-tag', { hasText: '待教育局签收' }).count()).toBe(1);
    expect(await leader.getByTestId('incident-acknowledge').count()).toBe(0);
    await shot(leader, 'incident-awaiting-ack-leader');

    // The bureau officer filters what awaits it and finds the incident, tagged.
    const bctx = await browser.newContext(DESK);
    const bureau = await bctx.newPage();
    await signIn(bureau, server, 'bureau');
    await bureau.goto(`${server.url}/incidents`);
    await bureau.getByTestId('incident-row').first().waitFor({ timeout: 15_000 });
    // The words beside the switch flip it (they are its label).
    await bureau.getByText('只看待签收', { exact: true }).click();
    await bureau.waitForURL((u) => u.searchParams.get('ack') === 'awaiting', { timeout: 10_000 });
    await expect.poll(() => bureau.getByRole('switch', { name: '只看待签收' }).getAttribute('aria-checked')).toBe('true');
    // Every incident listed awaits it (polled: the unfiltered list stays on screen until the filtered one arrives).
    const listed = async () => [
      await bureau.getByTestId('incident-row').count(),
      await bureau.getByTestId('incident-list').locator('.ant-tag', { hasText: '待教育局签收' }).count(),
    ];
    const row = bureau.getByTestId('incident-row').filter({ hasText: child.name });
    await expect
      .poll(
        async () => {
          const [rows, tagged] = await listed();
          return rows === tagged && (await row.count()) === 1;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(await row.innerText()).toContain('城关镇中心小学');
    await shot(bureau, 'incident-bureau-awaiting');
    await row.click();
    await bureau.waitForURL((u) => u.pathname === `/incidents/${incidentId}`, { timeout: 15_000 });
    await bureau.getByTestId('incident-acknowledge').click({ timeout: 15_000 });
    const instruction = '请学校做好孩子返校后的照护，每周报告一次康复情况。';
    await bureau.getByTestId('acknowledge-instruction').fill(instruction);
    expect(await bureau.locator('.ant-modal:visible').innerText()).toContain('签收后不能撤回');
    await shot(bureau, 'incident-acknowledge-form', { fullPage: false });
    await bureau.getByTestId('acknowledge-submit').click();
    const ack = bureau.getByTestId('incident-acknowledgement');
    await expect.poll(() => ack.innerText(), { timeout: 15_000 }).toContain(`教育局${bureauName}已于`);
    expect(await ack.innerText()).toContain(`批示：${instruction}`);
    expect(await bureau.getByTestId('incident-acknowledge').count()).toBe(0);
    expect(await bureau.locator('.ant-tag', { hasText: '教育局已签收' }).count()).toBe(1);
    await bureau.getByTestId('acknowledge-instruction').waitFor({ state: 'hidden' });
    await shot(bureau, 'incident-acknowledged-bureau');
    // Nothing of it awaits any more.
    await bureau.goto(`${server.url}/incidents?ack=awaiting`);
    await expect.poll(() => bureau.getByTestId('incident-list').innerText(), { timeout: 15_000 }).not.toContain(child.name);
    await bctx.close();
    await lctx.close();

    // The school leader, on a phone: a notification names the officer; the incident shows who acknowledged and the instruction.
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, server, 'leader1');
    await page.getByTestId('notifications-bell').click();
    const note = page.getByTestId('notification-item').filter({ hasText: '已签收安全事件' });
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(1);
    expect(await note.innerText()).toContain(`教育局${bureauName}已签收安全事件（意外伤害）并作出批示`);
    await shot(page, 'incident-ack-notification-360', { fullPage: false });
    // The list covers the header and its bell: it has its own close button.
    await page.getByTestId('notifications-close').click();
    await page.getByTestId('notifications-panel').waitFor({ state: 'hidden', timeout: 5_000 });
    await page.getByTestId('notifications-bell').click();
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(1);
    await note.click();
    await page.waitForURL((u) => u.pathname === `/incidents/${incidentId}`, { timeout: 15_000 });
    const seen = page.getByTestId('incident-acknowledgement');
    await expect.poll(() => seen.innerText(), { timeout: 15_000 }).toContain(bureauName);
    expect(await seen.innerText()).toContain(instruction);
    expect(await page.locator('.ant-tag', { hasText: '教育局已签收' }).count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-acknowledged-leader-360');
    await phone.close();
  });
  it('after 签收 the bureau adds an instruction, the school replies from a phone, and the bureau hears of the reply', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // A serious case told to the bureau and acknowledged with an instruction (through the API: the steps are tested above).
    const teacher = await login(server.app, 'teacher101', 'Demo2026');
    const child = ((await teacher.get('/api/children?limit=5')).json().items as { id: string }[])[2] as { id: string };
    // Twenty minutes ago: just after midnight (Beijing) that is yesterday, and so is the day the picker starts at.
    const occurredAt = new Date(Date.now() - 20 * 60_000);
    const created = await teacher.post('/api/incidents', {
      childIds: [child.id],
      kind: 'injury',
      severity: 'serious',
      occurredAt: occurredAt.toISOString(),
      description: '体育课跳远时扭伤右脚踝，已送镇卫生院。',
      answers: {},
    });
    expect(created.statusCode, created.body).toBe(201);
    const inc = created.json() as { id: string; notifications: { id: string; target: string }[] };
    const leaderApi = await login(server.app, 'leader1', 'Demo2026');
    const step = inc.notifications.find((n) => n.target === 'bureau')?.id;
    const told = await leaderApi.post(`/api/incidents/${inc.id}/notifications`, {
      stepId: step,
      target: 'bureau',
      method: 'phone',
      notifiedAt: new Date().toISOString(),
    });
    expect(told.statusCode, told.body).toBe(201);
    const bureauApi = await login(server.app, 'bureau', 'Demo2026');
    expect((await bureauApi.post(`/api/incidents/${inc.id}/acknowledge`, { instruction: '请做好家长沟通。' })).statusCode).toBe(201);

    // The bureau officer adds an instruction.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const bureau = await desk.newPage();
    await signIn(bureau, server, 'bureau');
    await bureau.goto(`${server.url}/incidents/${inc.id}`);
    await bureau.getByTestId('incident-instruct').click({ timeout: 15_000 });
    const more = '请于三日内报送书面处置情况，并说明孩子的康复安排。';
    await bureau.getByTestId('instruct-text').fill(more);
    await shot(bureau, 'incident-instruct-form', { fullPage: false });
    await bureau.getByTestId('instruct-submit').click();
    const timeline = bureau.getByTestId('incident-actions');
    await expect.poll(() => timeline.innerText(), { timeout: 15_000 }).toContain(more);
    expect(await timeline.getByTestId('incident-action').filter({ hasText: more }).innerText()).toContain('教育局批示');
    await expect.poll(() => bureau.getByTestId('incident-acknowledgement').innerText()).toContain('另有 1 条批示，见处置记录');
    // The bureau adds no step of the school's own.
    expect(await bureau.getByTestId('action-add').count()).toBe(0);
    await shot(bureau, 'incident-instructed-bureau');

    // The reporter, on a phone, opens the notification and replies.
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, server, 'teacher101');
    await page.getByTestId('notifications-bell').click();
    const note = page.getByTestId('notification-item').filter({ hasText: '作出批示，请查看' });
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await note.first().click();
    await page.waitForURL((u) => u.pathname === `/incidents/${inc.id}`, { timeout: 15_000 });
    // The instruction reads across the card, the button under it (beside it, it squeezed the text).
    const ack = page.getByTestId('incident-acknowledgement');
    await ack.getByTestId('incident-reply').waitFor({ timeout: 15_000 });
    const [text, button] = await Promise.all([ack.getByText('请做好家长沟通').boundingBox(), ack.getByTestId('incident-reply').boundingBox()]);
    expect(button?.y ?? 0).toBeGreaterThanOrEqual((text?.y ?? 0) + (text?.height ?? 0));
    await shot(page, 'incident-instruction-360', { fullPage: false });
    await page.getByTestId('incident-reply').click({ timeout: 15_000 });
    const form = page.getByTestId('action-form');
    await expect.poll(() => form.getByTestId('action-kind').locator('.ant-radio-button-wrapper-checked').innerText()).toBe('回复批示');
    // The days before the incident cannot be picked.
    await form.getByTestId('action-at').click();
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(occurredAt.getTime() - 86_400_000));
    const cell = page.locator(`.ant-picker-dropdown:visible td[title="${yesterday}"]`);
    // On the 1st, yesterday may be in last month's panel only.
    if ((await cell.count()) === 0) await page.locator('.ant-picker-dropdown:visible .ant-picker-header-prev-btn').first().click();
    expect(await cell.getAttribute('class')).toContain('ant-picker-cell-disabled');
    // The calendar and its hours fit the phone's screen (side by side they ran off its left edge).
    const popup = (await page.locator('.ant-picker-dropdown:visible .ant-picker-panel-container').boundingBox()) as { x: number; width: number };
    expect([popup.x >= 0, popup.x + popup.width <= 360]).toEqual([true, true]);
    // Its 确定 is on the screen too, not below it.
    const ok = (await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').boundingBox()) as { y: number; height: number };
    expect(ok.y + ok.height).toBeLessThanOrEqual(740);
    await shot(page, 'incident-moment-picker-360', { fullPage: false });
    await page.keyboard.press('Escape');
    const answer = '已与家长沟通，书面材料将于周五前报送。';
    await form.getByTestId('action-text').fill(answer);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'incident-reply-form-360', { fullPage: false });
    await form.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('incident-actions').innerText(), { timeout: 15_000 }).toContain(answer);
    await shot(page, 'incident-replied-360');
    await phone.close();

    // The bureau hears of the reply.
    await bureau.reload();
    await bureau.getByTestId('notifications-bell').click();
    await expect
      .poll(() => bureau.getByTestId('notification-item').filter({ hasText: '已回复安全事件（意外伤害）的批示' }).count(), { timeout: 15_000 })
      .toBe(1);
    await shot(bureau, 'incident-reply-notification', { fullPage: false });
    await desk.close();
  });

  it('the school keeps a case after the child transfers away: its leader and the old class teacher see the child by name, tagged 已转学, without a link', async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    // A new child of teacher101's class, so that the other tests' children stay where they are.
    const teacherApi = await login(server.app, 'teacher101', 'Demo2026');
    const mine = (await teacherApi.get('/api/children?limit=1')).json().items as { schoolId: string; classId: string; className: string }[];
    const place = mine[0] as { schoolId: string; classId: string; className: string };
    const child = await buildChild(server.app, { schoolId: place.schoolId, classId: place.classId, name: '转学测试' });
    const leaderApi = await login(server.app, 'leader1', 'Demo2026');
    const made = await leaderApi.post('/api/incidents', {
      childIds: [child.id],
      kind: 'injury',
      severity: 'minor',
      occurredAt: new Date().toISOString(),
      description: '体育课上扭伤脚踝，已冰敷',
    });
    expect(made.statusCode, made.body).toBe(201);
    const incidentId = made.json().id as string;
    const target = ((await leaderApi.get(`/api/children/${child.id}/transfer-targets`)).json() as { id: string }[])[0] as { id: string };
    const version = (await leaderApi.get(`/api/children/${child.id}`)).json().version as number;
    const moved = await leaderApi.post(`/api/children/${child.id}/transfer`, { schoolId: target.id, note: '随父母迁居', version });
    expect(moved.statusCode, moved.body).toBe(204);

    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const leader = await desk.newPage();
    await signIn(leader, server, 'leader1');
    await leader.goto(`${server.url}/incidents/${incidentId}`);
    // Named in the header and in the details, each time the same way.
    const named = leader.getByTestId('incident-child').filter({ hasText: '转学测试' });
    await named.first().waitFor({ timeout: 15_000 });
    for (const n of await named.all()) {
      expect(await n.innerText()).toContain(place.className);
      expect(await n.getByTestId('incident-child-transferred').count()).toBe(1);
      expect(await n.locator('a').count(), 'no link to an archive the school can no longer open').toBe(0);
    }
    await shot(leader, 'incident-transferred-child');
    await desk.close();

    // The class teacher of the class the child was in keeps the case in the list.
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, server, 'teacher101');
    await page.goto(`${server.url}/incidents`);
    await expect.poll(() => page.getByTestId('incident-list').innerText(), { timeout: 15_000 }).toContain('转学测试');
    expect(await page.getByTestId('incident-list').getByTestId('incident-child-transferred').count()).toBeGreaterThan(0);
    await phone.close();
  });

  it("shows the safety incidents card's whole title on a leader's 390 px phone in English, its link clear of it", async () => {
    const [browser, server] = [demo.browser(), demo.server()];
    const phone = await browser.newContext({ ...PHONE, viewport: { width: 390, height: 844 }, locale: 'en-US' });
    await phone.addInitScript(`localStorage.setItem('carebridge.lang', 'en-US')`);
    const page = await phone.newPage();
    await signIn(page, server, 'leader1');
    const panel = page.getByTestId('incident-panel');
    const title = panel.getByTestId('incident-panel-title');
    await expect.poll(() => title.innerText(), { timeout: 15_000 }).toBe('Safety incidents');
    // Not cut off by the card head's ellipsis, and not run into by "All safety incidents".
    const cut = await page.evaluate<boolean>(
      `(() => { const head = document.querySelector('[data-testid="incident-panel"] .ant-card-head-title'); return !head || head.scrollWidth > head.clientWidth; })()`,
    );
    expect(cut).toBe(false);
    const [a, b] = [await title.boundingBox(), await panel.getByTestId('incident-panel-all').boundingBox()];
    expect(a && b && (a.x + a.width <= b.x || a.y + a.height <= b.y)).toBe(true);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await panel.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -64)');
    await shot(page, 'workbench-incidents-390-en', { fullPage: false });
    // The report form's four severities on one row, none wrapped alone onto a second.
    await page.goto(`${server.url}/incidents/new`);
    const severity = page.getByTestId('incident-severity');
    await severity.waitFor({ timeout: 15_000 });
    const tops = await severity
      .locator('.ant-radio-button-wrapper')
      .evaluateAll((els) => els.map((e) => Math.round((e as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top)));
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size).toBe(1);
    await severity.evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
    await page.evaluate('window.scrollBy(0, -160)');
    await shot(page, 'incident-severity-390-en', { fullPage: false });
    await phone.close();
  });
});
