import { newId } from '@carebridge/db';
import type { Tx } from '../../context.ts';
import { shanghaiDate } from '../../lib/dates.ts';
import { suggestPairings } from '../mentoring/suggest.ts';
import { type Rng, rng } from './demo-children.ts';

const TALKS = [
  '课间和孩子聊了聊最近的学习，孩子说数学应用题有点难，约好每周二放学后一起做两道。',
  '孩子说想妈妈了，陪他聊了妈妈打工的城市，鼓励他周末给妈妈打个视频电话。',
  '聊了和同学闹矛盾的事，帮他分析了原因，第二天两人已和好。',
  '孩子情绪不错，说爷爷最近身体好些了，自己会帮忙做饭。',
  '孩子鞋子破了不好意思说，联系学校给换了一双新运动鞋。',
  '孩子作业本用完了，送了两本作业本和一支钢笔。',
  '问了孩子的睡眠和吃饭情况，提醒奶奶晚上别让孩子看太久手机。',
  '孩子这次单元测验进步明显，当面表扬了他，孩子很开心。',
  '孩子说晚上一个人写作业有点怕黑，和奶奶商量把台灯挪到堂屋。',
];
const CALLS = ['在学校亲情电话室和妈妈视频通话，孩子把奖状给妈妈看了。', '帮孩子给爸爸打电话，爸爸答应春节回家。', '和父母视频，父母询问了孩子的期中成绩。'];
const VISITS = [
  '到家中走访，奶奶身体尚可，家里收拾得干净，孩子有固定写作业的地方。',
  '家访时爷爷反映孩子放学后爱去河边玩，一起叮嘱了防溺水安全。',
  '期末家访，和奶奶沟通寒假安排，留下了班主任电话。',
];
const PROBLEMS = ['缺少学习用品', '想念父母', '与同学有矛盾', '作业拖拉', null, null];
const HELP = ['送了作业本和文具', '陪他给妈妈打视频电话', '约好每周辅导一次数学', null, null];

const pad = (n: number) => String(n).padStart(2, '0');

/** (year, month) from September last year to this month, without February, July and August (holidays). */
function schoolMonths(year: number, month: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < 24; i++) {
    const y = year - 1 + Math.floor((8 + i) / 12);
    const m = ((8 + i) % 12) + 1;
    if (y > year || (y === year && m > month)) break;
    if (m !== 2 && m !== 7 && m !== 8) out.push([y, m]);
  }
  return out;
}

function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayIn(r: Rng, year: number, month: number, maxDay: number) {
  return `${year}-${pad(month)}-${pad(r.int(1, maxDay))}`;
}

/**
 * A year of care in the demo county: class teachers are mentors too; key-support children are
 * paired first; mentors log talks, calls, home visits and help with a plausible mix of diligence
 * (some every month, some falling behind), and counsellors see the children who need them.
 */
export async function seedDemoCare(tx: Tx, now: Date): Promise<{ pairings: number; records: number }> {
  const r = rng(4242);
  const ts = now.toISOString();
  // Written on its day at 18:00 Beijing time, or now for one of today's (never in the future).
  const writtenAt = (date: string) => (`${date}T10:00:00.000Z` < ts ? `${date}T10:00:00.000Z` : ts);
  const today = shanghaiDate(now);
  // Class teachers and the leaders take children too; the demo schools allow five per mentor.
  const teachers = [
    ...(await tx.selectFrom('classes').select(['head_teacher_id', 'school_id']).where('head_teacher_id', 'is not', null).execute()),
    ...(await tx
      .selectFrom('role_assignments')
      .select(['user_id as head_teacher_id', 'scope_id as school_id'])
      .where('role', 'in', ['school_leader', 'moral_education'])
      .execute()),
  ].filter((t): t is { head_teacher_id: string; school_id: string } => !!t.head_teacher_id && !!t.school_id);
  await tx.updateTable('schools').set({ mentor_limit: 5 }).execute();
  const schools = await tx.selectFrom('schools').select(['id', 'region_path', 'mentor_limit']).execute();
  const pathOf = new Map(schools.map((s) => [s.id, s.region_path]));
  for (const t of teachers) {
    await tx
      .insertInto('role_assignments')
      .values({
        id: newId(),
        user_id: t.head_teacher_id as string,
        role: 'mentor',
        scope_kind: 'school',
        scope_id: t.school_id,
        school_id: t.school_id,
        region_path: pathOf.get(t.school_id) ?? null,
        created_at: ts,
      })
      .execute();
  }
  const start = `${Number(today.slice(0, 4)) - 1}-09-01`;
  let pairings = 0;
  let records = 0;
  for (const school of schools) {
    const mentors = await tx
      .selectFrom('role_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['u.id', 'u.name'])
      .where('a.role', '=', 'mentor')
      .where('a.scope_id', '=', school.id)
      .orderBy('u.username')
      .execute();
    const kids = await tx
      .selectFrom('children as c')
      .leftJoin('classes as k', 'k.id', 'c.class_id')
      .select(['c.id', 'c.name', 'c.name_pinyin', 'c.class_id', 'k.name as class_name', 'k.grade', 'c.key_support', 'c.psychology_level'])
      .where('c.school_id', '=', school.id)
      .execute();
    const classes = await tx.selectFrom('classes').select(['id', 'head_teacher_id']).where('school_id', '=', school.id).execute();
    const plan = suggestPairings(
      kids.map((k) => ({
        id: k.id,
        name: k.name,
        pinyin: k.name_pinyin,
        classId: k.class_id,
        className: k.class_name,
        grade: k.grade,
        keySupport: k.key_support === 1,
      })),
      mentors.map((m) => ({ id: m.id, name: m.name, count: 0 })),
      new Map(classes.filter((k) => k.head_teacher_id).map((k) => [k.id, k.head_teacher_id as string])),
      school.mentor_limit,
    );
    const mentorName = new Map(mentors.map((m) => [m.id, m.name]));
    // Diligence per mentor: most keep the monthly talk, some fall behind.
    const diligence = new Map(mentors.map((m) => [m.id, r.pick([0.95, 0.9, 0.8, 0.6, 0.35])]));
    const pairingRows = [];
    const recordRows = [];
    const links = [];
    for (const p of plan.items) {
      pairingRows.push({
        id: newId(),
        school_id: school.id,
        child_id: p.childId,
        mentor_id: p.mentorId,
        term_id: null,
        start_date: start,
        end_date: null,
        note: null,
        end_reason: null,
        created_by: null,
        version: 1,
        created_at: ts,
        updated_at: ts,
      });
      const d = diligence.get(p.mentorId) ?? 0.8;
      const add = (
        kind: string,
        date: string,
        summary: string,
        details: Record<string, unknown>,
        extra: Partial<{ follow: string | null; author: string; authorName: string; confidential: boolean }> = {},
      ) => {
        if (date > today) return;
        const id = newId();
        recordRows.push({
          id,
          school_id: school.id,
          kind,
          date,
          author_id: extra.author ?? p.mentorId,
          author_name: extra.authorName ?? mentorName.get(p.mentorId) ?? null,
          participants: null,
          summary,
          details: JSON.stringify(details),
          confidential: extra.confidential ? 1 : 0,
          follow_up_needed: extra.follow ? 1 : 0,
          follow_up_date: extra.follow ?? null,
          // Old follow-ups are done; a few recent ones are still open.
          follow_up_done: extra.follow && (extra.follow < addDays(today, -30) || (extra.follow < today && r.chance(0.6))) ? 1 : 0,
          deleted_at: null,
          deleted_by: null,
          version: 1,
          created_at: writtenAt(date),
          updated_at: writtenAt(date),
        });
        links.push({ record_id: id, child_id: p.childId, school_id: school.id, kind, date });
      };
      // Months from September last year to this month, skipping the holidays (February, July, August).
      const [ty, tm] = today.split('-').map(Number) as [number, number];
      for (const [y, m] of schoolMonths(ty, tm)) {
        // This month's work as far as it has got: a day of the month each, those after today not yet done
        // (on the 1st a month's records all falling on today made 1 December look half done).
        const maxDay = 28;
        // Behind mentors slip more in recent months.
        const recent = y === ty && m >= tm - 1;
        if (r.chance(recent ? d * d : d)) {
          const problem = r.pick(PROBLEMS);
          const date = dayIn(r, y, m, maxDay);
          const follow = problem && r.chance(0.4) ? addDays(date, 7) : null;
          const details = {
            topics: [r.pick(['study', 'family', 'friends', 'feelings'] as const)],
            mood: r.pick(['happy', 'calm', 'sad', 'anxious'] as const),
            problem,
            help: r.pick(HELP),
          };
          add('talk', date, r.pick(TALKS), details, { follow });
        }
        if (r.chance(d * 0.8))
          add('family_call', dayIn(r, y, m, maxDay), r.pick(CALLS), {
            mode: r.pick(['phone', 'video'] as const),
            withWhom: r.pick(['mother', 'father', 'both'] as const),
            minutes: r.int(5, 25),
          });
        if ((m === 9 || m === 11 || m === 1 || m === 3 || m === 5 || m === 6) && r.chance(d * 0.7))
          add('home_visit', dayIn(r, y, m, maxDay), r.pick(VISITS), {
            termPoint: m === 9 || m === 3 ? 'start' : m === 11 || m === 5 ? 'middle' : 'end',
            present: '祖父母、孩子',
            guardianCapacity: r.pick(['good', 'fair', 'weak'] as const),
          });
        if (r.chance(0.15)) add('tutoring', dayIn(r, y, m, maxDay), '放学后辅导数学作业，讲解了两道应用题。', { subject: r.pick(['数学', '语文', '英语']) });
        if (r.chance(0.04))
          add('material_aid', dayIn(r, y, m, maxDay), '送去冬衣一件和学习用品。', { item: '冬衣、文具', value: r.int(50, 300), source: '学校爱心基金' });
      }
    }
    // Counsellors see the children whose psychology needs attention.
    const counsellor = await tx
      .selectFrom('role_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['u.id', 'u.name'])
      .where('a.role', '=', 'counsellor')
      .where('a.scope_id', '=', school.id)
      .executeTakeFirst();
    if (counsellor)
      for (const k of kids.filter((k) => k.psychology_level === 'serious' || k.psychology_level === 'attention')) {
        const id = newId();
        // A session in the last six weeks, with the talk two weeks later it agreed on: done where that
        // day is well past, still to come or open for the most recent.
        const date = addDays(today, -r.int(1, 42));
        const follow = addDays(date, 14);
        recordRows.push({
          id,
          school_id: school.id,
          kind: 'counselling',
          date,
          author_id: counsellor.id,
          author_name: counsellor.name,
          participants: null,
          summary: '个别心理辅导：倾听孩子对父母外出的感受，用绘画表达情绪，约定两周后再谈。',
          details: JSON.stringify({ issue: '思念父母、情绪低落', approach: '倾听、绘画表达' }),
          confidential: 1,
          follow_up_needed: 1,
          follow_up_date: follow,
          follow_up_done: follow < addDays(today, -7) || (follow < today && r.chance(0.5)) ? 1 : 0,
          deleted_at: null,
          deleted_by: null,
          version: 1,
          created_at: writtenAt(date),
          updated_at: writtenAt(date),
        });
        links.push({ record_id: id, child_id: k.id, school_id: school.id, kind: 'counselling', date });
      }
    for (let i = 0; i < pairingRows.length; i += 200)
      await tx
        .insertInto('pairings')
        .values(pairingRows.slice(i, i + 200))
        .execute();
    for (let i = 0; i < recordRows.length; i += 200)
      await tx
        .insertInto('care_records')
        .values(recordRows.slice(i, i + 200))
        .execute();
    for (let i = 0; i < links.length; i += 500)
      await tx
        .insertInto('care_record_children')
        .values(links.slice(i, i + 500))
        .execute();
    pairings += pairingRows.length;
    records += recordRows.length;
  }
  return { pairings, records };
}
