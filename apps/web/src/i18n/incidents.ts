import { incidentsEnUS } from './incidents.en-US.ts';
import { incidentsZhCN } from './incidents.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the safety-incident pages, the workbench panel and the child's incident card. */
registerMessages({ 'zh-CN': incidentsZhCN, 'en-US': incidentsEnUS });
