import type { CampInput, CampSession, CampVolunteer, DatedSpan } from './types.ts';

/**
 * The seed plan: a 4-day 支教夏令营 in a village, 2026-07-28 to 07-31, mornings 09:00-11:30 and
 * afternoons 14:30-17:30 in 30-minute units (11 a day, 44 in all), six age groups, English, maths,
 * music, art, PE and safety, 15 volunteers. Day 1 morning is the opening session for everyone.
 * Used by the tests, the benchmark and the demo.
 */
export const SEED_CAMP_DAYS = ['2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31'] as const;

/** The ages of the seed's six groups, in order ("第1组（6-7岁）"). */
export const SEED_GROUP_AGES = ['6-7', '8', '9', '10', '11', '12-13'] as const;

/**
 * The seed's first and last days in the coming summer, for a camp filled in from the example on
 * `today` (YYYY-MM-DD): this year's while its first day is still ahead, else next year's.
 */
export function seedCampDates(today: string): { startDate: string; endDate: string; year: number } {
  const first = SEED_CAMP_DAYS[0].slice(4);
  const last = SEED_CAMP_DAYS[SEED_CAMP_DAYS.length - 1]?.slice(4) ?? first;
  const thisYear = Number(today.slice(0, 4));
  const year = today <= `${thisYear}${first}` ? thisYear : thisYear + 1;
  return { startDate: `${year}${first}`, endDate: `${year}${last}`, year };
}

const OLDER = ['g3', 'g4', 'g5', 'g6'];
const NOT_YOUNGEST = ['g2', 'g3', 'g4', 'g5', 'g6'];

const sessions: CampSession[] = [
  { id: 'en-stories', subject: '英语', title: '英语国家的故事', kind: 'lesson', groupIds: OLDER, unitsPerGroup: 2, allowConsecutive: false },
  { id: 'en-words', subject: '英语', title: '单词记忆方法', kind: 'lesson', groupIds: NOT_YOUNGEST, unitsPerGroup: 2, allowConsecutive: false },
  { id: 'en-games', subject: '英语', title: '英语游戏', kind: 'game', unitsPerGroup: 2, allowConsecutive: false },
  { id: 'en-phonics', subject: '英语', title: '英语发音', kind: 'lesson', unitsPerGroup: 2, allowConsecutive: false },
  { id: 'math-methods', subject: '数学', title: '数学学习方法', kind: 'lesson', groupIds: OLDER, unitsPerGroup: 2, allowConsecutive: false },
  { id: 'math-life', subject: '数学', title: '生活中的数学', kind: 'lesson', unitsPerGroup: 2, allowConsecutive: false },
  { id: 'math-qa', subject: '数学', title: '课本答疑', kind: 'lesson', groupIds: NOT_YOUNGEST, unitsPerGroup: 2, allowConsecutive: false },
  { id: 'math-games', subject: '数学', title: '幻方、数独与24点', kind: 'game', unitsPerGroup: 3, allowConsecutive: false },
  { id: 'music', subject: '音乐', title: '音乐', kind: 'lesson', unitsPerGroup: 4, allowConsecutive: false },
  { id: 'art', subject: '美术', title: '美术', kind: 'lesson', unitsPerGroup: 3, allowConsecutive: true },
  { id: 'pe', subject: '体育', title: '体育游戏', kind: 'game', unitsPerGroup: 4, allowConsecutive: false },
  { id: 'safety', subject: '安全', title: '安全教育（防溺水、交通、防拐骗）', kind: 'lesson', unitsPerGroup: 2, allowConsecutive: false },
];

/** Whole days, or only afternoons, of some camp dates. */
const days = (dates: readonly string[], start = '09:00', end = '17:30'): DatedSpan[] => dates.map((date) => ({ date, start, end }));
const [D1, D2, D3, D4] = SEED_CAMP_DAYS;
const SEED_GROUP_SIZES = [12, 14, 15, 15, 13, 11];

const volunteers: CampVolunteer[] = [
  { id: 'v01', name: '王思雨', sessionIds: ['music', 'art'], maxUnits: 16 },
  { id: 'v02', name: '李浩然', sessionIds: ['pe', 'safety', 'math-games'], maxUnits: 16 },
  { id: 'v03', name: '张晓彤', sessionIds: ['en-stories', 'en-words', 'en-phonics', 'en-games'], maxUnits: 16 },
  { id: 'v04', name: '刘子涵', sessionIds: ['math-methods', 'math-life', 'math-qa', 'math-games'], maxUnits: 16 },
  { id: 'v05', name: '陈雨萱', sessionIds: ['music', 'en-games', 'art'], maxUnits: 14 },
  { id: 'v06', name: '杨博文', sessionIds: ['pe', 'math-games', 'safety'], maxUnits: 14 },
  { id: 'v07', name: '赵一鸣', sessionIds: ['math-qa', 'math-life', 'math-methods'], available: days([D1, D2]), maxUnits: 12 },
  { id: 'v08', name: '黄诗琪', sessionIds: ['en-phonics', 'en-words', 'en-stories'], available: days([D2, D3, D4]), maxUnits: 14 },
  { id: 'v09', name: '周宇航', sessionIds: ['pe', 'safety'], maxUnits: 14 },
  { id: 'v10', name: '吴佳怡', sessionIds: ['art', 'music'], maxUnits: 14 },
  { id: 'v11', name: '徐子轩', sessionIds: ['math-games', 'math-life', 'en-games'], maxUnits: 14 },
  { id: 'v12', name: '孙梦洁', sessionIds: ['en-phonics', 'en-games', 'music'], maxUnits: 14 },
  { id: 'v13', name: '马天宇', sessionIds: ['pe', 'math-games'], available: days([D1, D2, D3]), maxUnits: 12 },
  { id: 'v14', name: '朱雅琳', sessionIds: ['art', 'safety', 'en-games'], available: days([D1, D2, D3, D4], '14:30', '17:30'), maxUnits: 12 },
  { id: 'v15', name: '胡俊杰', sessionIds: ['math-qa', 'math-methods', 'en-words'], maxUnits: 12 },
];

/** The seed camp as solver input. */
export function seedCamp(): CampInput {
  return {
    days: [...SEED_CAMP_DAYS],
    windows: [
      { start: '09:00', end: '11:30' },
      { start: '14:30', end: '17:30' },
    ],
    unitMinutes: 30,
    fixedEvents: [{ title: '开营互动', date: D1, start: '09:00', end: '11:30' }],
    groups: SEED_GROUP_AGES.map((ages, i) => ({ id: `g${i + 1}`, name: `第${i + 1}组（${ages}岁）`, size: SEED_GROUP_SIZES[i] ?? 12 })),
    sessions: sessions.map((s) => ({ ...s, ...(s.groupIds ? { groupIds: [...s.groupIds] } : {}) })),
    volunteers: volunteers.map((v) => ({ ...v, sessionIds: [...v.sessionIds], ...(v.available ? { available: v.available.map((a) => ({ ...a })) } : {}) })),
    options: { maxLessonsInRow: 3 },
  };
}
