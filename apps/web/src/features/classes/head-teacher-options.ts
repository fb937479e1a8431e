import type { User } from '@carebridge/shared';

/**
 * The accounts the class form offers as head teacher: active ones only (the server refuses others); a
 * deactivated head teacher of earlier data stays shown, disabled, so the select does not show a bare id.
 */
export function headTeacherChoices(users: readonly User[], currentId: string | null | undefined): { user: User; disabled: boolean }[] {
  return users.filter((u) => u.active || u.id === currentId).map((u) => ({ user: u, disabled: !u.active }));
}
