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

/** Tree data for antd TreeSelect: the name, and its level where the name does not say it. */
export function regionOptions(tree: readonly RegionNode[], levelLabel: (level: string) => string): RegionOption[] {
  return tree.map((n) => ({
    value: n.id,
    title: regionTitle(n.name, n.level, levelLabel),
    ...(n.children ? { children: regionOptions(n.children, levelLabel) } : {}),
  }));
}
