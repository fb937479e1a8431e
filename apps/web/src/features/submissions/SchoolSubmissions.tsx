import { CheckOutlined, EyeOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { compareClasses, joinList, type SchoolClass } from '@carebridge/shared';
import { Alert, Button, Card, Flex, Grid, Select, Skeleton, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useClasses } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLang, useT } from '../../i18n/lang.tsx';
import { useTerms } from '../terms/terms.api.ts';
import { ReviewComment, SummaryLine } from './ClassRosterCard.tsx';
import { NoTermText } from './NoTermText.tsx';
import { SnapshotDrawer } from './SnapshotDrawer.tsx';
import { byAt, SubmissionTag } from './submission-format.tsx';
import { type Submission, usePendingClasses, useSubmissions } from './submissions.api.ts';
import { currentTerm } from './terms.ts';
import { ReturnModal, ReviewButtons, useSubmissionActions } from './use-submission-actions.tsx';

interface Row {
  klass: SchoolClass;
  sub: Submission | undefined;
}

/**
 * A school's rosters of a term (学校花名册报送): each class's submission for the leaders to approve or
 * return, and the school's own roster to the bureau, which the server accepts once every class with
 * children is approved (its 422 names the others): until then the button is disabled and says which.
 */
export function SchoolSubmissions({
  schoolId,
  schoolName,
  termId,
  onTerm,
}: {
  schoolId: string;
  schoolName: string;
  termId: string | null;
  onTerm: (id: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const me = useMe().data;
  // On a phone the class card's hint goes under its title: beside it, it squeezed the title to "C.".
  const narrow = !Grid.useBreakpoint().sm;
  const terms = useTerms(schoolId);
  const term = terms.data?.find((x) => x.id === termId) ?? currentTerm(terms.data);
  const classes = useClasses({ schoolId });
  const classSubs = useSubmissions({ schoolId, termId: term?.id, level: 'class' }, !!term);
  const schoolSubs = useSubmissions({ schoolId, termId: term?.id, level: 'school' }, !!term);
  const actions = useSubmissionActions();
  const [viewing, setViewing] = useState<string | null>(null);
  const [returning, setReturning] = useState<Submission | null>(null);
  const [error, setError] = useState<string | null>(null);
  const leads = !!me?.roles.some((r) => r.role === 'system_admin' || ((r.role === 'school_leader' || r.role === 'moral_education') && r.schoolId === schoolId));

  const rows: Row[] = useMemo(
    () =>
      (classes.data ?? [])
        .filter((k) => k.active)
        .sort(compareClasses)
        .map((klass) => ({ klass, sub: classSubs.data?.find((s) => s.classId === klass.id) })),
    [classes.data, classSubs.data],
  );
  const approved = rows.filter((r) => r.sub?.status === 'approved').length;
  const school = schoolSubs.data?.[0];
  const schoolStatus = school?.status ?? 'none';
  const sent = school?.status === 'submitted' || school?.status === 'approved';
  const pending = usePendingClasses(schoolId, term?.id, !sent);
  const waiting = pending.data?.classes ?? [];
  // The classes a roster is needed from: those approved, and those with children still waiting (an empty class has nothing to send).
  const needed = pending.data ? approved + waiting.length : rows.length;
  const waitingText = waiting.length
    ? t(waiting.length === 1 ? 'submissions.classesPendingOne' : 'submissions.classesPending', {
        count: waiting.length,
        classes: joinList(
          lang,
          waiting.map((k) => k.name),
        ),
      })
    : null;

  const submitSchool = async () => {
    if (!term) return;
    setError(null);
    const err = await actions.submit({ termId: term.id, existing: school, name: schoolName });
    if (err) setError(err.message);
  };
  const submitClass = async (r: Row) => {
    if (!term) return;
    const err = await actions.submit({ termId: term.id, classId: r.klass.id, existing: r.sub, name: r.klass.name });
    if (err) setError(err.message);
  };

  const columns: TableColumnsType<Row> = [
    { key: 'class', title: t('submissions.class'), render: (_, r) => <span style={{ whiteSpace: 'nowrap', fontWeight: 500 }}>{r.klass.name}</span> },
    {
      key: 'status',
      title: t('submissions.state'),
      render: (_, r) => <SubmissionTag status={r.sub?.status ?? 'none'} testId="submission-row-status" />,
    },
    { key: 'children', title: t('submissions.children'), align: 'right', render: (_, r) => (r.sub && r.sub.status !== 'draft' ? r.sub.children : '—') },
    {
      key: 'submitted',
      title: t('submissions.submittedBy'),
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{byAt(r.sub?.submittedBy, r.sub?.submittedAt)}</span>,
    },
    {
      key: 'reviewed',
      title: t('submissions.reviewedBy'),
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{byAt(r.sub?.reviewedBy, r.sub?.reviewedAt)}</span>,
    },
    {
      key: 'comment',
      title: t('submissions.comment'),
      render: (_, r) => (
        <Typography.Text type={r.sub?.status === 'returned' ? 'danger' : undefined} style={{ maxWidth: 220, display: 'inline-block' }}>
          {r.sub?.comment ?? '—'}
        </Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          <ReviewButtons sub={r.sub} actions={actions} onView={setViewing} onReturn={setReturning} />
          {leads && (!r.sub || r.sub.canSubmit) && (
            <Button
              size="small"
              type="link"
              loading={actions.busy === `submit:${r.klass.id}`}
              onClick={() => submitClass(r)}
              data-testid="submission-submit-for"
            >
              {t('submissions.submitFor')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('submissions.term')}</Typography.Text>
        <Select
          value={term?.id}
          onChange={onTerm}
          loading={terms.isLoading}
          placeholder={t('submissions.pickTerm')}
          notFoundContent={<NoTermText schoolId={schoolId} />}
          options={(terms.data ?? []).map((x) => ({ value: x.id, label: t('terms.withDates', { name: x.name, start: x.startDate, end: x.endDate }) }))}
          style={{ minWidth: 280 }}
          data-testid="submission-term"
        />
      </Flex>
      <QueryError error={terms.error ?? classes.error ?? classSubs.error ?? schoolSubs.error} onRetry={() => classSubs.refetch()} />
      {!terms.isLoading && !term && <Alert type="info" showIcon title={<NoTermText schoolId={schoolId} />} />}
      {term && (
        <Card title={<div style={{ whiteSpace: 'normal' }}>{t('submissions.schoolTitle', { name: schoolName })}</div>} data-testid="submission-school-card">
          {schoolSubs.isLoading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : (
            <Flex vertical gap={12}>
              <ReviewComment s={school} returnedTitle={t('submissions.returnedByBureau')} />
              <Flex gap={16} wrap align="center">
                <SubmissionTag status={schoolStatus} testId="submission-school-status" />
                {school?.submittedAt && (
                  <Typography.Text>{t('submissions.submittedLine', { who: byAt(school.submittedBy, school.submittedAt) })}</Typography.Text>
                )}
                {school?.reviewedAt && <Typography.Text>{t('submissions.reviewedLine', { who: byAt(school.reviewedBy, school.reviewedAt) })}</Typography.Text>}
                <Typography.Text type="secondary">{t('submissions.classesApproved', { approved, total: needed })}</Typography.Text>
              </Flex>
              {school && <SummaryLine s={school} />}
              <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="submission-school-hint">
                {t(schoolStatus === 'submitted' ? 'submissions.waitBureau' : schoolStatus === 'approved' ? 'submissions.doneSchool' : 'submissions.schoolHint')}
                {!sent && waitingText && (
                  <>
                    <br />
                    {waitingText}
                  </>
                )}
              </Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} data-testid="submission-school-error" />}
              <Flex gap={8} wrap>
                {leads && (!school || school.canSubmit) && (
                  <Tooltip title={waitingText}>
                    <Button
                      type="primary"
                      icon={<SendOutlined />}
                      onClick={submitSchool}
                      loading={actions.busy === 'submit:school'}
                      // Not before every class with children is approved (the server's rule): the bureau gets no roster with classes missing.
                      disabled={pending.isLoading || waiting.length > 0}
                      data-testid="submission-school-submit"
                    >
                      {t(schoolStatus === 'returned' ? 'submissions.resubmitSchool' : 'submissions.submitSchool')}
                    </Button>
                  </Tooltip>
                )}
                {school && school.status !== 'draft' && (
                  <Button icon={<EyeOutlined />} onClick={() => setViewing(school.id)}>
                    {t('submissions.view')}
                  </Button>
                )}
                {school?.canReview && (
                  <>
                    <Button type="primary" icon={<CheckOutlined />} onClick={() => actions.approve(school)} data-testid="submission-school-approve">
                      {t('submissions.approve')}
                    </Button>
                    <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(school)} data-testid="submission-school-return">
                      {t('submissions.return')}
                    </Button>
                  </>
                )}
              </Flex>
            </Flex>
          )}
        </Card>
      )}
      {term && (
        <Card
          title={t('submissions.classesTitle')}
          extra={
            narrow ? undefined : (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('submissions.classesHint')}
              </Typography.Text>
            )
          }
          styles={{ body: { padding: 0 } }}
          data-testid="submission-classes"
        >
          {narrow && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 12px' }}>
              {t('submissions.classesHint')}
            </Typography.Paragraph>
          )}
          <AdaptiveTable<Row>
            size="small"
            rowKey={(r) => r.klass.id}
            columns={columns}
            dataSource={rows}
            loading={classes.isLoading || classSubs.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'submission-row' }) as React.HTMLAttributes<HTMLElement>}
          />
        </Card>
      )}
      <SnapshotDrawer id={viewing} onClose={() => setViewing(null)} />
      <ReturnModal submission={returning} onClose={() => setReturning(null)} />
    </Flex>
  );
}
