import { newId } from '@carebridge/db';
import { DEFAULT_DUTIES, type Role, type SchoolKind, translate } from '@carebridge/shared';
import type { Tx } from '../../context.ts';
import { hashPassword } from '../auth/password.ts';
import type { UserService } from '../users/users.service.ts';

/** Every demo account signs in with this password (shown on the first-run page). */
export const DEMO_PASSWORD = 'Demo2026';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '林'];
const GIVEN = [
  '建国',
  '秀英',
  '海燕',
  '志强',
  '丽娟',
  '文斌',
  '春梅',
  '德明',
  '晓红',
  '永刚',
  '玉兰',
  '国华',
  '红霞',
  '俊杰',
  '淑芬',
  '明辉',
  '小燕',
  '立新',
  '桂花',
  '学军',
];

interface DemoSchoolSpec {
  key: string;
  name: string;
  kind: SchoolKind;
  grades: number[];
  classesPerGrade: number;
  township: 0 | 1;
}

const SCHOOLS: DemoSchoolSpec[] = [
  { key: 'czx', name: '青山县城关镇中心小学', kind: 'primary', grades: [1, 2, 3, 4, 5, 6], classesPerGrade: 2, township: 0 },
  { key: 'ez', name: '青山县第二中学', kind: 'junior', grades: [7, 8, 9], classesPerGrade: 2, township: 0 },
  { key: 'sq', name: '石桥镇石桥村小学', kind: 'primary', grades: [1, 2, 3, 4, 5, 6], classesPerGrade: 1, township: 1 },
];

const GRADE_CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  name: string;
  schoolId?: string;
  classId?: string;
  regionId?: string;
}

/**
 * A demo county: province › city › county › two townships, three schools with terms, classes and
 * staff of every role, and each school's care organisation. Later modules add children and records.
 */
export async function seedDemoCounty(tx: Tx, users: UserService, now: Date): Promise<{ countyId: string; accounts: DemoAccount[] }> {
  const ts = now.toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let n = 0;
  // Surname and given name both cycle through 20, so the given name moves on by one more every
  // round of surnames: 400 distinct names before any repeats.
  const personName = () => {
    const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7 + 3 + Math.floor(n / SURNAMES.length)) % GIVEN.length]}`;
    n++;
    return name;
  };

  const region = async (name: string, level: string, parent: { id: string; path: string } | null, code: string) => {
    const id = newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    await tx
      .insertInto('regions')
      .values({ id, parent_id: parent?.id ?? null, level, name, code, path, version: 1, created_at: ts, updated_at: ts })
      .execute();
    return { id, path };
  };
  const province = await region('示例省', 'province', null, '510000');
  const city = await region('示例市', 'city', province, '511000');
  const county = await region('青山县', 'county', city, '511021');
  const townships = [await region('城关镇', 'township', county, '511021100'), await region('石桥镇', 'township', county, '511021101')];

  const accounts: DemoAccount[] = [];
  const addUser = async (
    username: string,
    role: Role,
    scope: { kind: 'global' | 'region' | 'school' | 'class'; id: string | null; schoolId: string | null; regionPath: string | null },
    listed: Partial<DemoAccount> | null,
  ) => {
    const name = personName();
    // A mobile number of their own (the contact card gives families the mentor's).
    const phone = `139${String(20_260_000 + n * 7_919).slice(-8)}`;
    const id = await users.createUnchecked(tx, { username, name, passwordHash, phone }, [
      { role, scope_kind: scope.kind, scope_id: scope.id, school_id: scope.schoolId, region_path: scope.regionPath },
    ]);
    if (listed) accounts.push({ username, password: DEMO_PASSWORD, role, name, ...listed });
    return { id, name };
  };

  await addUser('admin', 'system_admin', { kind: 'global', id: null, schoolId: null, regionPath: null }, {});
  await addUser('bureau', 'bureau_officer', { kind: 'region', id: county.id, schoolId: null, regionPath: county.path }, { regionId: county.id });

  for (const [si, spec] of SCHOOLS.entries()) {
    const t = townships[spec.township] as { id: string; path: string };
    const schoolId = newId();
    await tx
      .insertInto('schools')
      .values({
        id: schoolId,
        region_id: t.id,
        region_path: t.path,
        name: spec.name,
        code: `Q${si + 1}`,
        kind: spec.kind,
        address: `青山县${spec.name.slice(3, 6)}`,
        phone: `0838-66${si}1234`,
        version: 1,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await tx
      .insertInto('terms')
      .values([
        {
          id: newId(),
          school_id: schoolId,
          academic_year: '2025-2026',
          semester: 2,
          start_date: '2026-02-24',
          end_date: '2026-07-10',
          version: 1,
          created_at: ts,
          updated_at: ts,
        },
        {
          id: newId(),
          school_id: schoolId,
          academic_year: '2026-2027',
          semester: 1,
          start_date: '2026-09-01',
          end_date: '2027-01-22',
          version: 1,
          created_at: ts,
          updated_at: ts,
        },
      ])
      .execute();
    const school = { kind: 'school' as const, id: schoolId, schoolId, regionPath: t.path };
    const first = si === 0;
    const leader = await addUser(`leader${si + 1}`, 'school_leader', school, { schoolId });
    const moral = await addUser(`moral${si + 1}`, 'moral_education', school, first ? { schoolId } : null);
    const counsellor = await addUser(`counsellor${si + 1}`, 'counsellor', school, first ? { schoolId } : null);
    const mentors = [];
    for (let m = 1; m <= 4; m++) mentors.push(await addUser(`mentor${si + 1}${m}`, 'mentor', school, first && m === 1 ? { schoolId } : null));
    if (first) await addUser('volunteer1', 'volunteer', school, { schoolId });

    let classIndex = 0;
    for (const grade of spec.grades) {
      for (let c = 1; c <= spec.classesPerGrade; c++) {
        const classId = newId();
        const teacherUsername = `teacher${si + 1}${String(++classIndex).padStart(2, '0')}`;
        const name = `${GRADE_CN[grade] ?? grade}年级${c}班`;
        const teacher = await addUser(teacherUsername, 'class_teacher', { kind: 'class', id: classId, schoolId, regionPath: t.path }, null);
        await tx
          .insertInto('classes')
          .values({
            id: classId,
            school_id: schoolId,
            grade,
            name,
            head_teacher_id: teacher.id,
            pupil_count: 38 + ((grade * 7 + c * 5) % 12),
            active: 1,
            version: 1,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
        if (first && classIndex === 1)
          accounts.push({ username: teacherUsername, password: DEMO_PASSWORD, role: 'class_teacher', name: teacher.name, schoolId, classId });
      }
    }

    await tx
      .insertInto('leadership_members')
      .values([
        {
          id: newId(),
          school_id: schoolId,
          user_id: leader.id,
          name: leader.name,
          position: 'leader',
          title: '校长',
          sort_order: 0,
          version: 1,
          created_at: ts,
          updated_at: ts,
        },
        {
          id: newId(),
          school_id: schoolId,
          user_id: moral.id,
          name: moral.name,
          position: 'deputy',
          title: '政教主任',
          sort_order: 1,
          version: 1,
          created_at: ts,
          updated_at: ts,
        },
        {
          id: newId(),
          school_id: schoolId,
          user_id: counsellor.id,
          name: counsellor.name,
          position: 'member',
          title: '心理健康教师',
          sort_order: 2,
          version: 1,
          created_at: ts,
          updated_at: ts,
        },
        ...mentors.slice(0, 2).map((m, i) => ({
          id: newId(),
          school_id: schoolId,
          user_id: m.id,
          name: m.name,
          position: 'service',
          title: '代理家长服务队',
          sort_order: 3 + i,
          version: 1,
          created_at: ts,
          updated_at: ts,
        })),
      ])
      .execute();
    await tx
      .insertInto('duties')
      .values(
        DEFAULT_DUTIES.map((d, i) => ({
          id: newId(),
          school_id: schoolId,
          office: d.office,
          duty: translate('zh-CN', `duties.${d.dutyKey}`),
          user_id: d.office === 'political_education' ? moral.id : null,
          sort_order: i,
          version: 1,
          created_at: ts,
          updated_at: ts,
        })),
      )
      .execute();
  }
  return { countyId: county.id, accounts };
}
