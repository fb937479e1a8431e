import { Alert, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import { useCareLabels } from './care-format.tsx';
import { useHomeVisitWindows } from './care-records.api.ts';
import { visitWindowNote } from './visit-window.ts';

/**
 * Under 家访时段: the window of the point chosen (期中：11-02 至 11-22), or — before saving — that a
 * visit on this date will not count towards it, as the compliance pages will judge it.
 */
export function VisitWindowHint({ schoolId, date, point }: { schoolId: string | undefined; date: string | undefined; point: string | null | undefined }) {
  const t = useT();
  const labels = useCareLabels();
  const windows = useHomeVisitWindows(schoolId, date);
  const note = visitWindowNote(windows.data, date, point);
  if (!note || !point) return null;
  const name = labels.option('termPoint', point);
  if (note.kind === 'inside')
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="visit-window">
        {t('careForm.visitWindow', { point: name, start: note.start, end: note.end })}
      </Typography.Text>
    );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ fontSize: 13 }}
      title={note.kind === 'noTerm' ? t('careForm.visitNoTerm') : t('careForm.visitOutside', { point: name, start: note.start, end: note.end })}
      data-testid="visit-window"
    />
  );
}
