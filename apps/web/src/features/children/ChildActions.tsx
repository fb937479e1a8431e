import { type Child, ChildErase, ChildStatusChange, ChildTransfer } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Select, Typography } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { NoteBox } from '../../components/NoteBox.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { useChildLabels } from './child-format.ts';
import { childKeys, childrenApi, useTransferTargets } from './children.api.ts';

interface ModalProps {
  child: Child;
  open: boolean;
  onClose: () => void;
}

/** A 409 on a status change or transfer: show the server's message and load the fresh archive. */
function useStaleHandler(child: Child, onClose: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  return (err: ApiError) => {
    onClose();
    void qc.invalidateQueries({ queryKey: childKeys.one(child.id) });
    message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
  };
}

const STATUS_CHOICES = ['active', 'returned', 'left'] as const;

/** 变更状态: parents came home (已不再留守), left school, or back to active. */
export function StatusModal({ child, open, onClose }: ModalProps) {
  const t = useT();
  return (
    <FormModal open={open} title={t('childDetail.statusTitle')} onClose={onClose}>
      <StatusForm child={child} onClose={onClose} />
    </FormModal>
  );
}

function StatusForm({ child, onClose }: { child: Child; onClose: () => void }) {
  const t = useT();
  const labels = useChildLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onStale = useStaleHandler(child, onClose);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ChildStatusChange, { status?: string; note?: string }, Child>({
    schema: ChildStatusChange,
    toPayload: (v) => ({ status: v.status, note: v.note?.trim() || undefined, version: child.version }),
    submit: (body) => childrenApi.setStatus(child.id, body),
    onSuccess: (updated) => {
      qc.setQueryData(childKeys.one(child.id), updated);
      void qc.invalidateQueries({ queryKey: childKeys.lists });
      void qc.invalidateQueries({ queryKey: childKeys.history(child.id) });
      message.success(t('childDetail.statusChanged'));
      onClose();
    },
    onConflict: onStale,
  });
  const initial = { status: STATUS_CHOICES.find((s) => s !== child.status) };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initial}>
      <Typography.Paragraph type="secondary">{t('childDetail.statusHint')}</Typography.Paragraph>
      <FormError error={formError} />
      <Form.Item name="status" label={labels.field('status')} required>
        <Select
          options={STATUS_CHOICES.map((s) => ({ value: s, label: labels.code('childStatus', s), disabled: s === child.status }))}
          data-testid="child-status-select"
        />
      </Form.Item>
      <Form.Item name="note" label={t('childDetail.statusNote')}>
        <NoteBox data-testid="child-status-note" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onClose} testId="child-status-submit" />
    </Form>
  );
}

/** 转学: to one of the schools the server offers; the archive and its history move, this school loses access. */
export function TransferModal({ child, open, onClose, onDone }: ModalProps & { onDone: (schoolName: string) => void }) {
  const t = useT();
  return (
    <FormModal open={open} title={t('childDetail.transferTitle')} onClose={onClose}>
      <TransferForm child={child} onClose={onClose} onDone={onDone} />
    </FormModal>
  );
}

function TransferForm({ child, onClose, onDone }: { child: Child; onClose: () => void; onDone: (schoolName: string) => void }) {
  const t = useT();
  const targets = useTransferTargets(child.id, true);
  const onStale = useStaleHandler(child, onClose);
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ChildTransfer, { schoolId?: string; note?: string }, string>({
    schema: ChildTransfer,
    toPayload: (v) => ({ schoolId: v.schoolId, note: v.note?.trim() || undefined, version: child.version }),
    submit: async (body) => {
      await childrenApi.transfer(child.id, body);
      return targets.data?.find((s) => s.id === body.schoolId)?.name ?? '';
    },
    onSuccess: onDone,
    onConflict: onStale,
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish}>
      <Alert type="warning" showIcon title={t('childDetail.transferHint')} style={{ marginBottom: 16 }} />
      <FormError error={formError ?? (targets.error instanceof Error ? targets.error.message : null)} />
      <Form.Item name="schoolId" label={t('childDetail.transferTarget')} required>
        <Select
          loading={targets.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.pickSchool')}
          notFoundContent={t('childDetail.noTargets')}
          options={(targets.data ?? []).map((s) => ({ value: s.id, label: s.regionName ? `${s.name} · ${s.regionName}` : s.name }))}
          data-testid="child-transfer-school"
        />
      </Form.Item>
      <Form.Item name="note" label={t('childDetail.transferNote')}>
        <NoteBox data-testid="child-transfer-note" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onClose} submitText={t('childDetail.transferSubmit')} testId="child-transfer-submit" />
    </Form>
  );
}

/** 删除（依申请）: PIPL erasure by a system administrator, with a typed reason and the child's name retyped. */
export function EraseModal({ child, open, onClose, onDone }: ModalProps & { onDone: () => void }) {
  const t = useT();
  return (
    <FormModal open={open} title={t('childDetail.eraseTitle')} onClose={onClose}>
      <EraseForm child={child} onClose={onClose} onDone={onDone} />
    </FormModal>
  );
}

function EraseForm({ child, onClose, onDone }: { child: Child; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const name = child.name ?? '';
  const { form, onFinish, submitting, formError, setFormError } = useSchemaForm<z.ZodType, { reason?: string; confirmName?: string }, void>({
    schema: ChildErase,
    toPayload: (v) => ({ reason: v.reason ?? '' }),
    // The submit button stays disabled until the name matches.
    submit: async (body) => {
      await childrenApi.erase(child.id, (body as ChildErase).reason);
    },
    onSuccess: onDone,
  });
  const typed = Form.useWatch('confirmName', form) as string | undefined;
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} onValuesChange={() => setFormError(null)}>
      <Alert type="error" showIcon title={t('childDetail.eraseWarning')} style={{ marginBottom: 16 }} data-testid="child-erase-warning" />
      <FormError error={formError} />
      <Form.Item name="reason" label={t('childDetail.eraseReason')} required>
        <NoteBox placeholder={t('childDetail.eraseReasonPlaceholder')} data-testid="child-erase-reason" />
      </Form.Item>
      <Form.Item
        name="confirmName"
        label={t('childDetail.eraseConfirm', { name })}
        required
        validateStatus={typed && typed.trim() !== name.trim() ? 'warning' : undefined}
        help={typed && typed.trim() !== name.trim() ? t('childDetail.eraseMismatch') : undefined}
      >
        <Input autoComplete="off" data-testid="child-erase-name" />
      </Form.Item>
      <Flex justify="end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" danger htmlType="submit" loading={submitting} disabled={(typed ?? '').trim() !== name.trim()} data-testid="child-erase-submit">
          {t('childDetail.eraseSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
