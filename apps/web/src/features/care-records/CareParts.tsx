import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, LockOutlined } from '@ant-design/icons';
import type { CareKind, CareRecord } from '@carebridge/shared';
import { Flex, Image, Tag, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import { KIND_META, useCareLabels } from './care-format.tsx';

const tight = { marginInlineEnd: 0 };

export function KindTag({ kind }: { kind: CareKind }) {
  const labels = useCareLabels();
  const meta = KIND_META[kind];
  return (
    <Tag color={meta.color} icon={meta.icon} style={tight} data-testid="care-kind-tag">
      {labels.kind(kind)}
    </Tag>
  );
}

/** Open (orange), overdue (red) or done (green); nothing when no follow-up was asked for. */
export function FollowUpTag({ record, today }: { record: Pick<CareRecord, 'followUpNeeded' | 'followUpDate' | 'followUpDone'>; today: string }) {
  const t = useT();
  if (!record.followUpNeeded) return null;
  if (record.followUpDone)
    return (
      <Tag color="green" icon={<CheckCircleOutlined />} style={tight}>
        {t('careRecords.followUpDone')}
      </Tag>
    );
  const date = record.followUpDate ?? '';
  const overdue = !!date && date < today;
  return (
    <Tag color={overdue ? 'red' : 'orange'} icon={overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />} style={tight} data-testid="care-follow-up">
      {date ? t(overdue ? 'careRecords.followUpOverdue' : 'careRecords.followUpOpen', { date }) : t('careRecords.followUpNoDate')}
    </Tag>
  );
}

/**
 * A record the user may not read: one grey line, never an empty card. Counselling is confidential;
 * any other record is withheld from a bureau officer until it gives a reason for the child.
 */
export function RedactedNote({ confidential }: { confidential: boolean }) {
  const t = useT();
  return (
    <Typography.Text type="secondary" data-testid="care-redacted">
      <LockOutlined /> {t(confidential ? 'care.confidentialNote' : 'care.reasonNote')}
    </Typography.Text>
  );
}

/** Small photos that open large in a preview group (swipe through on phones). */
export function PhotoThumbs({ photos, size = 56, testId = 'care-photo' }: { photos: CareRecord['photos']; size?: number; testId?: string }) {
  const t = useT();
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={6} wrap onClick={(e) => e.stopPropagation()}>
        {photos.map((p, i) => (
          <Image
            key={p.id}
            src={p.thumbUrl}
            preview={{ src: p.url }}
            width={size}
            height={size}
            alt={t('careRecords.photoAlt', { index: i + 1 })}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            loading="lazy"
            data-testid={testId}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
