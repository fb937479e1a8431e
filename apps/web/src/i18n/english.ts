import { type Messages, enUS as sharedEnUS } from '@carebridge/shared';
import { activitiesEnUS } from './activities.en-US.ts';
import { campaignsEnUS } from './campaigns.en-US.ts';
import { campsEnUS } from './camps.en-US.ts';
import { careEnUS } from './care.en-US.ts';
import { childrenEnUS } from './children.en-US.ts';
import { complianceEnUS } from './compliance.en-US.ts';
import { enUS } from './en-US.ts';
import { eventsEnUS } from './events.en-US.ts';
import { incidentsEnUS } from './incidents.en-US.ts';
import { reportsEnUS } from './reports.en-US.ts';
import type { AllWebMessages } from './translate.ts';
import { usersEnUS } from './users.en-US.ts';

/**
 * Every English text of the web app, in a chunk of its own that only those who read English fetch
 * (load.ts; vite.config.ts names it): the main dictionary, those of every group of pages in one
 * (their top-level keys do not overlap), and the shared one. Typed against the Chinese dictionaries,
 * so that no group and no key can be left out.
 */
export const english: { web: AllWebMessages; shared: Messages } = {
  web: {
    ...enUS,
    ...activitiesEnUS,
    ...campaignsEnUS,
    ...campsEnUS,
    ...careEnUS,
    ...childrenEnUS,
    ...complianceEnUS,
    ...eventsEnUS,
    ...incidentsEnUS,
    ...reportsEnUS,
    ...usersEnUS,
  },
  shared: sharedEnUS,
};
