import { campsEnUS } from './camps.en-US.ts';
import { campsZhCN } from './camps.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the camp pages and their print views. */
registerMessages({ 'zh-CN': campsZhCN, 'en-US': campsEnUS });
