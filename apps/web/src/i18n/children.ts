import { childrenZhCN } from './children.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the child archive and roster pages. Their English texts come with the English chunk (english.ts). */
registerMessages(childrenZhCN);
