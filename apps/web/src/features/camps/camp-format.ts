import '../../i18n/camps.ts';
import { type CampSession, type FieldError, fieldLabel, type Lang } from '@carebridge/shared';

export interface SubjectColour {
  bg: string;
  border: string;
  text: string;
}

/** Soft tints, one per subject in catalogue order (no reds: red means a clash). */
const PALETTE: SubjectColour[] = [
  { bg: '#e6f4ff', border: '#91caff', text: '#003eb3' },
  { bg: '#f6ffed', border: '#95de64', text: '#237804' },
  { bg: '#fff0f6', border: '#ffadd2', text: '#9e1068' },
  { bg: '#fff7e6', border: '#ffc069', text: '#ad4e00' },
  { bg: '#e6fffb', border: '#5cdbd3', text: '#006d75' },
  { bg: '#f9f0ff', border: '#d3adf7', text: '#531dab' },
  { bg: '#fcffe6', border: '#d3f261', text: '#3f6600' },
  { bg: '#fffbe6', border: '#ffe58f', text: '#876800' },
  { bg: '#f0f5ff', border: '#adc6ff', text: '#1d39c4' },
];
const NO_SUBJECT: SubjectColour = { bg: '#fafafa', border: '#d9d9d9', text: '#434343' };

/** A colour per subject, in the order subjects first appear in the catalogue (stable while the catalogue is). */
export function subjectColours(sessions: readonly Pick<CampSession, 'subject'>[]): (subject: string | undefined) => SubjectColour {
  const order = new Map<string, number>();
  for (const s of sessions) if (!order.has(s.subject)) order.set(s.subject, order.size);
  return (subject) => {
    const i = subject === undefined ? undefined : order.get(subject);
    return i === undefined ? NO_SUBJECT : (PALETTE[i % PALETTE.length] ?? NO_SUBJECT);
  };
}

const WEEK_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7月28日 周二" / "Tue Jul 28"; `short`: "7/28". */
export function dayLabel(date: string, lang: Lang, form: 'long' | 'short' | 'noWeekday' = 'long'): string {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (form === 'short') return `${month}/${day}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (lang === 'zh-CN') return form === 'long' ? `${month}月${day}日 ${WEEK_ZH[weekday]}` : `${month}月${day}日`;
  const md = `${MONTHS_EN[month - 1] ?? month} ${day}`;
  return form === 'long' ? `${WEEK_EN[weekday]} ${md}` : md;
}

/** "7月28日—7月31日（4 天）" style range, without the count. */
export function dateRange(start: string, end: string, lang: Lang): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const from = `${sameYear ? '' : `${start.slice(0, 4)} `}${dayLabel(start, lang, 'noWeekday')}`;
  return start === end ? from : `${from} – ${dayLabel(end, lang, 'noWeekday')}`;
}

/** Every date from start to end (YYYY-MM-DD, both included); at most `max`. */
export function datesBetween(start: string | undefined, end: string | undefined, max = 60): string[] {
  if (!start || !end || end < start) return [];
  const out: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && out.length < max; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

/** The first `${prefix}${n}` not yet taken (g1, g2… for groups; s1… for sessions). */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** A short fingerprint of a value: editors re-mount when what they show changed on the server, not on every version bump. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return `${text.length}-${(h >>> 0).toString(36)}`;
}

/** "HH:MM" from what people type: "930" / "0930" → "09:30", "9:30" → "09:30", a full-width colon accepted. */
export function normalizeTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.replace('：', ':').trim();
  if (/^\d{4}$/.test(v)) return `${v.slice(0, 2)}:${v.slice(2)}`;
  if (/^\d:\d{2}$/.test(v)) return `0${v}`;
  return v;
}

const SEP: Record<Lang, string> = { 'zh-CN': '：', 'en-US': ': ' };

/** Errors that belong to no field, with the field named by its camp label ("每日时段：每日时段不能重叠"). */
export function describeCampErrors(errors: readonly FieldError[], lang: Lang): string {
  return errors
    .map((e) => (e.path ? `${fieldLabel(e.path, lang, ['campFields', 'fields'])}${SEP[lang]}${e.message}` : e.message))
    .join(lang === 'zh-CN' ? '；' : '; ');
}

/** Roles that may create a camp at a school (the server checks: camp.service create()). */
export const CAMP_CREATORS = ['school_leader', 'moral_education', 'volunteer'] as const;
