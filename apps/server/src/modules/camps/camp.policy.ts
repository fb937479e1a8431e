/** Who may read, edit and add photos to a camp, create one at a school, and change a photo. */

import type { Row } from '@carebridge/db';
import type { Auth } from '../../access/auth.ts';

/** A camp with its school's name and region path. */
export type CampRow = Row<'camps'> & { school_name: string; region_path: string };

export interface CampRights {
  reads: boolean;
  edits: boolean;
  photos: boolean;
  /** Names every child of the camp: who edits it and its volunteers. Others of the school read only the children they see elsewhere. */
  roster: boolean;
}

/** The school's leaders, administrators, the camp's creator and its volunteer leaders edit it; everyone at the school and its volunteers read it. */
export function campRights(auth: Auth, r: CampRow, volunteers: readonly { user_id: string | null; leader: number }[]): CampRights {
  const school = auth.roles.some((a) => (a.role === 'school_leader' || a.role === 'moral_education') && a.scopeId === r.school_id);
  const leader = volunteers.some((v) => v.leader === 1 && !!auth.userId && v.user_id === auth.userId);
  const volunteer = volunteers.some((v) => !!auth.userId && v.user_id === auth.userId);
  const edits = auth.scope.global || school || leader || (!!auth.userId && r.created_by === auth.userId);
  const reads =
    edits ||
    auth.roles.some((a) => a.scopeId === r.school_id || a.schoolId === r.school_id) ||
    auth.scope.regionPaths.some((p) => r.region_path.startsWith(p)) ||
    volunteer;
  return { reads, edits, photos: edits || volunteer, roster: edits || volunteer };
}

/** Administrators, and the school's leaders, moral-education office and volunteers, create camps there. */
export function createsCamp(auth: Auth, schoolId: string): boolean {
  return auth.scope.global || auth.roles.some((a) => ['school_leader', 'moral_education', 'volunteer'].includes(a.role) && a.scopeId === schoolId);
}

/** A photo is changed or removed by whoever edits the camp and by whoever took it. */
export function ownsPhoto(auth: Auth, rights: Pick<CampRights, 'edits'>, createdBy: string | null): boolean {
  return rights.edits || (!!auth.userId && createdBy === auth.userId);
}

/** The schools whose camps a caller's roles list (besides the region's and the camps it volunteers at). */
export function campSchools(auth: Auth): string[] {
  return [...new Set(auth.roles.map((a) => a.schoolId ?? (a.scopeKind === 'school' ? a.scopeId : null)).filter((x): x is string => !!x))];
}
