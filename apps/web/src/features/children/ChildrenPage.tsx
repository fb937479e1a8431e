import {
  FilterOutlined,
  ImportOutlined,
  PlusOutlined,
  PrinterOutlined,
  SearchOutlined,
  SortAscendingOutlined,
  SortDescendingOutlined,
} from '@ant-design/icons';
import { CHILD_SORTS, type ChildSummary, compareClasses } from '@carebridge/shared';
import { Badge, Button, Card, Empty, Flex, Grid, Input, List, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useClasses, useSchools } from '../../api/queries.ts';
import { canManage, canSee } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useT } from '../../i18n/lang.tsx';
import { ExportButton } from '../rosters/ExportButton.tsx';
import { ChildFilterPanel, countPanelFilters, PANEL_KEYS } from './ChildFilterPanel.tsx';
import { DifficultyTags, KeySupportTag, LeftBehindTag, StatusTag, ThreeClearMark } from './ChildTags.tsx';
import { useChildLabels } from './child-format.ts';
import { CHILD_FILTER_KEYS, type ChildFilterKey, type ChildFilters, useChildPages } from './children.api.ts';

/** `?school=all` lists every visible school; no `school` at all means the first one (as on the other per-school pages). */
const ALL = 'all';

const SORT_LABELS = {
  name: 'children.sortName',
  birthDate: 'children.sortBirthDate',
  class: 'children.sortClass',
  updatedAt: 'children.sortUpdatedAt',
} as const;

/**
 * The list state lives in the URL (?school=…&classId=…&q=…), so that the detail page's "back",
 * a reload or a shared link shows the same list.
 */
function useListState() {
  const [params, setParams] = useSearchParams();
  const schools = useSchools();
  const list = schools.data ?? [];
  const wanted = params.get('school');
  // A bureau officer or an administrator reads a region: the list opens on all its schools (共 N 名 of
  // the county); a school's staff on their school (the first, for a leader of several).
  const regional = !!useMe().data?.roles.some((r) => r.role === 'bureau_officer' || r.role === 'system_admin');
  const all = wanted === ALL || (wanted === null && regional);
  const schoolId = all ? undefined : (list.find((s) => s.id === wanted) ?? list[0])?.id;
  const filters: ChildFilters = {};
  for (const k of CHILD_FILTER_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== '' && k !== 'schoolId') filters[k] = v;
  }
  if (schoolId) filters.schoolId = schoolId;
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );
  return { schools, schoolId, allSchools: all, filters, update };
}

function Guardian({ c }: { c: ChildSummary }) {
  const labels = useChildLabels();
  if (!c.guardianName && !c.guardianRelation && !c.guardianPhone) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={0} style={{ lineHeight: 1.4 }}>
      <span>
        {c.guardianRelation && <Typography.Text type="secondary">{labels.code('guardianRelation', c.guardianRelation)} · </Typography.Text>}
        {c.guardianName ?? '—'}
      </span>
      {c.guardianPhone && <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{c.guardianPhone}</Typography.Text>}
    </Flex>
  );
}

/** One child as a card, for phones (a 12-column table does not fit 360 px). */
function ChildCard({ c }: { c: ChildSummary }) {
  const t = useT();
  const labels = useChildLabels();
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Link to={`/children/${c.id}`} data-testid="child-row-link" style={{ fontSize: 16, fontWeight: 600 }}>
            {c.name}
          </Link>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {labels.code('gender', c.gender)} · {t('children.years', { age: c.derived.age })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{c.className ?? t('children.noClass')}</Typography.Text>
          </div>
        </div>
        {c.status !== 'active' ? <StatusTag status={c.status} /> : <LeftBehindTag type={c.derived.leftBehindType} />}
      </Flex>
      <div style={{ marginTop: 8 }}>
        <Guardian c={c} />
      </div>
      <Flex gap={6} wrap align="center" style={{ marginTop: 8 }}>
        {c.status !== 'active' && <LeftBehindTag type={c.derived.leftBehindType} />}
        {c.keySupport && <KeySupportTag />}
        <DifficultyTags difficulty={c.derived.difficulty} />
        <ThreeClearMark threeClear={c.derived.threeClear} />
      </Flex>
    </Card>
  );
}

/** 儿童档案: the children in the user's scope, filtered, searched and sorted on the server, loaded page by page. */
export default function ChildrenPage() {
  const t = useT();
  const labels = useChildLabels();
  const navigate = useNavigate();
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const { schools, schoolId, allSchools, filters, update } = useListState();
  const classes = useClasses({ schoolId }, !!schoolId);
  const [panelOpen, setPanelOpen] = useState(() => countPanelFilters(filters) > 0);
  const [q, setQ] = useState(filters.q ?? '');
  const listEnabled = !schools.isLoading && (allSchools || !!schoolId);
  const pages = useChildPages(filters, listEnabled);
  // Until the first page is in (the schools come first), the table shows it loading, not "no children".
  const firstLoad = schools.isLoading || (listEnabled && pages.isPending);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  // How many match in all, counted with the first page (up to 10,000: past it, "more than").
  const total = pages.data?.pages[0]?.total;
  const capped = pages.data?.pages[0]?.totalCapped === true;
  const sortedClasses = useMemo(() => [...(classes.data ?? [])].sort(compareClasses), [classes.data]);

  // Search as the user types (after a pause); Enter searches at once.
  useEffect(() => {
    const next = q.trim() || undefined;
    if (next === filters.q) return;
    const timer = setTimeout(() => update({ q: next }), 400);
    return () => clearTimeout(timer);
  });

  const setFilter = (key: ChildFilterKey, value: string | undefined) => update({ [key]: value });
  const clearPanel = () => update(Object.fromEntries(PANEL_KEYS.map((k) => [k, undefined])));
  const multiSchool = (schools.data?.length ?? 0) > 1;
  const onlyClass = sortedClasses.length === 1 ? sortedClasses[0]?.id : undefined;
  const printClassId = filters.classId ?? onlyClass;
  const manage = canManage(me, 'children');
  const panelCount = countPanelFilters(filters);
  const sort = filters.sort ?? 'name';
  const order = filters.order ?? 'asc';

  const columns: ColumnsType<ChildSummary> = [
    {
      title: labels.field('name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, c) => (
        <Link to={`/children/${c.id}`} data-testid="child-row-link" style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
          {name}
        </Link>
      ),
    },
    { title: labels.field('gender'), dataIndex: 'gender', render: (g: string) => labels.code('gender', g) },
    { title: labels.field('age'), key: 'age', align: 'right', render: (_, c) => c.derived.age },
    ...(allSchools ? [{ title: labels.field('schoolId'), dataIndex: 'schoolName', render: (v: string) => v }] : []),
    {
      title: labels.field('classId'),
      dataIndex: 'className',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? t('children.noClass')}</span>,
    },
    { title: labels.field('leftBehindType'), key: 'type', render: (_, c) => <LeftBehindTag type={c.derived.leftBehindType} /> },
    {
      // The field's full English name ("Left-behind code (school register)") wraps over its values rather than widen the table.
      title: <div style={{ maxWidth: 150, whiteSpace: 'normal' }}>{labels.field('xuejiCode')}</div>,
      key: 'xueji',
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{labels.code('xuejiCode', c.derived.xuejiCode)}</span>,
    },
    { title: t('children.guardian'), key: 'guardian', render: (_, c) => <Guardian c={c} /> },
    { title: labels.field('boarding'), dataIndex: 'boarding', render: (v: string | null) => labels.code('boarding', v) || '—' },
    {
      title: t('children.keySupport'),
      dataIndex: 'keySupport',
      align: 'center',
      render: (v: boolean) => (v ? <KeySupportTag /> : null),
    },
    { title: labels.field('difficulty'), key: 'difficulty', render: (_, c) => <DifficultyTags difficulty={c.derived.difficulty} /> },
    { title: labels.field('threeClear'), key: 'threeClear', render: (_, c) => <ThreeClearMark threeClear={c.derived.threeClear} /> },
    { title: labels.field('status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('children.title')}
        extra={
          <>
            {manage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/children/new${schoolId ? `?school=${schoolId}${filters.classId ? `&classId=${filters.classId}` : ''}` : ''}`)}
                data-testid="children-create"
              >
                {t('children.create')}
              </Button>
            )}
            {canManage(me, 'rosters') && (
              <Button
                icon={<ImportOutlined />}
                onClick={() => navigate(`/rosters/import${schoolId ? `?school=${schoolId}` : ''}`)}
                data-testid="children-import"
              >
                {t('children.import')}
              </Button>
            )}
            <ExportButton schoolId={schoolId} classId={filters.classId} regionId={filters.regionId} />
            <Tooltip title={printClassId ? undefined : t('children.printClassHint')}>
              <Button
                icon={<PrinterOutlined />}
                disabled={!printClassId}
                onClick={() => printClassId && navigate(`/children/print/contact?classId=${printClassId}`)}
                data-testid="children-print-class"
              >
                {t('children.printClass')}
              </Button>
            </Tooltip>
          </>
        }
      >
        <Flex gap={8} wrap align="center">
          {multiSchool && (
            <SchoolPicker
              value={schoolId}
              // Cleared (undefined at run time): every visible school.
              onChange={(id) => update({ school: id || ALL, classId: undefined })}
              allowClear
              placeholder={t('children.allSchools')}
              schools={schools.data ?? []}
              loading={schools.isLoading}
              style={{ width: mobile ? '100%' : 240 }}
              data-testid="children-school"
            />
          )}
          <Select
            allowClear
            value={filters.classId}
            onChange={(v: string | undefined) => update({ classId: v })}
            placeholder={t('children.allClasses')}
            disabled={!schoolId}
            loading={classes.isLoading}
            options={sortedClasses.map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: mobile ? 'calc(50% - 4px)' : 160 }}
            data-testid="children-class"
          />
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onPressEnter={() => update({ q: q.trim() || undefined })}
            placeholder={t('children.searchPlaceholder')}
            aria-label={t('common.search')}
            style={{ width: mobile ? '100%' : 300, order: mobile ? -1 : 0 }}
            data-testid="children-search"
          />
          <Space.Compact>
            <Select
              value={sort}
              onChange={(v: string) => update({ sort: v === 'name' ? undefined : v })}
              options={CHILD_SORTS.map((s) => ({ value: s, label: t(SORT_LABELS[s]) }))}
              style={{ width: 130 }}
              aria-label={t('children.sort')}
              data-testid="children-sort"
            />
            <Tooltip title={t(order === 'asc' ? 'children.asc' : 'children.desc')}>
              <Button
                icon={order === 'asc' ? <SortAscendingOutlined /> : <SortDescendingOutlined />}
                onClick={() => update({ order: order === 'asc' ? 'desc' : undefined })}
                aria-label={t(order === 'asc' ? 'children.asc' : 'children.desc')}
                data-testid="children-order"
              />
            </Tooltip>
          </Space.Compact>
          <Badge count={panelCount} size="small" color="#c2410c">
            <Button icon={<FilterOutlined />} onClick={() => setPanelOpen(!panelOpen)} aria-expanded={panelOpen} data-testid="children-filters-toggle">
              {t(panelOpen ? 'children.lessFilters' : 'children.moreFilters')}
            </Button>
          </Badge>
        </Flex>
        {panelOpen && (
          <Card size="small" style={{ marginTop: 12 }}>
            <ChildFilterPanel filters={filters} onChange={setFilter} onClear={clearPanel} showRegion={canSee(me, 'regions') && allSchools} />
          </Card>
        )}
      </PageHeader>
      <QueryError error={pages.error ?? schools.error} onRetry={() => pages.refetch()} />
      <div data-testid="children-table">
        {mobile ? (
          <List
            loading={firstLoad}
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('children.empty')} /> }}
            renderItem={(c) => (
              <List.Item key={c.id} style={{ padding: '6px 0', borderBlockEnd: 'none' }}>
                <ChildCard c={c} />
              </List.Item>
            )}
          />
        ) : (
          <Card styles={{ body: { padding: 0 } }}>
            <Table<ChildSummary>
              rowKey="id"
              size="middle"
              loading={firstLoad || (pages.isFetching && !pages.isFetchingNextPage)}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={columns}
              locale={{ emptyText: <Empty description={t('children.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
          </Card>
        )}
      </div>
      <Flex justify="center" align="center" gap={12} style={{ padding: 12 }}>
        {rows.length > 0 && (
          <Typography.Text type="secondary" data-testid="children-count">
            {capped && total !== undefined
              ? t('children.loadedOfMore', { count: rows.length, total })
              : total !== undefined && total > rows.length
                ? t('children.loadedOf', { count: rows.length, total })
                : t('children.total', { count: rows.length })}
          </Typography.Text>
        )}
        {pages.hasNextPage ? (
          <Button onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="children-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
