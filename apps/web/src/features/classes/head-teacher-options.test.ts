import type { User } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { headTeacherChoices } from './head-teacher-options.ts';

const user = (id: string, active: boolean) => ({ id, name: `老师${id}`, username: `t${id}`, active }) as User;

describe('the head-teacher select of the class form', () => {
  it('offers active accounts only, keeping a deactivated head teacher of earlier data shown but not choosable', () => {
    const users = [user('1', true), user('2', false), user('3', true)];
    expect(headTeacherChoices(users, null).map((c) => [c.user.id, c.disabled])).toEqual([
      ['1', false],
      ['3', false],
    ]);
    expect(headTeacherChoices(users, '2').map((c) => [c.user.id, c.disabled])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
    ]);
  });
});
