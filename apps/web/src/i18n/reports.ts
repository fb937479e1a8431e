import { reportsZhCN } from './reports.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the dashboard, roster submission and briefing pages. Their English texts come with the English chunk (english.ts). */
registerMessages(reportsZhCN);
