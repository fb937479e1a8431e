/**
 * A text area's `showCount` that stays out of the way: the count appears once the text nears its
 * limit (the last tenth), so whoever types a long note sees why it stops growing at 2000.
 */
export const countNearLimit = {
  formatter: ({ count, maxLength }: { count: number; maxLength?: number }) => (maxLength && count >= maxLength * 0.9 ? `${count} / ${maxLength}` : ''),
};
