import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Activity, Attendance, AttendanceLine } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { ChildSelect } from '../care-records/ChildSelect.tsx';
import { activitiesApi, sheetChanged } from './activities.api.ts';
import { PRIORITY } from './activity-format.tsx';

const tight = { marginInlineEnd: 0 };

function ApplicantRow({ line, index, onWithdraw }: { line: AttendanceLine; index: number; onWithdraw?: (() => Promise<void>) | undefined }) {
  const t = useT();
  const p = PRIORITY[(line.rank ?? 2) as 0 | 1 | 2];
  return (
    <Flex
      align="center"
      gap={12}
      style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0', background: line.offered ? undefined : '#fafafa' }}
      data-testid="applicant-row"
      data-offered={line.offered ? 'true' : 'false'}
    >
      <Typography.Text type="secondary" style={{ width: 24, textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>
        {index + 1}
      </Typography.Text>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text strong>{line.name}</Typography.Text>
          {line.className && <Typography.Text type="secondary">{line.className}</Typography.Text>}
        </Flex>
        <Flex gap={4} wrap align="center">
          <Tag color={p.color} style={tight} data-testid="applicant-rank">
            {t(p.key)}
          </Tag>
          <Tag color={line.offered ? 'green' : 'default'} style={tight} data-testid="applicant-offered">
            {t(line.offered ? 'activityApplicants.offered' : 'activityApplicants.waiting')}
          </Tag>
          {line.appliedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('activityApplicants.appliedAt', { at: shanghaiTime(line.appliedAt) })}
            </Typography.Text>
          )}
        </Flex>
      </div>
      {onWithdraw && line.id && (
        <Popconfirm title={t('activityApplicants.withdrawConfirm', { name: line.name })} onConfirm={onWithdraw}>
          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('activityApplicants.withdraw')} data-testid="applicant-withdraw" />
        </Popconfirm>
      )}
    </Flex>
  );
}

interface Props {
  activity: Activity;
  sheet: Attendance;
  /** Whether this user may ask for places (organisers, and class teachers for their children). */
  canApply: boolean;
}

/** 报名 (三个优先): who asked for one of the limited places, in the order places are offered, and who got one. */
export function ApplicantsPanel({ activity: a, sheet, canApply }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [childIds, setChildIds] = useState<string[]>([]);
  const [pupil, setPupil] = useState({ name: '', className: '' });
  const [busy, setBusy] = useState(false);
  const applicants = sheet.lines.filter((l) => l.kind !== 'adult' && l.appliedAt);

  const answered = (next: Attendance, text: string) => {
    sheetChanged(qc, a.id, next);
    message.success(text);
  };
  const send = async (body: Parameters<typeof activitiesApi.apply>[1]) => {
    setBusy(true);
    try {
      answered(await activitiesApi.apply(a.id, body), t('activityApplicants.applied'));
      return true;
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const withdraw = (lineId: string) => async () => {
    try {
      answered(await activitiesApi.withdraw(a.id, lineId), t('activityApplicants.withdrawn'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Card size="small" title={t('activityDetail.tabApplicants')} data-testid="applicants" styles={{ body: { padding: 0 } }}>
      <div style={{ padding: 12 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('activityApplicants.intro', { capacity: sheet.capacity ?? 0 })}
        </Typography.Paragraph>
        <Typography.Text strong data-testid="applicants-count">
          {t('activityApplicants.count', { count: applicants.length, capacity: sheet.capacity ?? 0 })}
        </Typography.Text>
      </div>
      {applicants.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityApplicants.empty')} />
      ) : (
        <div style={{ borderTop: '1px solid #f0f0f0' }}>
          {applicants.map((l, i) => (
            <ApplicantRow key={l.id ?? l.childId ?? i} line={l} index={i} onWithdraw={a.canEdit && l.id ? withdraw(l.id) : undefined} />
          ))}
        </div>
      )}
      {canApply && (
        <Flex vertical gap={8} style={{ padding: 12 }}>
          <Typography.Text strong>{t('activityApplicants.applyChildren')}</Typography.Text>
          <Flex gap={8} wrap>
            <ChildSelect
              mode="multiple"
              value={childIds}
              onChange={(v) => setChildIds(Array.isArray(v) ? v : v ? [v] : [])}
              schoolId={a.schoolId}
              placeholder={t('activityAttendance.addChildPlaceholder')}
              style={{ flex: 1, minWidth: 200, maxWidth: 420 }}
              data-testid="apply-children"
            />
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              disabled={!childIds.length}
              loading={busy}
              onClick={async () => {
                if (await send({ childIds })) setChildIds([]);
              }}
              data-testid="apply-submit"
            >
              {t('activityApplicants.apply')}
            </Button>
          </Flex>
          {a.canEdit && (
            <>
              <Typography.Text strong style={{ marginTop: 4 }}>
                {t('activityApplicants.applyPupil')}
              </Typography.Text>
              <Flex gap={8} wrap>
                <Input
                  value={pupil.name}
                  onChange={(e) => setPupil((p) => ({ ...p, name: e.target.value }))}
                  maxLength={50}
                  placeholder={t('activityApplicants.pupilName')}
                  style={{ width: 150 }}
                  data-testid="apply-pupil-name"
                />
                <Input
                  value={pupil.className}
                  onChange={(e) => setPupil((p) => ({ ...p, className: e.target.value }))}
                  maxLength={50}
                  placeholder={t('activityApplicants.pupilClass')}
                  style={{ width: 150 }}
                  data-testid="apply-pupil-class"
                />
                <Button
                  icon={<UserAddOutlined />}
                  disabled={!pupil.name.trim()}
                  loading={busy}
                  onClick={async () => {
                    if (await send({ pupils: [{ name: pupil.name.trim(), className: pupil.className.trim() || null }] })) setPupil({ name: '', className: '' });
                  }}
                  data-testid="apply-pupil-submit"
                >
                  {t('activityApplicants.apply')}
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      )}
    </Card>
  );
}
