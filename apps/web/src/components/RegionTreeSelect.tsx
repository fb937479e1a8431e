import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useRegions } from '../api/queries.ts';
import { useMe } from '../auth/session.ts';
import { useLabels } from '../i18n/labels.ts';
import { useT } from '../i18n/lang.tsx';
import { buildRegionTree, managesRegion, regionOptions } from './region-tree.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
  /** Only the regions the user manages can be picked (a new school's, a county calendar's); the rest are greyed out. */
  managedOnly?: boolean;
}

/** Pick one region from the visible region tree (works as a Form.Item control). */
export function RegionTreeSelect({ value, onChange, placeholder, allowClear, style, id, managedOnly, ...rest }: Props) {
  const t = useT();
  const labels = useLabels();
  const regions = useRegions();
  const roles = useMe().data?.roles;
  const treeData = useMemo(
    () => regionOptions(buildRegionTree(regions.data ?? []), labels.regionLevel, managedOnly ? (r) => managesRegion(roles ?? [], r) : undefined),
    [regions.data, labels, managedOnly, roles],
  );
  return (
    <TreeSelect
      id={id}
      // Until the regions arrive there is no name to show for the value: the placeholder, not its raw id.
      value={regions.data ? (value ?? undefined) : undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={regions.isLoading}
      placeholder={placeholder ?? t('common.select')}
      allowClear={allowClear}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ minWidth: 200, ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
