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

/** The UTC instants a span of Shanghai days covers: from the start of `from` to the start of the day after `to`. */
export function shanghaiDaysUtc(from: string, to: string): { start: string; end: string } {
  const start = new Date(`${from}T00:00:00+08:00`).getTime();
  const end = new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** Milliseconds from `now` (epoch ms) to the next midnight in Asia/Shanghai. */
export function msUntilShanghaiMidnight(now: number): number {
  const local = now + SHANGHAI_OFFSET_MS;
  return (Math.floor(local / DAY_MS) + 1) * DAY_MS - local;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * `shanghaiDate` of a stored timestamp: an ISO UTC text ("2026-11-28T17:05:00.000Z", as the app
 * writes them) is read without building a Date (hot in the compliance loader: two per child), anything
 * else through `Date`.
 */
export function shanghaiDayOf(at: string | Date): string {
  if (typeof at === 'string') {
    const m = ISO_UTC.exec(at);
    if (m) {
      const day = at.slice(0, 10);
      if (Number(m[1]) < 16) return day;
      const t = Date.UTC(Number(at.slice(0, 4)), Number(at.slice(5, 7)) - 1, Number(at.slice(8, 10))) + DAY_MS;
      return new Date(t).toISOString().slice(0, 10);
    }
  }
  return shanghaiDate(new Date(at));
}
