import { newId } from '@carebridge/db';
import { seedCamp, solveCamp } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { rng } from './demo-children.ts';

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The rest of a school's year for the demo: monthly discussion meetings with attendance, a
 * safety-education lesson, a guardian meeting coming up, an essay contest, a closed incident in the
 * first school, and the seed's summer camp with volunteer1 as its volunteer leader.
 */
export async function seedDemoWork(tx: Tx, now: Date): Promise<{ activities: number; camps: number }> {
  const r = rng(777);
  const ts = now.toISOString();
  const today = shanghaiDate(now);
  const schools = await tx.selectFrom('schools').select(['id', 'name']).orderBy('name').execute();
  let activities = 0;
  for (const [si, s] of schools.entries()) {
    const leader = await tx
      .selectFrom('role_assignments')
      .select('user_id')
      .where('role', '=', 'school_leader')
      .where('scope_id', '=', s.id)
      .executeTakeFirst();
    const kids = await tx
      .selectFrom('children')
      .select(['id', 'name', 'class_id'])
      .where('school_id', '=', s.id)
      .where('status', '=', 'active')
      .where('left_behind_type', '!=', 'none')
      .orderBy('name_pinyin')
      .execute();
    const activity = (kind: string, title: string, date: string, extra: Record<string, unknown> = {}) => {
      activities++;
      return {
        id: newId(),
        school_id: s.id,
        kind,
        custom_kind: null,
        title,
        date,
        start_time: '15:30',
        end_time: '16:30',
        place: '学校会议室',
        organiser_id: leader?.user_id ?? null,
        organiser_name: null,
        target_scope: 'all',
        target_value: null,
        description: null,
        capacity: null,
        topics: '[]',
        status: date <= today ? 'done' : 'planned',
        outcome: date <= today ? '孩子们说出了心里话，老师逐一回应' : null,
        minutes: null,
        decisions: null,
        series_id: null,
        created_by: leader?.user_id ?? null,
        version: 1,
        created_at: ts,
        updated_at: ts,
        ...extra,
      };
    };
    const rows = [
      ...[-60, -30, -5].map((d) => activity('discussion', '留守儿童座谈会', addDays(today, d))),
      activity('safety_education', '冬季用电、燃气安全教育', addDays(today, -20), {
        topics: JSON.stringify(['electricity', 'gas']),
        outcome: '全体留守儿童参加，带回《致家长的一封信》',
      }),
      activity('guardian_meeting', '监护人（代理家长）培训会', addDays(today, 7), { target_scope: 'guardians', place: '多功能教室' }),
      activity('essay_contest', '“读一本好书”读后感征文', addDays(today, -12), { outcome: '收到作品 30 篇' }),
    ];
    await tx.insertInto('activities').values(rows).execute();
    const people = [];
    for (const a of rows.filter((x) => x.status === 'done' && x.kind !== 'essay_contest'))
      for (const k of kids)
        people.push({
          id: newId(),
          activity_id: a.id,
          school_id: s.id,
          child_id: k.id,
          name: k.name,
          person_kind: 'child',
          kind: `activity.${a.kind}`,
          date: a.date,
          present: r.chance(0.85) ? 1 : 0,
        });
    for (let i = 0; i < people.length; i += 300)
      await tx
        .insertInto('activity_people')
        .values(people.slice(i, i + 300))
        .execute();
    const contest = rows[rows.length - 1] as { id: string };
    const entries = kids.slice(0, 3).map((k, i) => ({
      id: newId(),
      activity_id: contest.id,
      child_id: k.id,
      title: ['我读《草房子》', '给远方妈妈的信', '《城南旧事》读后感'][i] as string,
      consent: i === 1 ? 0 : 1,
      text: i === 1 ? null : '读完这本书，我想起了在外打工的爸爸妈妈……',
      scores: JSON.stringify([{ judge: '语文组', score: 90 - i * 4 }]),
      award: ['一等奖', '二等奖', '三等奖'][i] as string,
      created_at: ts,
    }));
    if (entries.length) await tx.insertInto('contest_entries').values(entries).execute();
    // 安全工作责任制: each class teacher for the class, the moral-education office for the route to school.
    const classes = await tx
      .selectFrom('classes')
      .select(['id', 'name', 'head_teacher_id'])
      .where('school_id', '=', s.id)
      .where('head_teacher_id', 'is not', null)
      .execute();
    const moral = await tx
      .selectFrom('role_assignments')
      .select('user_id')
      .where('role', '=', 'moral_education')
      .where('scope_id', '=', s.id)
      .executeTakeFirst();
    const duty = (user: string, area: string, name: string, classId: string | null, note: string | null) => ({
      id: newId(),
      school_id: s.id,
      user_id: user,
      area,
      class_id: classId,
      name,
      note,
      version: 1,
      created_at: ts,
      updated_at: ts,
    });
    const duties = [
      ...classes.map((k) => duty(k.head_teacher_id as string, 'class', k.name, k.id, null)),
      ...(moral
        ? [
            duty(moral.user_id, 'route', '上下学路线（含渡口、公路）', null, '每天放学护送至路口'),
            duty(moral.user_id, 'boarding', '学生宿舍', null, '每晚查寝'),
          ]
        : []),
    ];
    if (duties.length) await tx.insertInto('safety_duties').values(duties).execute();
    if (si === 0 && kids[5] && leader) {
      const id = newId();
      await tx
        .insertInto('incidents')
        .values({
          id,
          school_id: s.id,
          kind: 'injury',
          severity: 'minor',
          occurred_at: new Date(`${addDays(today, -9)}T10:20:00+08:00`).toISOString(),
          place: '操场',
          description: '课间追跑时摔倒，膝盖擦伤',
          immediate_actions: '校医消毒包扎，班主任陪同',
          answers: '{}',
          situations: '[]',
          mandatory: 0,
          reporter_id: leader.user_id,
          reporter_name: '校领导',
          status: 'closed',
          closed_at: ts,
          version: 1,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      // Named as the case names a child when it is linked (incident-create.ts): its name and class of the day.
      const kid = kids[5];
      const klass = kid.class_id ? await tx.selectFrom('classes').select('name').where('id', '=', kid.class_id).executeTakeFirst() : undefined;
      await tx
        .insertInto('incident_children')
        .values({ incident_id: id, child_id: kid.id, school_id: s.id, child_name: kid.name, class_id: kid.class_id, class_name: klass?.name ?? null })
        .execute();
    }
  }

  // The seed's camp at the first school, solved, with volunteer1 leading the volunteers.
  const first = schools[0];
  const volunteer = await tx.selectFrom('users').select('id').where('username', '=', 'volunteer1').executeTakeFirst();
  let camps = 0;
  if (first && volunteer) {
    const input = seedCamp();
    const solved = solveCamp(input);
    const id = newId();
    const [startDate, endDate] = [input.days[0] as string, input.days[input.days.length - 1] as string];
    await tx
      .insertInto('camps')
      .values({
        id,
        school_id: first.id,
        title: '暑期支教夏令营',
        place: '石门村',
        start_date: startDate,
        end_date: endDate,
        windows: JSON.stringify(input.windows),
        unit_minutes: input.unitMinutes ?? 30,
        fixed_events: JSON.stringify(input.fixedEvents ?? []),
        max_lessons_in_row: input.options?.maxLessonsInRow ?? 3,
        groups: JSON.stringify(input.groups),
        sessions: JSON.stringify(input.sessions),
        timetable: JSON.stringify(solved.cells),
        solved_at: ts,
        created_by: volunteer.id,
        version: 1,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await tx
      .insertInto('camp_volunteers')
      .values(
        input.volunteers.map((v, i) => ({
          id: v.id,
          camp_id: id,
          user_id: i === 0 ? volunteer.id : null,
          name: v.name,
          phone: null,
          leader: i === 0 ? 1 : 0,
          session_ids: JSON.stringify(v.sessionIds),
          available: v.available ? JSON.stringify(v.available) : null,
          max_units: v.maxUnits ?? null,
          sort_order: i,
        })),
      )
      .execute();
    camps = 1;
  }
  return { activities, camps };
}
