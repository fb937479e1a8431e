import type { ImportPreview, ImportResult } from '@carebridge/shared';
import { Button, Card, Result } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { SkippedRows } from './ImportRows.tsx';
import { resultText, skippedRows } from './import-outcome.ts';

/** The outcome of a commit, with the rows it skipped for their errors. */
export function ImportDone({ preview, result, listLink, onAgain }: { preview: ImportPreview; result: ImportResult; listLink: string; onAgain: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const skipped = useMemo(() => skippedRows(preview), [preview]);
  return (
    <Card data-testid="roster-result">
      <Result
        status={skipped.length ? 'warning' : 'success'}
        title={t('rosters.resultTitle')}
        subTitle={<span data-testid="roster-result-text">{resultText(t, result, skipped.length)}</span>}
        extra={[
          <Button key="list" type="primary" onClick={() => navigate(listLink)} data-testid="roster-to-list">
            {t('rosters.toList')}
          </Button>,
          <Button key="again" onClick={onAgain}>
            {t('rosters.again')}
          </Button>,
        ]}
      />
      {skipped.length > 0 && <SkippedRows rows={skipped} />}
    </Card>
  );
}
