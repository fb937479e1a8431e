import { describe, expect, it, vi } from 'vitest';
import { submitGuard } from './submit-guard.ts';

/** A send that stays pending until `finish` is called. */
function pendingSend() {
  let finish = () => {};
  const send = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  return { send, finish: () => finish() };
}

describe('submitGuard', () => {
  it('sends once when the form is submitted twice before the first answer (a double Enter)', async () => {
    const guard = submitGuard();
    const { send, finish } = pendingSend();
    const first = guard.run(send);
    const second = guard.run(send);
    finish();
    await Promise.all([first, second]);
    expect(send).toHaveBeenCalledOnce();
  });

  it('sends nothing more once a send succeeded (the page is on its way to what was saved)', async () => {
    const guard = submitGuard();
    const send = vi.fn(async () => guard.succeeded());
    await guard.run(send);
    await guard.run(send);
    expect(send).toHaveBeenCalledOnce();
    expect(guard.done()).toBe(true);
  });

  it('sends again after a send that did not succeed (an error to put right) or threw', async () => {
    const guard = submitGuard();
    const send = vi.fn(async () => {});
    await guard.run(send);
    await guard.run(send);
    expect(send).toHaveBeenCalledTimes(2);
    const boom = vi.fn(async () => {
      throw new Error('network');
    });
    await expect(guard.run(boom)).rejects.toThrow('network');
    await guard.run(send);
    expect(send).toHaveBeenCalledTimes(3);
  });
});
