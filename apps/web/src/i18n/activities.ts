import { activitiesEnUS } from './activities.en-US.ts';
import { activitiesZhCN } from './activities.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the activity-and-meeting pages and the safety-education page. */
registerMessages({ 'zh-CN': activitiesZhCN, 'en-US': activitiesEnUS });
