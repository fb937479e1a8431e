/** Calendar date (YYYY-MM-DD) in Asia/Shanghai, which has no daylight saving: UTC+8 all year. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Date and minute ("2026-11-28 21:05") in Asia/Shanghai, for messages. */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
