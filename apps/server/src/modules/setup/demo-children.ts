import { newId } from '@carebridge/db';
import { type ChildValues, makeIdNumber } from '@carebridge/shared';
import type { Auth } from '../../access/auth.ts';
import type { Tx } from '../../context.ts';
import { diffValues } from '../children/child.mapper.ts';
import type { ChildService } from '../children/child.service.ts';

/** A small seeded generator (mulberry32): the same seed gives the same county every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '谢',
  '唐',
  '邓',
  '冯',
  '曾',
  '彭',
  '蒋',
  '蔡',
  '余',
  '杜',
];
const BOY = ['浩然', '子轩', '宇航', '俊杰', '明轩', '家豪', '文博', '志远', '天佑', '小虎', '一鸣', '思源', '嘉乐', '雨泽', '梓豪', '国庆', '小龙', '建峰'];
const GIRL = ['欣怡', '梓涵', '雨婷', '思雨', '佳怡', '紫萱', '晓雪', '诗涵', '梦瑶', '可欣', '小红', '春燕', '雅琪', '语嫣', '丽萍', '婉清', '芳芳', '小雨'];
const ELDER_M = ['德贵', '长福', '国才', '正明', '开荣', '永清', '绍华', '明全'];
const ELDER_F = ['桂兰', '秀珍', '玉英', '淑华', '翠花', '素芬', '凤英', '金莲'];
const ADULT_M = ['建军', '海涛', '志刚', '永强', '红兵', '勇', '伟', '强', '斌', '军'];
const ADULT_F = ['丽', '芳', '燕', '霞', '娟', '艳', '敏', '琴', '梅', '玲'];
const WORK: [string, string, string][] = [
  ['广东省', '东莞市', '长安镇电子厂'],
  ['广东省', '深圳市', '宝安区建筑工地'],
  ['广东省', '广州市', '白云区服装厂'],
  ['浙江省', '宁波市', '北仑区模具厂'],
  ['浙江省', '义乌市', '小商品物流园'],
  ['福建省', '晋江市', '鞋厂'],
  ['江苏省', '苏州市', '工业园区电子厂'],
  ['上海市', '上海市', '闵行区快递站'],
  ['四川省', '成都市', '双流区餐馆'],
  ['新疆维吾尔自治区', '乌鲁木齐市', '建筑工地'],
];
const JOBS = ['工厂工人', '建筑工人', '快递员', '餐馆服务员', '电焊工', '保安', '货车司机', '家政服务'];
const VILLAGES = ['石桥村', '青山村', '河坝村', '龙井村', '柏树村', '新华村', '团结村', '马鞍村'];
const PSYCH_NOTES = ['性格内向，想念父母，不爱说话', '与同学偶有冲突，情绪波动较大', '父母离异后情绪低落', '上课注意力不集中，常发呆'];
const STUDY_NOTES = ['数学基础薄弱，作业常不能按时完成', '语文阅读能力较差', '成绩下滑明显'];
const LIFE_NOTES = ['祖母年迈体弱，一日三餐不规律', '家庭经济困难，冬衣不足', '住房为老旧土坯房'];

const pad = (n: number) => String(n).padStart(2, '0');

export interface DemoChildPlace {
  schoolId: string;
  classId: string;
  grade: number;
  /** 6-digit area code for ID numbers. */
  area: string;
  /** Boarding mix: junior schools board, village schools lodge with hosts more often. */
  kind: 'primary' | 'junior' | 'village';
  /** The start of the school year the grade is counted from (YYYY). */
  year: number;
}

/**
 * One realistic left-behind child: grandparents care for 9 in 10, both parents away for about
 * half, a share of children with incomplete data, concerns and key support. Pure and seeded.
 */
export function demoChild(r: Rng, place: DemoChildPlace, seq: number): ChildValues {
  const gender = r.chance(0.52) ? 'male' : 'female';
  const surname = r.pick(SURNAMES);
  const name = surname + r.pick(gender === 'male' ? BOY : GIRL);
  // Grade 1 in September of `year` means born between September year-7 and August year-6; some
  // children (a late start, a year repeated) are a year older than their grade, none younger.
  const birthYear = place.year - place.grade - 6 - (r.chance(0.7) ? 0 : 1);
  const month = r.int(1, 12);
  const born = `${month >= 9 ? birthYear : birthYear + 1}-${pad(month)}-${pad(r.int(1, 28))}`;
  const village = r.pick(VILLAGES);
  const address = `${village}${r.int(1, 9)}组${r.int(1, 60)}号`;
  const pattern = r.next();
  const fatherStatus = pattern < 0.5 ? 'away' : pattern < 0.8 ? 'away' : pattern < 0.93 ? 'home' : r.chance(0.5) ? 'deceased' : 'home_incapable';
  const motherStatus = pattern < 0.5 ? 'away' : pattern < 0.8 ? (r.chance(0.3) ? 'home_incapable' : 'home') : pattern < 0.93 ? 'away' : 'away';
  const relation = r.chance(0.9)
    ? r.chance(0.75)
      ? 'paternal_grandparents'
      : 'maternal_grandparents'
    : r.pick(['mother', 'father', 'other_relative'] as const);
  const effectiveRelation =
    relation === 'mother' && motherStatus === 'away'
      ? 'paternal_grandparents'
      : relation === 'father' && fatherStatus === 'away'
        ? 'paternal_grandparents'
        : relation;
  const elderAge = r.int(58, 78);
  const guardianName =
    effectiveRelation === 'paternal_grandparents' || effectiveRelation === 'maternal_grandparents'
      ? `${effectiveRelation === 'paternal_grandparents' ? surname : r.pick(SURNAMES)}${r.pick(ELDER_F)}`
      : `${surname}${r.pick(ADULT_F)}`;
  const incomplete = r.chance(0.15);
  const concern = r.next();
  const work = (s: string) => (s === 'away' ? r.pick(WORK) : null);
  const fw = work(fatherStatus);
  const mw = work(motherStatus);
  const boarding =
    place.kind === 'junior'
      ? r.chance(0.8)
        ? 'boarding'
        : 'day'
      : place.kind === 'village'
        ? r.chance(0.2)
          ? 'host'
          : 'day'
        : r.chance(0.1)
          ? 'host'
          : 'day';
  const level = (pBad: number) => (r.chance(pBad) ? (r.chance(0.3) ? 'serious' : 'attention') : r.chance(0.6) ? 'good' : 'fair');
  const psychologyLevel = level(concern < 0.25 ? 0.6 : 0.1);
  const studyLevel = level(0.2);
  const lifeLevel = level(0.12);
  const poor = r.chance(0.12);
  const health = r.chance(0.03) ? 'disabled' : r.chance(0.05) ? 'ill' : 'healthy';
  const phone = () => `1${r.pick(['3', '5', '8', '9'])}${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
  const awaySince = (s: string) => (s === 'away' ? `${r.int(2014, 2025)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : null);
  return {
    name,
    gender,
    ethnicity: r.chance(0.9) ? '汉族' : r.pick(['彝族', '藏族', '羌族']),
    birthDate: born,
    idNumber: r.chance(0.95) ? makeIdNumber(place.area, born, seq, gender) : null,
    hukouRegistered: true,
    hukouRural: r.chance(0.97),
    hukouPlace: `青山县${village}`,
    address,
    schoolId: place.schoolId,
    classId: place.classId,
    schooling: place.grade >= 7 ? 'junior' : 'primary',
    health,
    disabilityCategory: health === 'disabled' ? r.pick(['hearing', 'physical', 'intellectual', 'speech'] as const) : null,
    disabilityGrade: health === 'disabled' ? r.pick(['3', '4'] as const) : null,
    illness: health === 'ill' ? r.pick(['哮喘', '先天性心脏病', '癫痫']) : null,
    boarding,
    hostName: boarding === 'host' ? `${r.pick(SURNAMES)}${r.pick(ADULT_F)}` : null,
    hostPhone: boarding === 'host' ? phone() : null,
    hostAddress: boarding === 'host' ? `镇上${r.pick(['新街', '老街', '河边路'])}${r.int(1, 99)}号` : null,
    fatherName: `${surname}${r.pick(ADULT_M)}`,
    fatherBirthDate: `${birthYear - r.int(24, 34)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
    fatherIdNumber: null,
    fatherPhone: fatherStatus === 'deceased' || (incomplete && r.chance(0.5)) ? null : phone(),
    fatherStatus,
    fatherWorkProvince: fw?.[0] ?? null,
    fatherWorkCity: incomplete ? null : (fw?.[1] ?? null),
    fatherWorkAddress: fw?.[2] ?? null,
    fatherEmployer: fw ? r.pick(JOBS) : null,
    fatherAwaySince: awaySince(fatherStatus),
    fatherHomeFrequency: fatherStatus === 'away' ? r.pick(['yearly', 'yearly', 'half_yearly', 'quarterly', 'over_year'] as const) : null,
    motherName: `${r.pick(SURNAMES)}${r.pick(ADULT_F)}`,
    motherBirthDate: `${birthYear - r.int(22, 32)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
    motherIdNumber: null,
    motherPhone: incomplete && r.chance(0.5) ? null : phone(),
    motherStatus,
    motherWorkProvince: mw?.[0] ?? null,
    motherWorkCity: mw?.[1] ?? null,
    motherWorkAddress: mw?.[2] ?? null,
    motherEmployer: mw ? r.pick(JOBS) : null,
    motherAwaySince: awaySince(motherStatus),
    motherHomeFrequency: motherStatus === 'away' ? r.pick(['yearly', 'half_yearly', 'quarterly'] as const) : null,
    leftBehindReason: fatherStatus === 'deceased' ? '父亲去世，母亲外出务工维持生计' : '父母外出务工',
    paternalGrandfatherName: `${surname}${r.pick(ELDER_M)}`,
    paternalGrandfatherBirthDate: `${birthYear - elderAge + 10}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
    paternalGrandmotherName: `${r.pick(SURNAMES)}${r.pick(ELDER_F)}`,
    paternalGrandmotherBirthDate: null,
    maternalGrandfatherName: null,
    maternalGrandfatherBirthDate: null,
    maternalGrandmotherName: null,
    maternalGrandmotherBirthDate: null,
    guardianRelation: effectiveRelation,
    guardianName,
    guardianPhone: incomplete && r.chance(0.4) ? null : phone(),
    guardianIdNumber: null,
    guardianAge: effectiveRelation.endsWith('grandparents') ? elderAge : r.int(30, 50),
    guardianHealth: r.pick(['healthy', 'fair', 'fair', 'poor'] as const),
    guardianEducation: effectiveRelation.endsWith('grandparents') ? r.pick(['none', 'primary', 'primary'] as const) : r.pick(['primary', 'junior'] as const),
    guardianAddress: incomplete && r.chance(0.3) ? null : address,
    guardianEntrusted: r.chance(0.7),
    custodyQuality: r.chance(0.08) ? 'guardian_insufficient' : r.chance(0.5) ? 'fair' : 'good',
    incomeSources: poor ? ['migrant_work', 'government_aid'] : r.chance(0.4) ? ['migrant_work', 'farming'] : ['migrant_work'],
    assistance: poor ? ['dibao'] : [],
    studyLevel: incomplete && r.chance(0.5) ? null : studyLevel,
    studyNote: studyLevel === 'attention' || studyLevel === 'serious' ? r.pick(STUDY_NOTES) : null,
    psychologyLevel,
    psychologyNote: psychologyLevel === 'attention' || psychologyLevel === 'serious' ? r.pick(PSYCH_NOTES) : null,
    safetyLevel: r.chance(0.05) ? 'attention' : 'good',
    safetyNote: null,
    conductLevel: r.chance(0.08) ? 'attention' : r.chance(0.5) ? 'good' : 'fair',
    conductNote: null,
    lifeLevel,
    lifeNote: lifeLevel === 'attention' || lifeLevel === 'serious' ? r.pick(LIFE_NOTES) : null,
    keySupport: psychologyLevel === 'serious' || lifeLevel === 'serious' || (poor && r.chance(0.5)),
    remarks: null,
  } as ChildValues;
}

/** About one pupil in five of every class of the demo county is left behind. */
export async function seedDemoChildren(tx: Tx, children: ChildService, auth: Auth, now: Date): Promise<number> {
  const r = rng(20261128);
  const classes = await tx
    .selectFrom('classes as k')
    .innerJoin('schools as s', 's.id', 'k.school_id')
    .select(['k.id', 'k.school_id', 'k.grade', 'k.pupil_count', 's.name as school_name', 's.kind'])
    .orderBy('s.code')
    .orderBy('k.grade')
    .orderBy('k.name')
    .execute();
  const ts = now.toISOString();
  const year = Number(ts.slice(0, 4)) - (Number(ts.slice(5, 7)) < 9 ? 1 : 0);
  const created = `${year - 1}-09-01T01:00:00.000Z`;
  const rows = [];
  const history = [];
  let seq = 0;
  for (const k of classes) {
    const kind = k.kind === 'junior' ? 'junior' : k.school_name.includes('村') ? 'village' : 'primary';
    const count = Math.round(k.pupil_count * (0.16 + r.next() * 0.1));
    for (let i = 0; i < count; i++) {
      const values = demoChild(r, { schoolId: k.school_id, classId: k.id, grade: k.grade, area: '511021', kind, year }, seq++);
      const id = newId();
      // In the archive since the start of last school year, when the demo's records begin: created then
      // (09:00 Beijing time), so that the timeline agrees with 建档 456 天 in the risk reasons.
      rows.push({ ...children.newRow(auth, id, values, created), entered_on: `${year - 1}-09-01` });
      history.push(children.historyRow(auth, id, k.school_id, 'create', null, diffValues({}, values), created));
    }
  }
  for (let i = 0; i < rows.length; i += 100)
    await tx
      .insertInto('children')
      .values(rows.slice(i, i + 100) as never)
      .execute();
  for (let i = 0; i < history.length; i += 200)
    await tx
      .insertInto('child_history')
      .values(history.slice(i, i + 200))
      .execute();
  return rows.length;
}
