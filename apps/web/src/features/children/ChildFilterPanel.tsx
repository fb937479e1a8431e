import { type CodeListName, DIMENSIONS, GRADE_MAX, GRADE_MIN } from '@carebridge/shared';
import { Button, Col, Flex, Form, Row, Select } from 'antd';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from './child-format.ts';
import { CHILD_FILTER_KEYS, type ChildFilterKey, type ChildFilters } from './children.api.ts';

const GRADES = Array.from({ length: GRADE_MAX - GRADE_MIN + 1 }, (_, i) => GRADE_MIN + i);

/** The filters that sit above the collapsible panel (school, class, search and sort). */
const ABOVE_PANEL: ReadonlySet<ChildFilterKey> = new Set(['schoolId', 'classId', 'q', 'sort', 'order']);

/** The filters of the collapsible panel: all the others, in the API's order. */
export const PANEL_KEYS: ChildFilterKey[] = CHILD_FILTER_KEYS.filter((k) => !ABOVE_PANEL.has(k));

/** How many panel filters differ from their default (status "active" is the default). */
export function countPanelFilters(filters: ChildFilters): number {
  return PANEL_KEYS.filter((k) => filters[k] !== undefined && !(k === 'status' && filters[k] === 'active')).length;
}

interface Props {
  filters: ChildFilters;
  onChange: (key: ChildFilterKey, value: string | undefined) => void;
  onClear: () => void;
  showRegion: boolean;
}

/** Every list filter of GET /api/children, labelled from the shared dictionaries. */
export function ChildFilterPanel({ filters, onChange, onClear, showRegion }: Props) {
  const t = useT();
  const common = useLabels();
  const labels = useChildLabels();
  const yesNo = [
    { value: 'true', label: labels.yesNo(true) },
    { value: 'false', label: labels.yesNo(false) },
  ];
  const coded = (list: CodeListName) => labels.options(list);
  const selects: { key: ChildFilterKey; label: string; options: { value: string; label: string }[] }[] = [
    { key: 'grade', label: t('fields.grade'), options: GRADES.map((g) => ({ value: String(g), label: common.grade(g) })) },
    { key: 'leftBehindType', label: labels.field('leftBehindType'), options: coded('leftBehindType') },
    { key: 'xuejiCode', label: labels.field('xuejiCode'), options: ['0', '1', '2'].map((c) => ({ value: c, label: labels.code('xuejiCode', c) })) },
    { key: 'narrow', label: labels.field('narrow'), options: yesNo },
    { key: 'difficulty', label: labels.field('difficulty'), options: coded('difficulty') },
    { key: 'ageBand', label: labels.field('ageBand'), options: coded('ageBand') },
    { key: 'guardianRelation', label: labels.field('guardianRelation'), options: coded('guardianRelation') },
    { key: 'boarding', label: labels.field('boarding'), options: coded('boarding') },
    { key: 'custodyQuality', label: labels.field('custodyQuality'), options: coded('custodyQuality') },
    { key: 'keySupport', label: labels.field('keySupport'), options: yesNo },
    { key: 'threeClear', label: labels.field('threeClear'), options: yesNo },
    ...DIMENSIONS.map((d) => ({ key: `${d}Level` as ChildFilterKey, label: labels.field(`${d}Level`), options: coded('dimensionLevel') })),
  ];
  const statusOptions = [...coded('childStatus'), { value: 'all', label: t('children.statusAll') }];

  return (
    <Form layout="vertical" component="div" data-testid="children-filters" style={{ marginTop: 12 }}>
      <Row gutter={[12, 0]}>
        {showRegion && (
          <Col xs={24} sm={12} md={8} xl={6}>
            <Form.Item label={t('children.region')} style={{ marginBottom: 12 }}>
              <RegionTreeSelect
                value={filters.regionId}
                onChange={(v) => onChange('regionId', v)}
                allowClear
                style={{ width: '100%' }}
                data-testid="children-filter-regionId"
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} sm={8} md={6} xl={4}>
          <Form.Item label={labels.field('status')} style={{ marginBottom: 12 }}>
            <Select
              value={filters.status ?? 'active'}
              onChange={(v: string) => onChange('status', v === 'active' ? undefined : v)}
              options={statusOptions}
              data-testid="children-filter-status"
            />
          </Form.Item>
        </Col>
        {selects.map((s) => (
          <Col key={s.key} xs={12} sm={8} md={6} xl={4}>
            <Form.Item label={s.label} style={{ marginBottom: 12 }}>
              <Select
                allowClear
                value={filters[s.key]}
                onChange={(v: string | undefined) => onChange(s.key, v)}
                options={s.options}
                placeholder={t('common.all')}
                popupMatchSelectWidth={false}
                data-testid={`children-filter-${s.key}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Flex justify="end">
        <Button onClick={onClear} data-testid="children-filters-clear">
          {t('children.clearFilters')}
        </Button>
      </Flex>
    </Form>
  );
}
