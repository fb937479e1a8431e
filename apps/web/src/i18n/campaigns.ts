import { campaignsEnUS } from './campaigns.en-US.ts';
import { campaignsZhCN } from './campaigns.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the home-visit campaign pages. */
registerMessages({ 'zh-CN': campaignsZhCN, 'en-US': campaignsEnUS });
