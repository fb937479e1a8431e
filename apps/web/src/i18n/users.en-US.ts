import type { UserMessages } from '../features/users/users.zh-CN.ts';

/** English texts of the users page; typed against the Chinese ones so that no key can be missing. */
export const usersEnUS: UserMessages = {
  headTeacherEnding: {
    deactivated:
      'This teacher is the class teacher of {count} {count|class|classes} ({names}). Deactivating leaves {count|it|them} without a class teacher, and activating the account again does not restore that: choose a new one under Classes › Edit.',
    roleRemoved:
      'Once the class teacher role is removed, {count|this class|these classes} ({names}) will have no class teacher: choose a new one under Classes › Edit.',
  },
};
