import { complianceZhCN } from './compliance.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the care-policy, compliance and to-do pages. Their English texts come with the English chunk (english.ts). */
registerMessages(complianceZhCN);
