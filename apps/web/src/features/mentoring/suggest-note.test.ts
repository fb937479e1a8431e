import { describe, expect, it } from 'vitest';
import { unassignedNote } from './suggest-note.ts';

const mentor = { id: 'm', name: '王老师', count: 3, limit: 3, overloaded: false };
const item = { childId: 'c', mentorId: 'm', reason: 'balance' } as never;

describe('why children got no suggestion', () => {
  it('says there is no mentor, every mentor was full already, or the places went to those most in need', () => {
    expect(unassignedNote({ items: [], mentors: [] })).toBe('pairings.suggestNoMentors');
    expect(unassignedNote({ items: [], mentors: [mentor] })).toBe('pairings.suggestAllFull');
    expect(unassignedNote({ items: [item], mentors: [mentor] })).toBe('pairings.suggestUnassigned');
  });
});
