/**
 * The sider's scrollTop that shows its selected menu item, or null when the item is in view already.
 * `item.top` is the item's top in the sider's content (from the sider's top, its scroll included). An
 * item out of view is centred, so that its neighbours show too. At 768 px the set-up items (区域 … 用户)
 * are below the fold of the sticky sider: without this, their page opened with its menu item out of sight.
 */
export function siderScrollFor(sider: { scrollTop: number; clientHeight: number; scrollHeight: number }, item: { top: number; height: number }): number | null {
  const { scrollTop, clientHeight, scrollHeight } = sider;
  if (item.top >= scrollTop && item.top + item.height <= scrollTop + clientHeight) return null;
  const centred = Math.round(item.top + item.height / 2 - clientHeight / 2);
  return Math.max(0, Math.min(scrollHeight - clientHeight, centred));
}
