import type { ChildSummary } from '@carebridge/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { careApi, careKeys } from './care-records.api.ts';

/** What a picker knows of a child: enough to label it and keep one record within one school. */
export interface KnownChild {
  id: string;
  name: string;
  className?: string | null;
  schoolId?: string | null;
}

const fromSummary = (c: ChildSummary): KnownChild => ({ id: c.id, name: c.name, className: c.className, schoolId: c.schoolId });

interface Props {
  mode?: 'multiple';
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** Children already chosen (prefilled or from the record being edited), so their names show at once. */
  initial?: readonly KnownChild[];
  /** Search within this school only (a record's children all belong to one school). */
  schoolId?: string | undefined;
  /** Called with what is known of the chosen children (e.g. their school). */
  onPick?: (children: KnownChild[]) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * The tag of each chosen child: its name, and its class too where another chosen child has the same
 * name ("张伟（三年级1班）"), or two tags would read the same.
 */
export function tagLabels(selected: readonly string[], known: ReadonlyMap<string, KnownChild>, withClass: (name: string, className: string) => string) {
  const names = new Map<string, number>();
  for (const cid of selected) {
    const name = known.get(cid)?.name;
    if (name) names.set(name, (names.get(name) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const cid of selected) {
    const c = known.get(cid);
    if (c) out.set(cid, c.className && (names.get(c.name) ?? 0) > 1 ? withClass(c.name, c.className) : c.name);
  }
  return out;
}

/**
 * Children by name, searched on the server as the user types (GET /api/children?q=, the list view,
 * so no audited full archive is read). Works as a Form.Item control, single or multiple.
 */
export function ChildSelect({ mode, value, onChange, initial, schoolId, onPick, placeholder, allowClear, style, id, disabled, ...rest }: Props) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<Map<string, KnownChild>>(() => new Map((initial ?? []).map((c) => [c.id, c])));

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    if (!initial?.length) return;
    setKnown((m) => {
      const next = new Map(m);
      for (const c of initial) if (!next.has(c.id)) next.set(c.id, c);
      return next;
    });
  }, [initial]);

  const results = useQuery({
    queryKey: careKeys.childSearch(q, schoolId),
    queryFn: () => careApi.searchChildren(q, schoolId),
    placeholderData: keepPreviousData,
    enabled: !disabled,
    staleTime: 60_000,
  });

  useEffect(() => {
    if (!results.data?.length) return;
    setKnown((m) => {
      const next = new Map(m);
      for (const c of results.data) next.set(c.id, fromSummary(c));
      return next;
    });
  }, [results.data]);

  const selected = useMemo(() => (Array.isArray(value) ? value : value ? [value] : []), [value]);
  const options = useMemo(() => {
    const ids = [...selected, ...(results.data ?? []).map((c) => c.id).filter((id) => !selected.includes(id))];
    const tags = tagLabels(selected, known, (name, className) => t('validation.aside', { text: name, note: className }));
    return ids.map((cid) => {
      const c = known.get(cid);
      const name = c?.name ?? '…';
      return { value: cid, label: tags.get(cid) ?? name, name, title: c?.className ?? undefined };
    });
  }, [selected, results.data, known, t]);

  return (
    <Select
      id={id}
      mode={mode}
      value={mode ? selected : (selected[0] ?? null)}
      onChange={(v: string | string[] | undefined) => {
        onChange?.(v ?? undefined);
        const ids = Array.isArray(v) ? v : v ? [v] : [];
        onPick?.(ids.map((cid) => known.get(cid) ?? { id: cid, name: cid }));
        setTyped('');
      }}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed, autoClearSearchValue: true }}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.name}
          {o.data.title && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {o.data.title}
            </Typography.Text>
          )}
        </span>
      )}
      loading={results.isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      style={{ minWidth: 200, ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
