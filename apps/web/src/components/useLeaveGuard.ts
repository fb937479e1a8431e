import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';
import { useT } from '../i18n/lang.tsx';
import { leaveGuards } from './leave-guards.ts';

export interface LeaveGuard {
  /** `go` at once when nothing is typed (or it was saved), else after the user confirms. */
  (go: () => void): void;
  /** Saved: the page may go without asking (until something is typed again). Call before navigating away. */
  release(): void;
}

/** The confirmation before throwing typed work away: `go` once the user chooses to leave. */
function useAskToLeave() {
  const t = useT();
  const { modal } = App.useApp();
  return useCallback(
    (go: () => void, stay?: () => void) =>
      modal.confirm({
        title: t('common.leaveTitle'),
        content: t('common.leaveText'),
        okText: t('common.leaveOk'),
        cancelText: t('common.stay'),
        okButtonProps: { danger: true },
        onOk: go,
        onCancel: stay,
      }),
    [modal, t],
  );
}

/**
 * Leaving a form with something typed in it asks first: a tap on 返回 or 取消, the browser's back
 * button, a menu item or any other link (through `LeaveBlocker` in the layout), a reload or closing the
 * tab would otherwise throw away a talk written down on a phone or a registration form of fifty fields.
 * Returns `guard(go)`: `go` at once when nothing is typed, else after the user confirms; and
 * `guard.release()` for a successful save, after which the page goes without asking. `entry`: the key of
 * the history entry the form has to itself (a sheet pushed over its page), whose leaving asks too.
 */
export function useLeaveGuard(dirty: boolean, entry?: string): LeaveGuard {
  const ask = useAskToLeave();
  const [owner] = useState(() => ({}));
  useEffect(() => {
    leaveGuards.set(owner, dirty, entry);
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (leaveGuards.holds(owner)) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      leaveGuards.set(owner, false);
    };
  }, [owner, dirty, entry]);
  return useMemo(() => {
    const release = () => leaveGuards.release(owner);
    const guard = (go: () => void) => {
      if (!leaveGuards.holds(owner)) return go();
      // Chosen to leave: the router's blocker must not ask a second time.
      ask(() => {
        release();
        go();
      });
    };
    return Object.assign(guard, { release });
  }, [owner, ask]);
}

/** `go` at once, or after asking when some form on screen holds typed work (signing out). */
export function useLeaveAnyForm(): (go: () => void) => void {
  const ask = useAskToLeave();
  return useCallback(
    (go: () => void) => {
      if (!leaveGuards.any()) return go();
      ask(() => {
        leaveGuards.release();
        go();
      });
    },
    [ask],
  );
}

const blocks: BlockerFunction = ({ currentLocation, nextLocation }) => leaveGuards.blocks(currentLocation, nextLocation);

/**
 * The router's side of `useLeaveGuard`: a move to another page (the browser's back button, a menu item,
 * a link) while a form holds typed work waits for the user's choice. Mounted once, in the layout.
 */
export function LeaveBlocker(): null {
  const ask = useAskToLeave();
  const blocker = useBlocker(blocks);
  const asked = useRef<unknown>(null);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asked.current === blocker) return;
    asked.current = blocker;
    ask(
      () => {
        leaveGuards.release();
        blocker.proceed();
      },
      () => blocker.reset(),
    );
  }, [blocker, ask]);
  return null;
}
