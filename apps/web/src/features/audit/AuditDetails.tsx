import type { AuditEntry } from '@carebridge/shared';
import { Button, Descriptions, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLang, useT } from '../../i18n/lang.tsx';
import { auditDetails, detailsLine, rawSummary } from './audit-details.ts';

/**
 * The details of an entry in up to two lines as wide as the column, for the table (the full text on
 * hover, and in the expanded row); without details, `none` (a grey "—" in the table's cell).
 */
export function AuditDetailsLine({ entry, none = <Typography.Text type="secondary">—</Typography.Text> }: { entry: AuditEntry; none?: ReactNode }) {
  const { lang } = useLang();
  const details = auditDetails(lang, entry.summary, entry.entity, entry);
  if (!details.length) return none;
  const line = detailsLine(details, lang);
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: line }} style={{ margin: 0, fontSize: 13 }} data-testid="audit-details-line">
      {line}
    </Typography.Paragraph>
  );
}

/** Every detail of an entry, labelled and read out in full, and the raw data behind a button. */
export function AuditDetailsPanel({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { lang } = useLang();
  const [raw, setRaw] = useState(false);
  const details = auditDetails(lang, entry.summary, entry.entity, entry);
  if (!entry.summary || !details.length) return <Typography.Text type="secondary">{t('audit.noSummary')}</Typography.Text>;
  return (
    <div data-testid="audit-details">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={details.map((d) => ({
          key: d.key,
          label: d.label,
          children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{d.full}</span>,
        }))}
        styles={{ label: { width: 160 } }}
      />
      <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 4 }} onClick={() => setRaw(!raw)} data-testid="audit-raw-toggle">
        {raw ? t('audit.hideRaw') : t('audit.showRaw')}
      </Button>
      {raw && (
        <pre
          title={t('audit.raw')}
          style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', background: '#fafafa', padding: 8, borderRadius: 4 }}
          data-testid="audit-raw"
        >
          {rawSummary(entry.summary)}
        </pre>
      )}
    </div>
  );
}
