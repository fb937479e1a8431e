import type { PairingSuggestions } from '@carebridge/shared';

/**
 * Why some children got no suggestion, as it is: the school has no mentor at all; every mentor was
 * full before any child was suggested; or the places ran out and went to the children most in need.
 */
export function unassignedNote(
  s: Pick<PairingSuggestions, 'items' | 'mentors'>,
): 'pairings.suggestNoMentors' | 'pairings.suggestAllFull' | 'pairings.suggestUnassigned' {
  if (!s.mentors.length) return 'pairings.suggestNoMentors';
  if (!s.items.length) return 'pairings.suggestAllFull';
  return 'pairings.suggestUnassigned';
}
