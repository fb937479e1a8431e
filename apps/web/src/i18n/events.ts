import { eventsZhCN } from './events.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the event pages and their print view. Their English texts come with the English chunk (english.ts). */
registerMessages(eventsZhCN);
