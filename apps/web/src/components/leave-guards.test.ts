import { describe, expect, it } from 'vitest';
import { LeaveGuards } from './leave-guards.ts';

const at = (path: string) => {
  const [pathname = '', search = ''] = path.split('?');
  return { pathname, search: search ? `?${search}` : '' };
};

describe('leaving a page with a form', () => {
  it('is asked about only while something is typed, and only when the page changes', () => {
    const guards = new LeaveGuards();
    const form = {};
    guards.set(form, false);
    expect(guards.blocks(at('/children/new'), at('/children'))).toBe(false);
    guards.set(form, true);
    // The browser's back button, a menu item, a link: another page.
    expect(guards.blocks(at('/children/new'), at('/children'))).toBe(true);
    expect(guards.blocks(at('/children/new'), at('/users'))).toBe(true);
    // The page's own query changing keeps the page and its form.
    expect(guards.blocks(at('/children/new?school=a'), at('/children/new?school=b'))).toBe(false);
    // The form gone (its page left): nothing to lose.
    guards.set(form, false);
    expect(guards.blocks(at('/children/new'), at('/children'))).toBe(false);
  });

  it('is not asked about after a successful save, nor a second time after the user chose to leave', () => {
    const guards = new LeaveGuards();
    const form = {};
    const drawer = {};
    guards.set(form, true);
    guards.release(form);
    expect(guards.holds(form)).toBe(false);
    expect(guards.blocks(at('/incidents/new'), at('/incidents/i1'))).toBe(false);
    // Another form on screen still holding typed work asks.
    guards.set(drawer, true);
    expect(guards.blocks(at('/users'), at('/'))).toBe(true);
    guards.release();
    expect(guards.blocks(at('/users'), at('/'))).toBe(false);
    // Typed again after a save that kept the form: asked again.
    guards.set(form, false);
    guards.set(form, true);
    expect(guards.blocks(at('/incidents/new'), at('/incidents'))).toBe(true);
  });

  it('asks before a sheet with its own history entry is left: back closes the sheet, the menu leaves the page', () => {
    const guards = new LeaveGuards();
    const sheet = {};
    const page = { pathname: '/mine', key: 'page' };
    const open = { pathname: '/mine', key: 'sheet' };
    guards.set(sheet, false, 'sheet');
    expect(guards.blocks(open, page)).toBe(false);
    guards.set(sheet, true, 'sheet');
    // The back gesture stays on the page but closes the sheet; a menu item leaves both.
    expect(guards.blocks(open, page)).toBe(true);
    expect(guards.blocks(open, { pathname: '/', key: 'next' })).toBe(true);
    expect(guards.blocks(open, { pathname: '/login', key: 'next' })).toBe(false);
    guards.release(sheet);
    expect(guards.blocks(open, page)).toBe(false);
  });

  it('never stops the way to the sign-in page: a session that ended cannot save what was typed', () => {
    const guards = new LeaveGuards();
    guards.set({}, true);
    expect(guards.blocks(at('/children/new'), at('/login'))).toBe(false);
    expect(guards.any()).toBe(true);
  });
});
