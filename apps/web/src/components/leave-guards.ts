/** A place the router is at or goes to (`key`: its history entry, as React Router's locations carry it). */
interface Place {
  pathname: string;
  key?: string;
}

/**
 * The forms on screen that hold typed, unsaved work (one entry per `useLeaveGuard`), and whether a
 * move of the router would throw it away. Pure, so that the layout's one router blocker and each form's
 * own 返回 / 取消 agree on what counts.
 */
export class LeaveGuards {
  /** Each form holding typed work, with the history entry it lives in when it has one of its own. */
  readonly #holding = new Map<object, string | undefined>();

  /**
   * `owner`'s form has something typed (or no longer has: emptied, saved, gone). `entry` (a location
   * key) binds it to a history entry of its own — a phone's sheet pushed over its page — so that the
   * back gesture, which would only close the sheet, asks too.
   */
  set(owner: object, dirty: boolean, entry?: string): void {
    if (dirty) this.#holding.set(owner, entry);
    else this.#holding.delete(owner);
  }

  holds(owner: object): boolean {
    return this.#holding.has(owner);
  }

  any(): boolean {
    return this.#holding.size > 0;
  }

  /**
   * Saved, or the user chose to leave: `owner`'s form (every form, when none is named) lets the page go
   * without asking, until something is typed in it again.
   */
  release(owner?: object): void {
    if (owner) this.#holding.delete(owner);
    else this.#holding.clear();
  }

  /**
   * Whether moving from one place to another throws typed work away: another page while a form holds
   * some, or, for a form with a history entry of its own, any move off that entry. A change of the
   * page's own query keeps the page and its form; the sign-in page is never refused, as a session that
   * ended (401) or a sign-out cannot save anything (the menu asks first).
   */
  blocks(from: Place, to: Place): boolean {
    if (to.pathname === '/login') return false;
    for (const entry of this.#holding.values()) {
      if (entry !== undefined && from.key === entry ? to.key !== entry : from.pathname !== to.pathname) return true;
    }
    return false;
  }
}

/** The app's one set of guards. */
export const leaveGuards = new LeaveGuards();
