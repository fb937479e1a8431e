import type { CampaignPlace } from '@carebridge/shared';

/**
 * How many checklist items a place's visit found a problem with: the server marks the visit's care
 * record for follow-up when there is any (campaign.service `visit`). 0 for a place not yet visited.
 */
export function visitIssues(place: Pick<CampaignPlace, 'visitedAt' | 'answers'>): number {
  if (!place.visitedAt) return 0;
  return Object.values(place.answers).filter((a) => a === 'issue').length;
}
