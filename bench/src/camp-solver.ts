/**
 * Camp timetable solver benchmark: the seed camp (4 days, 6 groups, 12 sessions, 15 volunteers) and a
 * larger generated camp (7 days, 3 windows, 12 groups, 20 sessions, 30 volunteers) and the same with
 * too few volunteers (so the repair pass and the reasons run), each solved after a warm-up, plus the live checker on the solved grids. Prints median and p95 milliseconds; not part of `npm test`.
 *
 *   npx tsx bench/src/camp-solver.ts
 *   RUNS=200 npx tsx bench/src/camp-solver.ts
 */
import { type CampInput, type CampSession, type CampVolunteer, checkTimetable, seedCamp, solveCamp } from '@carebridge/shared';

const RUNS = Number(process.env.RUNS ?? 50);
const WARMUP = 10;

/** mulberry32: a small seeded PRNG, so the generated camp is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A week-long camp with an evening window, more groups, sessions and volunteers than the seed. */
function largeCamp(volunteerCount = 30, seed = 42): CampInput {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const days = Array.from({ length: 7 }, (_, i) => `2026-08-${String(3 + i).padStart(2, '0')}`);
  const groups = Array.from({ length: 12 }, (_, i) => ({ id: `g${i + 1}`, name: `第${i + 1}组`, size: 10 + Math.floor(r() * 8) }));
  const sessions: CampSession[] = Array.from({ length: 20 }, (_, i) => {
    const game = i % 4 === 3;
    const narrow = r() < 0.3;
    return {
      id: `s${i + 1}`,
      subject: pick(['英语', '数学', '音乐', '美术', '体育', '安全', '科学']),
      title: `课程${i + 1}`,
      kind: game ? 'game' : 'lesson',
      ...(narrow ? { groupIds: groups.filter(() => r() < 0.6).map((g) => g.id) } : {}),
      unitsPerGroup: 2 + Math.floor(r() * 4),
      allowConsecutive: r() < 0.2,
      allowRepeatInHalf: r() < 0.1,
    };
  });
  const volunteers: CampVolunteer[] = Array.from({ length: volunteerCount }, (_, i) => {
    const skills = sessions.filter(() => r() < 0.2).map((s) => s.id);
    const partTime = r() < 0.3;
    return {
      id: `v${i + 1}`,
      name: `志愿者${i + 1}`,
      sessionIds: skills.length > 0 ? skills : [pick(sessions).id],
      ...(partTime ? { available: days.filter(() => r() < 0.6).map((date) => ({ date, start: '08:00', end: '21:00' })) } : {}),
      maxUnits: 30 + Math.floor(r() * 20),
    };
  });
  return {
    days,
    windows: [
      { start: '08:30', end: '11:30' },
      { start: '14:00', end: '17:00' },
      { start: '19:00', end: '20:30' },
    ],
    unitMinutes: 30,
    fixedEvents: [
      { title: '开营仪式', date: days[0]!, start: '08:30', end: '11:30' },
      { title: '结营汇演', date: days[6]!, start: '19:00', end: '20:30' },
      { title: '外出参观', date: days[3]!, start: '14:00', end: '17:00', groupIds: ['g1', 'g2', 'g3', 'g4'] },
    ],
    groups,
    sessions,
    volunteers,
    options: { maxLessonsInRow: 3 },
  };
}

function time(fn: () => void): { median: number; p95: number; min: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: ms[0]! };
}

const fmt = (n: number) => n.toFixed(2).padStart(8);
console.log(`camp solver, ${RUNS} runs after ${WARMUP} warm-up (Node ${process.version})`);
console.log(`${'scenario'.padEnd(60)}  median ms   p95 ms    min ms   cells  unmet  violations`);
for (const [label, input] of [
  ['seed camp (4 d, 6 groups, 12 sessions, 15 vols)', seedCamp()],
  ['large camp (7 d, 12 groups, 20 sessions, 30 vols)', largeCamp()],
  ['tight camp (as large, only 14 vols: shortfalls)', largeCamp(14)],
] as const) {
  const result = solveCamp(input);
  const check = checkTimetable(input, result.cells);
  const solve = time(() => solveCamp(input));
  const checking = time(() => checkTimetable(input, result.cells));
  const shortBy = result.unmet.reduce((n, u) => n + u.required - u.got, 0);
  console.log(
    `${`solve: ${label}`.padEnd(60)}  ${fmt(solve.median)}  ${fmt(solve.p95)}  ${fmt(solve.min)}  ${String(result.cells.length).padStart(6)}  ${String(
      result.unmet.length,
    ).padStart(5)}  ${String(check.violations.length).padStart(10)}`,
  );
  console.log(`${`check: ${label}`.padEnd(60)}  ${fmt(checking.median)}  ${fmt(checking.p95)}  ${fmt(checking.min)}`);
  if (result.unmet.length > 0)
    console.log(`  ${result.unmet.length} requirements short by ${shortBy} units; reasons: ${[...new Set(result.unmet.map((u) => u.reason.code))].join(', ')}`);
}
