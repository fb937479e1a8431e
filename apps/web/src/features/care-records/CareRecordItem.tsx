import type { CareRecord } from '@carebridge/shared';
import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { FollowUpTag, KindTag, PhotoThumbs, RedactedNote } from './CareParts.tsx';

function Children({ record }: { record: CareRecord }) {
  return (
    <Flex gap={8} wrap style={{ minWidth: 0 }}>
      {record.children.map((c) => (
        <Link key={c.id} to={`/children/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600 }}>
          {c.name}
        </Link>
      ))}
    </Flex>
  );
}

/**
 * One record in the list: kind, date, children, follow-up, two lines of summary, photos, author.
 * A confidential record the user may not read is one grey line, not an empty card.
 */
export function CareRecordItem({ record: r, today, onOpen }: { record: CareRecord; today: string; onOpen: () => void }) {
  const t = useT();
  if (r.redacted)
    return (
      <Card size="small" style={{ background: '#fafafa' }} data-testid="care-record">
        <Flex gap={8} wrap align="center">
          <KindTag kind={r.kind} />
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {r.date}
          </Typography.Text>
          <Children record={r} />
          <RedactedNote confidential={r.confidential} />
        </Flex>
      </Card>
    );
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen();
      }}
      data-testid="care-record"
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
          <KindTag kind={r.kind} />
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {r.date}
          </Typography.Text>
          <Children record={r} />
        </Flex>
        <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
          <FollowUpTag record={r} today={today} />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('careRecords.by', { name: r.authorName ?? '—' })}
          </Typography.Text>
        </Flex>
      </Flex>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '8px 0 0' }} data-testid="care-record-summary">
        {r.summary}
      </Typography.Paragraph>
      {r.photos.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <PhotoThumbs photos={r.photos} />
        </div>
      )}
    </Card>
  );
}
