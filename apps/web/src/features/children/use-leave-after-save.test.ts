import { beforeEach, describe, expect, it, vi } from 'vitest';

// A page's hook run as React would run it, render after render: the state it keeps, the router's navigate.
const slots: unknown[] = [];
let slot = 0;
const navigate = vi.fn();
vi.mock('react', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react')>()),
  useState: <S>(initial: S | (() => S)) => {
    const i = slot++;
    if (!(i in slots)) slots[i] = typeof initial === 'function' ? (initial as () => S)() : initial;
    const set = (next: S | ((prev: S) => S)) => {
      slots[i] = typeof next === 'function' ? (next as (prev: S) => S)(slots[i] as S) : next;
    };
    return [slots[i] as S, set];
  },
  useCallback: <F>(f: F) => f,
}));
vi.mock('react-router', () => ({ useNavigate: () => navigate }));

const { useLeaveAfterSave } = await import('./use-leave-after-save.ts');
const render = () => {
  slot = 0;
  return useLeaveAfterSave();
};

beforeEach(() => {
  slots.length = 0;
  navigate.mockClear();
});

describe('a form page that leaves once saved', () => {
  it('shows the form until saved', () => {
    expect(render().leaving).toBe(false);
    expect(render().leaving).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('leaves for the saved page, and keeps the form away until the page is gone — a second save cannot be sent', () => {
    render().leave('/children/c1', { replace: true });
    expect(navigate).toHaveBeenCalledWith('/children/c1', { replace: true });
    // The router keeps this page while the next one loads; the form's own busy state has ended by now.
    expect(render().leaving).toBe(true);
    expect(render().leaving).toBe(true);
  });

  it('hands the router state over (the likely duplicates of a new archive)', () => {
    const state = { duplicates: [] };
    render().leave('/children/c2', { replace: true, state });
    expect(navigate).toHaveBeenCalledWith('/children/c2', { replace: true, state });
  });
});
