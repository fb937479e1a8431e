import { careZhCN } from './care.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the pairing, "my children" and care-record pages. Their English texts come with the English chunk (english.ts). */
registerMessages(careZhCN);
