import { describe, expect, it } from 'vitest';
import { actorLabel, actorText, personText } from './audit-people.ts';

const entry = (e: { userId?: string | null; username?: string | null; name?: string | null; action?: string }) => ({
  userId: e.userId ?? null,
  username: e.username ?? null,
  name: e.name ?? null,
  action: e.action ?? 'class.update',
});
const ID = '0190c6a2-7a3b-7c11-9a2b-1234567890ab';

describe('audit log actors', () => {
  it('puts the name first and the login beside it, in full-width brackets in Chinese and ASCII in English', () => {
    const li = entry({ userId: ID, username: 'leader1', name: '李玉兰' });
    expect(actorLabel('zh-CN', li)).toEqual({ main: '李玉兰', login: 'leader1' });
    expect(actorText('zh-CN', li)).toBe('李玉兰（leader1）');
    expect(actorText('en-US', entry({ userId: ID, username: 'leader1', name: 'Li Yulan' }))).toBe('Li Yulan (leader1)');
    expect(personText('en-US', { name: 'Wang Fang', username: 'wangfang' })).toBe('Wang Fang (wangfang)');
  });

  it('calls the system’s own work the system’s, and keeps a login no account has as it was typed', () => {
    expect(actorLabel('zh-CN', entry({ username: 'notifier' }))).toEqual({ main: '系统', login: 'notifier' });
    expect(actorText('en-US', entry({ username: 'cli', action: 'user.create' }))).toBe('System (cli)');
    expect(actorLabel('zh-CN', entry({ username: 'nobody', action: 'auth.login_failed' }))).toEqual({ main: 'nobody', login: null });
    // An account no longer there: its login as recorded.
    expect(actorText('zh-CN', entry({ userId: ID, username: 'gone1' }))).toBe('gone1');
    expect(actorText('zh-CN', entry({}))).toBe('系统');
  });
});
