import { reportsEnUS } from './reports.en-US.ts';
import { reportsZhCN } from './reports.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the dashboard, roster submission and briefing pages. */
registerMessages({ 'zh-CN': reportsZhCN, 'en-US': reportsEnUS });
