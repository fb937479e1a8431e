import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoCounty, shot, signIn } from './harness.ts';

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
    await page.close();
  });
});
