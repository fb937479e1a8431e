import type { Ctx } from '../context.ts';

/**
 * Work that follows a committed change without being part of it: telling the next person in the bell.
 * The change stands whatever happens here, so a failure is logged and the request answered as done;
 * a 500 would have the client send again a change already made. A notification meant to be atomic
 * with its change is written inside the change's transaction instead, never through this.
 */
export async function afterCommit(ctx: Pick<Ctx, 'log'>, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err, what }, `${what} failed after the change was saved`);
  }
}
