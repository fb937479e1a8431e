import { complianceEnUS } from './compliance.en-US.ts';
import { complianceZhCN } from './compliance.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the care-policy, compliance and to-do pages. */
registerMessages({ 'zh-CN': complianceZhCN, 'en-US': complianceEnUS });
