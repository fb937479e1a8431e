/** A place the router is at or goes to. */
interface Place {
  pathname: string;
}

/**
 * The forms on screen that hold typed, unsaved work (one entry per `useLeaveGuard`), and whether a
 * move of the router would throw it away. Pure, so that the layout's one router blocker and each form's
 * own 返回 / 取消 agree on what counts.
 */
export class LeaveGuards {
  readonly #holding = new Set<object>();

  /** `owner`'s form has something typed (or no longer has: emptied, saved, gone). */
  set(owner: object, dirty: boolean): void {
    if (dirty) this.#holding.add(owner);
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
   * some. A change of the page's own query keeps the page and its form; the sign-in page is never
   * refused, as a session that ended (401) or a sign-out cannot save anything (the menu asks first).
   */
  blocks(from: Place, to: Place): boolean {
    return this.any() && from.pathname !== to.pathname && to.pathname !== '/login';
  }
}

/** The app's one set of guards. */
export const leaveGuards = new LeaveGuards();
