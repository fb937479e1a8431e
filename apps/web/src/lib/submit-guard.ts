/**
 * One save per form: a submit while the last one is still being sent (a second Enter, a double
 * click before the button shows it is busy — React has not drawn it yet) is dropped, and so is any
 * after a save succeeded, while the page is on its way to what was saved. A save that failed (a field
 * to put right, a lost connection) may be sent again.
 */
export function submitGuard() {
  let sending = false;
  let saved = false;
  return {
    async run(send: () => Promise<void>): Promise<void> {
      if (sending || saved) return;
      sending = true;
      try {
        await send();
      } finally {
        sending = false;
      }
    },
    /** Call from the form's onSuccess: nothing is sent after it. */
    succeeded() {
      saved = true;
    },
    done: () => saved,
  };
}
