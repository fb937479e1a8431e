import { newId } from '@carebridge/db';
import type { App } from '../../apps/server/src/app.ts';
import { careRecordRow } from './record-row.ts';
import { BENCH_TODAY } from './seed.ts';

/**
 * A talk with some children written straight into the tables, as imports, scripts and bulk loads
 * write (no service, no audit): the change stamps' triggers must see it all the same. Returns the
 * record's id.
 */
export async function writeTalk(db: App['ctx']['db'], schoolId: string, childIds: readonly string[], date: string, author = 'bench'): Promise<string> {
  const id = newId();
  const ts = BENCH_TODAY.toISOString();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('care_records')
      .values(careRecordRow({ id, schoolId, kind: 'talk', date, authorId: null, authorName: author, summary: '谈心', details: '{}', ts }))
      .execute();
    await tx
      .insertInto('care_record_children')
      .values(childIds.map((child_id) => ({ record_id: id, child_id, school_id: schoolId, kind: 'talk', date })))
      .execute();
  });
  return id;
}
