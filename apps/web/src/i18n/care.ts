import { careEnUS } from './care.en-US.ts';
import { careZhCN } from './care.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the pairing, "my children" and care-record pages. */
registerMessages({ 'zh-CN': careZhCN, 'en-US': careEnUS });
