import { CheckOutlined, EyeOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Input, Modal, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/FormError.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { type Submission, submissionsApi, useSubmissionInvalidate } from './submissions.api.ts';

/** What the caller is about to submit: a class's roster, or (without a class) the school's. */
export interface SubmitTarget {
  termId: string;
  classId?: string | undefined;
  /** The submission already open for it, if any. */
  existing?: Submission | undefined;
  /** "一年级1班" or the school, for the confirmation. */
  name: string;
}

/**
 * Submit, approve and return, with their confirmations, messages and the refresh of every list. A
 * version conflict reloads; other errors come back to the caller (the school's 422 names classes).
 */
export function useSubmissionActions() {
  const t = useT();
  const { message, modal } = App.useApp();
  const invalidate = useSubmissionInvalidate();
  const [busy, setBusy] = useState<string | null>(null);

  const confirm = (title: string, content: string, okText: string) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title,
        content,
        okText,
        cancelText: t('common.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
        okButtonProps: { 'data-testid': 'submission-confirm' } as ButtonProps,
      }),
    );

  /** Runs a call; a version conflict is told and the lists reloaded; any other error is returned. */
  const run = async (key: string, call: () => Promise<unknown>, done: string): Promise<ApiError | Error | null> => {
    setBusy(key);
    try {
      await call();
      message.success(done);
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) {
        message.warning({ content: conflictText(err, t('submissions.reloaded')), duration: 8 });
        return null;
      }
      return err instanceof Error ? err : new Error(String(err));
    } finally {
      invalidate();
      setBusy(null);
    }
  };

  const submit = async (target: SubmitTarget): Promise<ApiError | Error | null> => {
    const ok = await confirm(
      t(target.classId ? 'submissions.confirmClassTitle' : 'submissions.confirmSchoolTitle', { name: target.name }),
      t(target.classId ? 'submissions.confirmClass' : 'submissions.confirmSchool'),
      t('submissions.confirmOk'),
    );
    if (!ok) return null;
    return run(
      `submit:${target.classId ?? 'school'}`,
      async () => {
        const opened = target.existing ?? (await submissionsApi.open({ termId: target.termId, classId: target.classId }));
        await submissionsApi.submit(opened.id, opened.version);
      },
      t('submissions.submitted'),
    );
  };

  const approve = async (s: Submission): Promise<void> => {
    const ok = await confirm(t('submissions.approveTitle', { name: s.className ?? s.schoolName }), t('submissions.approveText'), t('submissions.approve'));
    if (!ok) return;
    const err = await run(`review:${s.id}`, () => submissionsApi.approve(s.id, s.version), t('submissions.approved'));
    if (err) message.error(err.message);
  };

  return { submit, approve, busy, run };
}

/** Return a roster with the reason (required): the other side sees it in red above their roster. */
export function ReturnModal({ submission, onClose }: { submission: Submission | null; onClose: () => void }) {
  const t = useT();
  const invalidate = useSubmissionInvalidate();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const send = async () => {
    if (!submission) return;
    if (!comment.trim()) {
      setError(t('submissions.returnRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await submissionsApi.return(submission.id, submission.version, comment.trim());
      message.success(t('submissions.returnedDone'));
      setComment('');
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isVersionConflict) {
        message.warning({ content: conflictText(err, t('submissions.reloaded')), duration: 8 });
        onClose();
      } else setError(err instanceof Error ? err.message : String(err));
    } finally {
      invalidate();
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!submission}
      title={submission ? t('submissions.returnTitle', { name: submission.className ?? submission.schoolName }) : ''}
      onCancel={onClose}
      onOk={send}
      okText={t('submissions.return')}
      okButtonProps={{ danger: true, 'data-testid': 'submission-return-submit' } as ButtonProps}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('submissions.returnHint')}</Typography.Paragraph>
      <FormError error={error} />
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        showCount
        autoSize={{ minRows: 3, maxRows: 8 }}
        placeholder={t('submissions.returnPlaceholder')}
        aria-label={t('submissions.comment')}
        data-testid="submission-return-comment"
      />
    </Modal>
  );
}

/** A table row's view, approve and return buttons (the caller's cell adds its own after them); `compact`: text only, for a narrow column. */
export function ReviewButtons({
  sub,
  actions,
  onView,
  onReturn,
  compact = false,
}: {
  sub: Submission | undefined;
  actions: ReturnType<typeof useSubmissionActions>;
  onView: (id: string) => void;
  onReturn: (sub: Submission) => void;
  compact?: boolean;
}) {
  const t = useT();
  const icon = (node: ReactNode) => (compact ? undefined : node);
  if (!sub) return null;
  return (
    <>
      {sub.status !== 'draft' && (
        <Button size="small" icon={icon(<EyeOutlined />)} onClick={() => onView(sub.id)} data-testid="submission-view">
          {t('submissions.viewShort')}
        </Button>
      )}
      {sub.canReview && (
        <>
          <Button
            size="small"
            type="primary"
            icon={icon(<CheckOutlined />)}
            loading={actions.busy === `review:${sub.id}`}
            onClick={() => actions.approve(sub)}
            data-testid="submission-approve"
          >
            {t('submissions.approve')}
          </Button>
          <Button size="small" danger icon={icon(<RollbackOutlined />)} onClick={() => onReturn(sub)} data-testid="submission-return">
            {t('submissions.return')}
          </Button>
        </>
      )}
    </>
  );
}
