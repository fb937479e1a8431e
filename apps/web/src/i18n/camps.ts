import { campsZhCN } from './camps.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the camp pages and their print views. Their English texts come with the English chunk (english.ts). */
registerMessages(campsZhCN);
