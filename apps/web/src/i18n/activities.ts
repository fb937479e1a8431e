import { activitiesZhCN } from './activities.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the activity-and-meeting pages and the safety-education page. Their English texts come with the English chunk (english.ts). */
registerMessages(activitiesZhCN);
