import { type ChildTable, isForeignKeyViolation, newId } from '@carebridge/db';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChild, buildClass, buildSchool, buildSchoolWithStaff, buildTestApp, type TestApp } from '../../test/index.ts';

// A child's school and class must exist for as long as the child names them. SQLite declares foreign
// keys; PostgreSQL checks them with statement triggers (migration 20261204T0900). Both must refuse the
// same things, including when an insert and a delete of the parent race.

let app: TestApp;
let schoolId: string;
let classId: string;
let row: Insertable<ChildTable>;

/** A copy of the stored child with a new id and the given changes. */
const child = (changes: Partial<Insertable<ChildTable>> = {}): Insertable<ChildTable> => ({ ...row, id: newId(), ...changes });

async function rejection(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the statement should have failed').toBeDefined();
  return err;
}

beforeAll(async () => {
  app = await buildTestApp();
  const s = await buildSchoolWithStaff(app);
  schoolId = s.school.id;
  classId = s.klass.id;
  const c = await buildChild(app, { schoolId, classId });
  row = (await app.ctx.db.selectFrom('children').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow()) as Insertable<ChildTable>;
});

afterAll(async () => {
  await app.close();
});

describe("a child's school and class", () => {
  it('are checked on insert, for every row of a many-row insert', async () => {
    const { db } = app.ctx;
    const other = await buildClass(app, { schoolId });
    const good = [child(), child({ class_id: other.id }), child({ class_id: null })];
    await db.insertInto('children').values(good).execute();
    expect(
      isForeignKeyViolation(
        await rejection(
          db
            .insertInto('children')
            .values(child({ school_id: newId() }))
            .execute(),
        ),
      ),
    ).toBe(true);
    expect(
      isForeignKeyViolation(
        await rejection(
          db
            .insertInto('children')
            .values(child({ class_id: newId() }))
            .execute(),
        ),
      ),
    ).toBe(true);
    // One bad row among good ones fails the statement, and none of its rows stays.
    const batch = [child(), child({ class_id: newId() }), child()];
    expect(isForeignKeyViolation(await rejection(db.insertInto('children').values(batch).execute()))).toBe(true);
    const kept = await db
      .selectFrom('children')
      .select('id')
      .where(
        'id',
        'in',
        batch.map((b) => b.id),
      )
      .execute();
    expect(kept).toEqual([]);
  });

  it('are checked when an update changes them, not when it leaves them alone', async () => {
    const { db } = app.ctx;
    const c = child();
    await db.insertInto('children').values(c).execute();
    const update = (set: Record<string, unknown>) =>
      db
        .updateTable('children')
        .set(set as never)
        .where('id', '=', c.id)
        .execute();
    expect(isForeignKeyViolation(await rejection(update({ class_id: newId() })))).toBe(true);
    expect(isForeignKeyViolation(await rejection(update({ school_id: newId() })))).toBe(true);
    await update({ remarks: '改了备注' });
    await update({ class_id: null });
    await update({ class_id: classId });
    const after = await db.selectFrom('children').select(['class_id', 'remarks']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ class_id: classId, remarks: '改了备注' });
  });

  it('cannot be deleted while a child names them; an empty class can', async () => {
    const { db } = app.ctx;
    expect(isForeignKeyViolation(await rejection(db.deleteFrom('classes').where('id', '=', classId).execute()))).toBe(true);
    const empty = await buildClass(app, { schoolId });
    await db.deleteFrom('classes').where('id', '=', empty.id).execute();
    expect(await db.selectFrom('classes').select('id').where('id', '=', classId).execute()).toHaveLength(1);
    // A school named by nothing but one child (no class): refused until the child is gone.
    const school = await buildSchool(app);
    await db.deleteFrom('duties').where('school_id', '=', school.id).execute();
    const c = child({ school_id: school.id, class_id: null });
    await db.insertInto('children').values(c).execute();
    const removeSchool = () => db.deleteFrom('schools').where('id', '=', school.id).execute();
    expect(isForeignKeyViolation(await rejection(removeSchool()))).toBe(true);
    // Nor may its id change under the child.
    expect(isForeignKeyViolation(await rejection(db.updateTable('schools').set({ id: newId() }).where('id', '=', school.id).execute()))).toBe(true);
    await db.deleteFrom('children').where('id', '=', c.id).execute();
    await removeSchool();
  });

  it('hold when an insert and a delete of its class race, whichever starts first', async () => {
    const { db } = app.ctx;
    for (const first of ['insert', 'delete'] as const) {
      const klass = await buildClass(app, { schoolId });
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let started: () => void = () => undefined;
      const begun = new Promise<void>((r) => {
        started = r;
      });
      const insert = (tx: typeof db) =>
        tx
          .insertInto('children')
          .values(child({ class_id: klass.id }))
          .execute();
      const remove = (tx: typeof db) => tx.deleteFrom('classes').where('id', '=', klass.id).execute();
      // The first transaction writes, then waits for the second to have started its statement.
      const held = db.transaction().execute(async (tx) => {
        await (first === 'insert' ? insert(tx) : remove(tx));
        started();
        await gate;
      });
      await begun;
      const second = db.transaction().execute(async (tx) => {
        await (first === 'insert' ? remove(tx) : insert(tx));
      });
      second.catch(() => undefined);
      // On PostgreSQL the second statement now waits for the first's row lock; on SQLite for the connection.
      await new Promise((r) => setTimeout(r, 100));
      release();
      await held;
      expect(isForeignKeyViolation(await rejection(second)), `${first} first`).toBe(true);
      const children = await db.selectFrom('children').select('id').where('class_id', '=', klass.id).execute();
      const classes = await db.selectFrom('classes').select('id').where('id', '=', klass.id).execute();
      expect({ children: children.length, classes: classes.length }).toEqual(first === 'insert' ? { children: 1, classes: 1 } : { children: 0, classes: 0 });
    }
  });
});
