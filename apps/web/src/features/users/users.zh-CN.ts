/**
 * Texts of the users page (Chinese, the source) beyond the main dictionary's `users.*`, which the
 * set-up and audit pages share; registered by the page's modules (headships-ending.ts), English in
 * i18n/users.en-US.ts. Kept here rather than in i18n/: a dictionary this small under i18n/ is merged
 * by the build's `common` group into a chunk the login page loads (vite.config.ts), and the login
 * page's JavaScript has no margin left.
 */
export const usersZhCN = {
  /** What a save does to the classes a user heads (org/head-teacher.ts on the server), said before it is saved. */
  headTeacherEnding: {
    deactivated: '该教师是 {count} 个班级（{names}）的班主任，停用后这些班级将没有班主任；重新启用也不会恢复，请到“班级 › 编辑”另行指定。',
    roleRemoved: '去掉班主任角色后，{count} 个班级（{names}）将没有班主任，请到“班级 › 编辑”另行指定。',
  },
};

/** Same keys as `usersZhCN`, every leaf a string. */
export type UserMessages = DeepStrings<typeof usersZhCN>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
