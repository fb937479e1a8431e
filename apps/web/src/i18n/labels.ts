import { type LeadershipPosition, messages, type Office, type RegionLevel, type Role, type SchoolKind, type ScopeKind, translate } from '@carebridge/shared';
import { useMemo } from 'react';
import { useLang } from './lang.tsx';

const pick = (dict: Record<string, string>, key: string | number) => dict[String(key)] ?? String(key);

/** Labels of the shared enums in the current language, for selects, tags and table cells. */
export function useLabels() {
  const { lang } = useLang();
  return useMemo(() => {
    const m = messages(lang);
    return {
      role: (r: Role | string) => pick(m.roles, r),
      scopeKind: (k: ScopeKind | string) => pick(m.scopeKinds, k),
      regionLevel: (l: RegionLevel | string) => pick(m.regionLevels, l),
      schoolKind: (k: SchoolKind | string) => pick(m.schoolKinds, k),
      position: (p: LeadershipPosition | string) => pick(m.positions, p),
      office: (o: Office | string) => pick(m.offices, o),
      semester: (s: number | string) => pick(m.semesters, s),
      grade: (g: number | string) => pick(m.grades, g),
      entity: (e: string) => pick(m.entities, e),
      /** Audit actions contain dots ("school.create"), so they are read directly, not through translate(). */
      action: (a: string) => pick(m.audit.actions, a),
      /** Default duties may come back as dictionary keys ("duties.study" or "study"). */
      duty: (d: string) => {
        const key = d.startsWith('duties.') ? d : `duties.${d}`;
        const text = translate(lang, key);
        return text === key ? d : text;
      },
      actions: Object.keys(m.audit.actions),
      entities: Object.keys(m.entities),
    };
  }, [lang]);
}
