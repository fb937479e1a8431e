import { eventsEnUS } from './events.en-US.ts';
import { eventsZhCN } from './events.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the event pages and their print view. */
registerMessages({ 'zh-CN': eventsZhCN, 'en-US': eventsEnUS });
