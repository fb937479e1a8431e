import { childrenEnUS } from './children.en-US.ts';
import { childrenZhCN } from './children.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the child archive and roster pages. */
registerMessages({ 'zh-CN': childrenZhCN, 'en-US': childrenEnUS });
