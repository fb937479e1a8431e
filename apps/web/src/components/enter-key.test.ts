import { describe, expect, it, vi } from 'vitest';
import { enterStaysInField } from './enter-key.ts';

const press = (key: string) => ({ key, preventDefault: vi.fn() });

describe('Enter in a picker of a form', () => {
  it('does not send the form, and lets the field read what was typed', () => {
    const onEnter = vi.fn();
    const e = press('Enter');
    enterStaysInField(onEnter)(e);
    expect(e.preventDefault).toHaveBeenCalledOnce();
    expect(onEnter).toHaveBeenCalledOnce();
  });

  it('leaves every other key to the picker, and passes each to the caller’s own handler', () => {
    const onEnter = vi.fn();
    const own = vi.fn();
    const tab = press('Tab');
    const handler = enterStaysInField(onEnter, own);
    handler(tab, 'more');
    expect(tab.preventDefault).not.toHaveBeenCalled();
    expect(onEnter).not.toHaveBeenCalled();
    expect(own).toHaveBeenCalledWith(tab, 'more');
    const enter = press('Enter');
    handler(enter, 'more');
    expect(own).toHaveBeenCalledWith(enter, 'more');
  });
});
