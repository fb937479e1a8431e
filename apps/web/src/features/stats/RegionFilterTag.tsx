import '../../i18n/reports.ts';
import { Tag } from 'antd';
import { useRegions } from '../../api/queries.ts';
import { useT } from '../../i18n/lang.tsx';

/** The region a list is narrowed to (a dashboard's drill-down keeps it: `?region=`), closable to see every school again. */
export function RegionFilterTag({ regionId, onClear }: { regionId: string | undefined; onClear: () => void }) {
  const t = useT();
  const regions = useRegions();
  if (!regionId) return null;
  const name = regions.data?.find((r) => r.id === regionId)?.name ?? '…';
  return (
    <Tag closable onClose={onClear} color="blue" style={{ marginInlineEnd: 0, padding: '2px 8px' }} data-testid="region-filter">
      {t('stats.regionFilter', { name })}
    </Tag>
  );
}
