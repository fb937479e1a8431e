import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import type { Term } from '@carebridge/shared';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../children/child-format.ts';
import { useTerms } from '../terms/terms.api.ts';
import { rostersApi } from './rosters.api.ts';

interface Props {
  schoolId?: string | undefined;
  classId?: string | undefined;
  regionId?: string | undefined;
  testId?: string;
}

/** The term that contains today, else the latest one that has started. */
function currentTerm(terms: readonly Term[] | undefined, today: string): Term | undefined {
  if (!terms?.length) return undefined;
  const within = terms.find((t) => t.startDate <= today && today <= t.endDate);
  if (within) return within;
  return [...terms].filter((t) => t.startDate <= today).sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
}

/**
 * 导出: the roster of the narrowest scope chosen (class, else school, else region) as the school's
 * own layout or the official registration form, for the current term of the school.
 */
export function ExportButton({ schoolId, classId, regionId, testId = 'children-export' }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const terms = useTerms(schoolId);
  const [busy, setBusy] = useState(false);
  const scope = classId ? { classId } : schoolId ? { schoolId } : regionId ? { regionId } : null;

  const run = async (layout: 'school' | 'official') => {
    if (!scope) {
      message.warning(t('children.exportNeedsScope'));
      return;
    }
    setBusy(true);
    const hide = message.loading(t('children.exporting'), 0);
    try {
      const today = todayInShanghai();
      const term = schoolId ? currentTerm(terms.data, today) : undefined;
      const name = await rostersApi.exportRoster({ ...scope, termId: term?.id, layout });
      message.success(t('children.exported', { name }));
    } catch (err) {
      message.error({ content: err instanceof Error ? err.message : String(err), duration: 8 });
    } finally {
      hide();
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'school', label: <span data-testid={`${testId}-school`}>{t('children.exportSchool')}</span> },
          { key: 'official', label: <span data-testid={`${testId}-official`}>{t('children.exportOfficial')}</span> },
        ],
        onClick: ({ key }) => void run(key as 'school' | 'official'),
      }}
    >
      <Button icon={<ExportOutlined />} loading={busy} data-testid={testId}>
        {t('children.export')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
