import type { School } from '@carebridge/shared';
import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useSchools } from '../api/queries.ts';
import { useT } from '../i18n/lang.tsx';

/**
 * The school a per-school page works on, kept in the URL (?school=…) so links and reloads keep it;
 * defaults to the first visible school.
 */
export function useSelectedSchool() {
  const [params, setParams] = useSearchParams();
  const schools = useSchools();
  const wanted = params.get('school');
  const list = schools.data ?? [];
  const school = list.find((s) => s.id === wanted) ?? list[0];
  const setSchoolId = (id: string) =>
    setParams(
      (p) => {
        p.set('school', id);
        return p;
      },
      { replace: true },
    );
  return { school, schoolId: school?.id, setSchoolId, schools };
}

interface Props {
  value?: string | undefined;
  onChange?: (id: string) => void;
  schools: readonly School[];
  loading?: boolean;
  style?: React.CSSProperties;
  id?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** What an empty choice means on this page (default "选择学校"). */
  placeholder?: string;
  'data-testid'?: string;
}

/** A searchable school select (also used as a Form.Item control). */
export function SchoolPicker({ value, onChange, schools, loading, style, id, disabled, allowClear, placeholder, ...rest }: Props) {
  const t = useT();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={loading}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={placeholder ?? t('common.pickSchool')}
      notFoundContent={t('common.noSchool')}
      options={schools.map((s) => ({ value: s.id, label: s.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 220, ...style }}
      data-testid={rest['data-testid'] ?? 'school-picker'}
    />
  );
}
