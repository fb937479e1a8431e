import { incidentsZhCN } from './incidents.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the safety-incident pages, the workbench panel and the child's incident card. Their English texts come with the English chunk (english.ts). */
registerMessages(incidentsZhCN);
