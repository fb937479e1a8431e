import type { Region } from '@carebridge/shared';

export type RegionNode = Region & { children?: RegionNode[] };

/**
 * Nest the flat region list by parentId. Regions whose parent is not visible to the user (a bureau
 * officer sees its own county, not the province) become roots. Siblings keep the server's order.
 */
export function buildRegionTree(regions: readonly Region[]): RegionNode[] {
  const nodes = new Map<string, RegionNode>(regions.map((r) => [r.id, { ...r }]));
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  return roots;
}

export interface RegionOption {
  value: string;
  title: string;
  /** Shown for context (the province above a county officer's county), not to be picked. */
  disabled?: boolean;
  children?: RegionOption[];
}

/** The endings of Chinese region names that already say their level (青山县, 城关镇, 海淀区). */
const LEVEL_ENDINGS: Record<string, readonly string[]> = {
  province: ['省', '自治区', '市', '特别行政区'],
  city: ['市', '州', '盟', '地区'],
  county: ['县', '区', '旗', '市'],
  township: ['乡', '镇', '街道', '苏木'],
};

/** "青山县", not "青山县 · 县（区）": the level is added only when the name does not say it. */
export function regionTitle(name: string, level: string, levelLabel: (level: string) => string): string {
  return (LEVEL_ENDINGS[level] ?? []).some((e) => name.endsWith(e)) ? name : `${name} · ${levelLabel(level)}`;
}

/**
 * Tree data for antd TreeSelect: the name, and its level where the name does not say it. With
 * `pickable`, the other regions are greyed out (kept in the tree, so a county reads under its province).
 */
export function regionOptions(tree: readonly RegionNode[], levelLabel: (level: string) => string, pickable?: (r: Region) => boolean): RegionOption[] {
  return tree.map((n) => ({
    value: n.id,
    title: regionTitle(n.name, n.level, levelLabel),
    ...(pickable && !pickable(n) ? { disabled: true } : {}),
    ...(n.children ? { children: regionOptions(n.children, levelLabel, pickable) } : {}),
  }));
}

/**
 * Whether the user manages a region (what a new school or a county calendar may be put in): an
 * administrator every region, a bureau officer its own and those under it (the ids in its path).
 */
export function managesRegion(roles: readonly { role: string; regionId: string | null }[], region: Pick<Region, 'path'>): boolean {
  return roles.some((a) => a.role === 'system_admin' || (a.role === 'bureau_officer' && !!a.regionId && region.path.includes(`/${a.regionId}/`)));
}
