export { connect, type Db, type DbConfig, dialectOf, sqlitePath } from './connect.ts';
export type { Dialect } from './dialect.ts';
export { escapeLike, fromBool, isForeignKeyViolation, isUniqueViolation, newId, nowIso, toBool } from './helpers.ts';
export { migrateToLatest } from './migrate.ts';
export { migrations } from './migrations/index.ts';
export type * from './types.ts';
