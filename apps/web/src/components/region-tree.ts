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

/** Tree data for antd TreeSelect: "name · level". */
export function regionOptions(tree: readonly RegionNode[], levelLabel: (level: string) => string): RegionOption[] {
  return tree.map((n) => ({
    value: n.id,
    title: `${n.name} · ${levelLabel(n.level)}`,
    ...(n.children ? { children: regionOptions(n.children, levelLabel) } : {}),
  }));
}
