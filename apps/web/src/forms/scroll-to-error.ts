/**
 * Where a failed submit takes the user: the first field in error in the middle of the screen, its
 * input focused — at the top (antd's default) it sat under the sticky header and its message unseen.
 */
export const scrollToError = { block: 'center', focus: true } as const;
