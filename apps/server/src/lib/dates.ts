/** Calendar date (YYYY-MM-DD) in Asia/Shanghai, which has no daylight saving: UTC+8 all year. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
