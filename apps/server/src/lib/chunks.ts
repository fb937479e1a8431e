/**
 * Split a list for `where … in (…)`: SQLite allows 32,766 bound values per statement and PostgreSQL
 * 65,535, and a province-wide list (every mentor's id, every school's) can pass either.
 */
export const IN_CHUNK = 5_000;

export const chunks = <T>(xs: readonly T[], size = IN_CHUNK): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
