import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from './dialect.ts';
import { migrations } from './migrations/index.ts';

class BarrelProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) out[name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

const MIGRATIONS = 'cb_migrations';
const MIGRATIONS_LOCK = 'cb_migrations_lock';

/** Bring the schema up to date; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  // On PostgreSQL the migrator looks for its tables in every schema of the database unless told
  // which: another schema's (a test run's, another deployment's) would pass for its own, and its own
  // would never be created. The connection's schema is where the app's tables live.
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: schema ? ownSchemaOnly(db, schema) : db,
    provider: new BarrelProvider(dialect),
    migrationTableName: MIGRATIONS,
    migrationLockTableName: MIGRATIONS_LOCK,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The database as the migrator sees it on PostgreSQL: its introspection asks only whether a table or
 * schema of ours exists (`to_regclass`, `pg_namespace`). Kysely's own introspector reads every table of
 * every schema, and fails ("column … does not exist", "schema … does not exist") while another schema
 * of the same database is being migrated or dropped at that moment — parallel test files, or another
 * deployment sharing the database.
 */
function ownSchemaOnly(db: Kysely<any>, schema: string): Kysely<any> {
  const introspection = {
    async getSchemas() {
      const r = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return r.rows;
    },
    async getTables() {
      const out: { name: string; schema: string; isView: boolean; columns: [] }[] = [];
      for (const name of [MIGRATIONS, MIGRATIONS_LOCK]) {
        const found = await sql<{ oid: string | null }>`select to_regclass(quote_ident(${schema}) || '.' || quote_ident(${name}))::text as oid`.execute(db);
        if (found.rows[0]?.oid) out.push({ name, schema, isView: false, columns: [] });
      }
      return out;
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      // Kysely keeps its state in private fields: its methods must run on the instance itself.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
