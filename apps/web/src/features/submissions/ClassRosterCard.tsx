import { EyeOutlined, SendOutlined, SolutionOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useClasses } from '../../api/queries.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { useTerms } from '../terms/terms.api.ts';
import { NoTermText } from './NoTermText.tsx';
import { SnapshotDrawer } from './SnapshotDrawer.tsx';
import { byAt, SubmissionTag } from './submission-format.tsx';
import { type Submission, useSubmissions } from './submissions.api.ts';
import { currentTerm } from './terms.ts';
import { useSubmissionActions } from './use-submission-actions.tsx';

/** "共 10 名；民政口径 6 名（0-5 岁 2，6-13 岁 4，14-16 岁 0）". */
export function SummaryLine({ s }: { s: Submission }) {
  const t = useT();
  if (s.status === 'draft') return null;
  const n = (k: string) => s.summary[k] ?? 0;
  return (
    <Typography.Text type="secondary" data-testid="submission-summary-line">
      {t('submissions.summaryLine', { children: s.children, narrow: n('narrow'), a: n('0-5'), b: n('6-13'), c: n('14-16') })}
    </Typography.Text>
  );
}

/** A returned roster's reason, in red above everything; an approval's remark in green. */
export function ReviewComment({ s, returnedTitle }: { s: Submission | undefined; returnedTitle: string }) {
  const t = useT();
  if (!s?.comment) return null;
  if (s.status === 'returned')
    return (
      <Alert
        type="error"
        showIcon
        title={returnedTitle}
        description={
          <div>
            <div style={{ fontSize: 16, whiteSpace: 'pre-wrap' }} data-testid="submission-comment">
              {s.comment}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {byAt(s.reviewedBy, s.reviewedAt)}
            </Typography.Text>
          </div>
        }
      />
    );
  return <Alert type="success" showIcon title={t('submissions.approvedComment', { comment: s.comment })} />;
}

/**
 * A class teacher's roster of this term (班级花名册报送): its state, the leader's reason when it came
 * back, "提交花名册" (opens the submission and sends the archive as it is now), and earlier terms.
 */
export function ClassRosterCard({ classId, schoolId, fallbackName }: { classId: string; schoolId: string; fallbackName: string }) {
  const t = useT();
  const navigate = useNavigate();
  const classes = useClasses({ schoolId });
  const className = classes.data?.find((k) => k.id === classId)?.name ?? fallbackName;
  const terms = useTerms(schoolId);
  const term = currentTerm(terms.data);
  const subs = useSubmissions({ schoolId, level: 'class' });
  const actions = useSubmissionActions();
  const [viewing, setViewing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = (subs.data ?? []).filter((s) => s.classId === classId);
  const current = term ? mine.find((s) => s.termId === term.id) : undefined;
  const history = mine.filter((s) => s !== current);
  const status = current?.status ?? 'none';
  const canSubmit = !!term && (!current || current.canSubmit);

  const submit = async () => {
    if (!term) return;
    setError(null);
    const err = await actions.submit({ termId: term.id, classId, existing: current, name: className });
    if (err) setError(err.message);
  };

  return (
    <Card
      // The term under the title, not beside it: beside it, a phone cut the class's name to "一年级1班…".
      title={
        <div style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          {t('submissions.classTitle', { name: className })}
          {term && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, fontWeight: 'normal' }}>
              {term.name}
            </Typography.Text>
          )}
        </div>
      }
      data-testid="submission-class-card"
    >
      <QueryError error={subs.error ?? terms.error} onRetry={() => subs.refetch()} />
      {subs.isLoading || terms.isLoading ? (
        <Skeleton active />
      ) : !term ? (
        <Alert type="info" showIcon title={<NoTermText schoolId={schoolId} />} />
      ) : (
        <Flex vertical gap={12}>
          <ReviewComment s={current} returnedTitle={t('submissions.returnedByLeader')} />
          <Flex gap={16} wrap align="center">
            <SubmissionTag status={status} testId="submission-status" />
            {current?.submittedAt && (
              <Typography.Text>{t('submissions.submittedLine', { who: byAt(current.submittedBy, current.submittedAt) })}</Typography.Text>
            )}
            {current?.reviewedAt && <Typography.Text>{t('submissions.reviewedLine', { who: byAt(current.reviewedBy, current.reviewedAt) })}</Typography.Text>}
          </Flex>
          {current && <SummaryLine s={current} />}
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(status === 'submitted' ? 'submissions.waitLeader' : status === 'approved' ? 'submissions.doneClass' : 'submissions.classHint')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} data-testid="submission-error" />}
          <Flex gap={8} wrap>
            {canSubmit && (
              <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={actions.busy === `submit:${classId}`} data-testid="submission-submit">
                {t(status === 'returned' ? 'submissions.resubmit' : 'submissions.submitClass')}
              </Button>
            )}
            {current && status !== 'draft' && (
              <Button icon={<EyeOutlined />} onClick={() => setViewing(current.id)} data-testid="submission-view">
                {t('submissions.view')}
              </Button>
            )}
            <Button icon={<SolutionOutlined />} onClick={() => navigate(`/children?school=${schoolId}&classId=${classId}`)}>
              {t('submissions.checkArchive')}
            </Button>
          </Flex>
          {history.length > 0 && (
            <div>
              <Typography.Text strong>{t('submissions.history')}</Typography.Text>
              <Table<Submission>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={history}
                scroll={{ x: 'max-content' }}
                style={{ marginTop: 8 }}
                columns={[
                  { key: 'term', title: t('submissions.term'), dataIndex: 'termLabel' },
                  { key: 'status', title: t('submissions.state'), render: (_, s) => <SubmissionTag status={s.status} /> },
                  { key: 'children', title: t('submissions.children'), align: 'right', render: (_, s) => (s.status === 'draft' ? '—' : s.children) },
                  { key: 'submitted', title: t('submissions.submittedBy'), render: (_, s) => byAt(s.submittedBy, s.submittedAt) },
                  { key: 'reviewed', title: t('submissions.reviewedBy'), render: (_, s) => byAt(s.reviewedBy, s.reviewedAt) },
                  { key: 'comment', title: t('submissions.comment'), render: (_, s) => s.comment ?? '—' },
                  {
                    key: 'view',
                    title: '',
                    render: (_, s) =>
                      s.status !== 'draft' && (
                        <Button size="small" type="link" onClick={() => setViewing(s.id)}>
                          {t('submissions.viewShort')}
                        </Button>
                      ),
                  },
                ]}
              />
            </div>
          )}
        </Flex>
      )}
      <SnapshotDrawer id={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
