import type { Lang } from '../i18n/index.ts';
import { type CampInput, type CampProblem, type CampUnit, type CampViolation, campUnits, type Unmet, type UnmetReason } from './types.ts';

/** Display names by id; anything missing shows as its id. `units` label unit indices with date and time. */
export interface CampNames {
  groups?: Record<string, string>;
  sessions?: Record<string, string>;
  volunteers?: Record<string, string>;
  units?: readonly CampUnit[];
}

/** The names of a camp's groups, sessions (by title), volunteers and units, for explain(). */
export function campNames(input: CampInput): CampNames {
  return {
    groups: Object.fromEntries(input.groups.map((g) => [g.id, g.name])),
    sessions: Object.fromEntries(input.sessions.map((s) => [s.id, s.title])),
    volunteers: Object.fromEntries(input.volunteers.map((v) => [v.id, v.name])),
    units: campUnits(input.days, input.windows, input.unitMinutes),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateLabel(date: string, lang: Lang): string {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return lang === 'zh-CN' ? `${month}月${day}日` : `${MONTHS[month - 1] ?? month} ${day}`;
}

/** Labels in one language, falling back to ids. */
function labeller(lang: Lang, names: CampNames) {
  const zh = lang === 'zh-CN';
  return {
    zh,
    group: (id: string) => names.groups?.[id] ?? id,
    session: (id: string) => names.sessions?.[id] ?? id,
    volunteer: (id: string) => names.volunteers?.[id] ?? id,
    unit: (index: number) => {
      const unit = names.units?.[index];
      return unit ? `${dateLabel(unit.date, lang)} ${unit.start}` : zh ? `第 ${index + 1} 个单元` : `unit ${index + 1}`;
    },
    half: (half: string) => {
      const unit = names.units?.find((u) => u.half === half);
      return unit ? `${dateLabel(unit.date, lang)} ${unit.start}` : half;
    },
    plural: (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`,
  };
}

const REF_ZH = { group: '组', session: '课程', volunteer: '志愿者', unit: '单元' } as const;
const OWNER_ZH = { session: '课程', volunteer: '志愿者', event: '固定活动' } as const;

/** The cause of a shortfall in words; `group` is who it is about, if known. */
function reasonText(reason: UnmetReason, lang: Lang, names: CampNames, group?: string): string {
  const l = labeller(lang, names);
  const who = group ?? (l.zh ? '该组' : 'the group');
  switch (reason.code) {
    case 'no_volunteer':
      return l.zh ? `${l.session(reason.sessionId)}：没有志愿者能上` : `${l.session(reason.sessionId)}: no volunteer can teach it`;
    case 'volunteer_unavailable':
      return l.zh
        ? `${l.session(reason.sessionId)}：能上的 ${reason.volunteers} 名志愿者营期内都没空`
        : `${l.session(reason.sessionId)}: its ${l.plural(reason.volunteers, 'volunteer')} are never there during the camp`;
    case 'volunteer_capacity':
      if (reason.capacity < reason.demand) {
        return l.zh
          ? `${l.session(reason.sessionId)}：只有 ${reason.volunteers} 名志愿者可上`
          : `${l.session(reason.sessionId)}: only ${l.plural(reason.volunteers, 'volunteer')} available`;
      }
      return l.zh
        ? `${l.session(reason.sessionId)}：能上的 ${reason.volunteers} 名志愿者课时已排满`
        : `${l.session(reason.sessionId)}: its ${l.plural(reason.volunteers, 'volunteer')} have no units left`;
    case 'volunteer_busy':
      return l.zh
        ? `${l.session(reason.sessionId)}：能上的 ${reason.volunteers} 名志愿者在${who}空闲时都有课或不在`
        : `${l.session(reason.sessionId)}: its ${l.plural(reason.volunteers, 'volunteer')} are busy or away whenever ${who} is free`;
    case 'no_free_units':
      return l.zh ? `${who}已没有空余单元` : `${who} has no free units left`;
    case 'too_few_half_days':
      return l.zh
        ? `${l.session(reason.sessionId)}：每个半天只能上一次，只有 ${reason.halves} 个半天`
        : `${l.session(reason.sessionId)}: at most once per half-day, and there are only ${l.plural(reason.halves, 'half-day')}`;
    case 'schedule_rules':
      return l.zh
        ? `${l.session(reason.sessionId)}：受连续上课、同半天不重复、不连堂等规则限制，没有合适的空余单元`
        : `${l.session(reason.sessionId)}: no free unit fits the rules (lessons in a row, no repeats, no back-to-back)`;
  }
}

/** One broken rule in words, e.g. "王老师在 7月29日 09:00 同时要上 2 处课". */
export function describeCampViolation(violation: CampViolation, lang: Lang, names: CampNames = {}): string {
  const l = labeller(lang, names);
  const v = violation;
  switch (v.code) {
    case 'unknown_ref':
      return l.zh ? `不存在的${REF_ZH[v.ref]}：${v.id}` : `unknown ${v.ref}: ${v.id}`;
    case 'group_double':
      return l.zh
        ? `${l.group(v.groupId)}在 ${l.unit(v.unitIndex)} 排了 ${v.cells.length} 节课`
        : `${l.group(v.groupId)} has ${v.cells.length} cells at ${l.unit(v.unitIndex)}`;
    case 'volunteer_double':
      return l.zh
        ? `${l.volunteer(v.volunteerId)}在 ${l.unit(v.unitIndex)} 同时要上 ${v.cells.length} 处课`
        : `${l.volunteer(v.volunteerId)} is booked ${v.cells.length} times at ${l.unit(v.unitIndex)}`;
    case 'volunteer_unavailable':
      return l.zh ? `${l.volunteer(v.volunteerId)}在 ${l.unit(v.unitIndex)} 没空` : `${l.volunteer(v.volunteerId)} is not available at ${l.unit(v.unitIndex)}`;
    case 'volunteer_unqualified':
      return l.zh ? `${l.volunteer(v.volunteerId)}不能上${l.session(v.sessionId)}` : `${l.volunteer(v.volunteerId)} cannot teach ${l.session(v.sessionId)}`;
    case 'volunteer_over_max':
      return l.zh
        ? `${l.volunteer(v.volunteerId)}排了 ${v.got} 个单元，超过上限 ${v.max} 个`
        : `${l.volunteer(v.volunteerId)} has ${v.got} units, over the limit of ${v.max}`;
    case 'blocked_by_event':
      return l.zh ? `${l.group(v.groupId)}在 ${l.unit(v.unitIndex)} 有「${v.event}」` : `${l.group(v.groupId)} has "${v.event}" at ${l.unit(v.unitIndex)}`;
    case 'session_unsuitable':
      return l.zh ? `${l.session(v.sessionId)}不适合${l.group(v.groupId)}` : `${l.session(v.sessionId)} is not meant for ${l.group(v.groupId)}`;
    case 'lessons_in_row':
      return l.zh
        ? `${l.group(v.groupId)}连上 ${v.run} 节课没有游戏，最多 ${v.max} 节`
        : `${l.group(v.groupId)} has ${v.run} lessons in a row without a game (at most ${v.max})`;
    case 'repeat_in_half':
      return l.zh
        ? `${l.group(v.groupId)}在 ${l.half(v.half)} 起的半天里上了不止一次${l.session(v.sessionId)}`
        : `${l.group(v.groupId)} has ${l.session(v.sessionId)} more than once in the half-day from ${l.half(v.half)}`;
    case 'consecutive':
      return l.zh ? `${l.group(v.groupId)}连着上了${l.session(v.sessionId)}` : `${l.group(v.groupId)} has ${l.session(v.sessionId)} back-to-back`;
  }
}

function problemText(problem: CampProblem, lang: Lang, names: CampNames): string {
  const l = labeller(lang, names);
  switch (problem.code) {
    case 'locked_conflict': {
      const what = describeCampViolation(problem.violation, lang, names);
      if (l.zh) return `锁定的课有冲突：${what}${problem.dropped.length > 0 ? '（冲突的锁定课已忽略）' : ''}`;
      return `locked cells conflict: ${what}${problem.dropped.length > 0 ? ' (the clashing locked cell is ignored)' : ''}`;
    }
    case 'locked_excess':
      return l.zh
        ? `${l.group(problem.groupId)}的${l.session(problem.sessionId)}锁定了 ${problem.got} 个单元，多于要求的 ${problem.required} 个`
        : `${l.group(problem.groupId)} has ${problem.got} locked units of ${l.session(problem.sessionId)}, more than the ${problem.required} required`;
    case 'unknown_ref':
      return l.zh
        ? `${OWNER_ZH[problem.in]}「${problem.owner}」引用了不存在的${REF_ZH[problem.ref]} ${problem.id}，已忽略`
        : `${problem.in} "${problem.owner}" names an unknown ${problem.ref} ${problem.id}; ignored`;
    case 'duplicate_id':
      return l.zh ? `${REF_ZH[problem.ref]}编号 ${problem.id} 重复，后一个已忽略` : `duplicate ${problem.ref} id ${problem.id}; the later one is ignored`;
  }
}

const isUnmet = (x: Unmet | UnmetReason | CampProblem): x is Unmet => 'reason' in x;
const isProblem = (x: UnmetReason | CampProblem): x is CampProblem => ['locked_conflict', 'locked_excess', 'unknown_ref', 'duplicate_id'].includes(x.code);

/**
 * A shortfall, a bare reason or an input problem in one sentence, e.g.
 * "音乐：只有 1 名志愿者可上，第3组只排到 2/4 个单元" / "music: only 1 volunteer available, group 3 gets 2 of 4 units".
 */
export function explain(item: Unmet | UnmetReason | CampProblem, lang: Lang, names: CampNames = {}): string {
  if (!isUnmet(item)) return isProblem(item) ? problemText(item, lang, names) : reasonText(item, lang, names);
  const l = labeller(lang, names);
  const group = l.group(item.groupId);
  const cause = reasonText(item.reason, lang, names, group);
  if (item.reason.code === 'no_free_units') {
    return l.zh
      ? `${l.session(item.sessionId)}：${cause}，只排到 ${item.got}/${item.required} 个单元`
      : `${l.session(item.sessionId)}: ${cause}, gets ${item.got} of ${item.required} units`;
  }
  return l.zh ? `${cause}，${group}只排到 ${item.got}/${item.required} 个单元` : `${cause}, ${group} gets ${item.got} of ${item.required} units`;
}
