import { describe, expect, it } from 'vitest';
import { siderScrollFor } from './sider-scroll.ts';

/** A sider of `height` px: the brand (56) over `items` menu items of 40 px with 4 px between them. */
const sider = (scrollTop = 0, items = 24, height = 768) => ({ scrollTop, clientHeight: height, scrollHeight: 56 + items * 44 + 4 });
const item = (index: number) => ({ top: 56 + 4 + index * 44, height: 40 });

describe('the sidebar on a page it lists', () => {
  it('brings a set-up item below the fold at 768 px into view', () => {
    // 区域 (the 18th of 24 items) is at 808 px, below the 768 px window: the sider scrolls as far as it goes.
    const end = 56 + 24 * 44 + 4 - 768;
    expect(siderScrollFor(sider(), item(17))).toBe(end);
    expect(siderScrollFor(sider(), item(21))).toBe(end);
    const shown = siderScrollFor(sider(), item(21)) ?? 0;
    expect(item(21).top - shown + item(21).height).toBeLessThanOrEqual(768);
  });

  it('centres an item out of view when the list goes on beyond it', () => {
    // Forty items in a 600 px window: the 30th (1,336 px) gets its middle to the window's.
    expect(siderScrollFor(sider(0, 40, 600), item(29))).toBe(1336 + 20 - 300);
  });

  it('leaves the sider as it is when the item is in view, and scrolls back up to one above it', () => {
    expect(siderScrollFor(sider(), item(3))).toBeNull();
    expect(siderScrollFor(sider(300), item(10))).toBeNull();
    expect(siderScrollFor(sider(300), item(0))).toBe(0);
  });
});
