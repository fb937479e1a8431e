import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { connect, migrateToLatest } from '@carebridge/db';
import { SetupBody, translate } from '@carebridge/shared';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { userRepo } from './modules/users/user.repository.ts';
import { buildServices } from './services.ts';

const USAGE = `carebridge <command>

  migrate                      bring the database schema up to date
  create-admin [username] [name]   create a system administrator (asks for the password;
                               or set CAREBRIDGE_ADMIN_PASSWORD)
  seed-demo                    load the demo county into an empty database
  backup <file>                SQLite: online backup to <file>; PostgreSQL: use pg_dump

The database comes from DATABASE_URL (unset: SQLite at ./data/carebridge.db).`;

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: stdin, output: stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const db = connect({ url: config.databaseUrl });
  try {
    const applied = await migrateToLatest(db.kysely, db.dialect);
    const log = { error: ({ err }: { err: unknown }, message: string) => console.error(message, err) };
    const ctx = { db: db.kysely, dialect: db.dialect, config, clock: () => new Date(), log };
    const services = buildServices(ctx);
    switch (command) {
      case 'migrate':
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
        return 0;
      case 'create-admin': {
        const username = args[0] ?? (await ask('Username 用户名: '));
        const name = args[1] ?? (await ask('Name 姓名: '));
        const password = process.env.CAREBRIDGE_ADMIN_PASSWORD ?? (await ask('Password 密码 (8+ chars, letters and digits): '));
        const parsed = SetupBody.safeParse({ admin: { username, name, password } });
        if (!parsed.success) {
          for (const i of parsed.error.issues) console.error(`${i.path.join('.')}: ${i.message}`);
          return 1;
        }
        // Usernames ignore letter case: "Admin" is taken when "admin" is.
        const existing = await userRepo.findByUsername(db.kysely, username);
        if (existing) {
          console.error(`User "${existing.username}" already exists.`);
          return 1;
        }
        await db.kysely.transaction().execute(async (tx) => {
          const id = await services.users.createUnchecked(tx, { username, name, password }, [
            { role: 'system_admin', scope_kind: 'global', scope_id: null, school_id: null, region_path: null },
          ]);
          await services.audit.record(
            tx,
            { userId: '', username: 'cli', ip: null },
            { action: 'user.create', entity: 'user', entityId: id, summary: { username, roles: ['system_admin'] } },
          );
        });
        console.log(`Administrator "${username}" created.`);
        return 0;
      }
      case 'seed-demo': {
        process.stdout.write('Loading the demo county… ');
        const { accounts } = await services.setup.loadDemo(null);
        console.log('done.');
        console.table(accounts.map((a) => ({ username: a.username, password: a.password, role: a.role, name: a.name })));
        return 0;
      }
      case 'backup': {
        const file = args[0];
        if (!file) {
          console.error('Usage: carebridge backup <file>');
          return 2;
        }
        if (!db.sqlite) {
          console.error('This database is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=carebridge.dump "$DATABASE_URL"');
          return 1;
        }
        await db.sqlite.backup(file, {
          progress: ({ totalPages, remainingPages }) => {
            process.stdout.write(`\rBackup ${Math.round(((totalPages - remainingPages) / Math.max(totalPages, 1)) * 100)}%`);
            return 200;
          },
        });
        console.log(`\nBacked up to ${file}`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) console.error(`${translate('zh-CN', `errors.${err.code}`)} / ${translate('en-US', `errors.${err.code}`)}`);
    else console.error((err as Error).message ?? String(err));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
