import { type Lang, type MentorLoad, type PairingWarning, translate } from '@carebridge/shared';
import type { FieldProblem } from '../../errors.ts';

/** A child as the batch sees it: the caller sees it and it belongs to the school, else it is absent. */
interface KnownChild {
  id: string;
  name: string;
  /** The archive's status (`CHILD_STATUS`): only an active (在册) child can be paired. */
  status: string;
}

/**
 * Why each pair of a batch cannot be saved, by index (`pairs.<i>.childId` / `.mentorId`): a child
 * not seen in this school (never named, so nothing leaks), one whose archive is no longer active
 * (left, transferred, parents back home), one already paired, one twice in the batch, a mentor who is
 * not one of the school's. Empty when every pair can be saved.
 */
export function refusedPairs(
  pairs: readonly { childId: string; mentorId: string }[],
  children: ReadonlyMap<string, KnownChild>,
  mentors: ReadonlySet<string>,
  paired: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const [i, p] of pairs.entries()) {
    const child = children.get(p.childId);
    if (!child) problems.push({ path: `pairs.${i}.childId`, message: 'errors.pairing_child_unknown' });
    else if (child.status !== 'active')
      problems.push({
        path: `pairs.${i}.childId`,
        message: 'errors.pairing_child_inactive',
        params: { name: child.name, status: `codes.childStatus.${child.status}` },
      });
    else if (seen.has(p.childId)) problems.push({ path: `pairs.${i}.childId`, message: 'errors.pairing_child_twice', params: { name: child.name } });
    else if (paired.has(p.childId)) problems.push({ path: `pairs.${i}.childId`, message: 'errors.pairing_child_paired', params: { name: child.name } });
    else if (!mentors.has(p.mentorId)) problems.push({ path: `pairs.${i}.mentorId`, message: 'errors.not_a_mentor' });
    seen.add(p.childId);
  }
  return problems;
}

/** Params that are dictionary keys ("codes.childStatus.left") in words, as the error handler does for `fields`. */
function localParams(lang: Lang, params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && /^codes\.[\w.]+$/.test(v) ? translate(lang, v) : v;
  return out;
}

/** "第 2 对（孩子5）：孩子5已有帮扶教师；…" — the refused pairs in words, for the error's message (the first five). */
export function describeRefused(problems: readonly FieldProblem[], lang: Lang): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  const parts = problems.slice(0, 5).map((p) => {
    const n = Number(p.path.split('.')[1]) + 1;
    return `${translate(lang, 'errors.pair_n', { n })}${sep}${translate(lang, p.message, localParams(lang, p.params ?? {}))}`;
  });
  return parts.join(lang === 'zh-CN' ? '；' : '; ') + (problems.length > 5 ? '…' : '');
}

/** A warning (not a refusal) for each mentor above the school's limit once `added` children are paired with them. */
export function overLimitWarnings(mentors: readonly MentorLoad[], added: ReadonlyMap<string, number>, limit: number, lang: Lang): PairingWarning[] {
  const out: PairingWarning[] = [];
  for (const m of mentors) {
    const n = added.get(m.id);
    if (!n) continue;
    const count = m.count + n;
    if (count > limit)
      out.push({
        code: 'mentor_over_limit',
        mentorId: m.id,
        mentorName: m.name,
        count,
        limit,
        message: translate(lang, 'errors.mentor_over_limit', { name: m.name, count, limit }),
      });
  }
  return out;
}
