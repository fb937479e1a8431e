const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Calendar date (YYYY-MM-DD) in Asia/Shanghai, which has no daylight saving: UTC+8 all year. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Date and minute ("2026-11-28 21:05") in Asia/Shanghai, for messages. */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Milliseconds from `now` (epoch ms) to the next midnight in Asia/Shanghai. */
export function msUntilShanghaiMidnight(now: number): number {
  const local = now + SHANGHAI_OFFSET_MS;
  return (Math.floor(local / DAY_MS) + 1) * DAY_MS - local;
}
