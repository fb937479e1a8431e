import { campaignsZhCN } from './campaigns.zh-CN.ts';
import { registerMessages } from './translate.ts';

/** Imported (for this side effect) by every module of the home-visit campaign pages. Their English texts come with the English chunk (english.ts). */
registerMessages(campaignsZhCN);
