import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { type Campaign, CampaignUpdate } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DateInput } from '../../components/DateInput.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { dateItemProps } from './CampaignFormPage.tsx';
import { campaignKeys, campaignsApi, useCampaignInvalidate } from './campaigns.api.ts';

interface Values {
  title?: string;
  date?: string;
  description?: string;
}

function EditForm({ campaign: c, onClose }: { campaign: Campaign; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useCampaignInvalidate();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof CampaignUpdate, Values, Campaign>({
    schema: CampaignUpdate,
    toPayload: (v) => ({ title: v.title ?? '', date: v.date, description: v.description || null, version: c.version }),
    submit: (body) => campaignsApi.update(c.id, body),
    onSuccess: (next) => {
      invalidate(c.id, next);
      message.success(t('common.saved'));
      onClose();
    },
    onConflict: (err) => {
      invalidate(c.id);
      message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });
      onClose();
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ title: c.title, date: c.date, description: c.description ?? '' }}>
      <FormError error={formError} />
      <Form.Item name="title" label={t('campaignFields.title')} required>
        <Input maxLength={100} data-testid="campaign-edit-title" />
      </Form.Item>
      <Form.Item name="date" label={t('campaignFields.date')} required {...dateItemProps}>
        <DateInput style={{ width: '100%' }} allowClear={false} data-testid="campaign-edit-date" />
      </Form.Item>
      <Form.Item name="description" label={t('campaignFields.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onClose} testId="campaign-edit-submit" />
    </Form>
  );
}

/**
 * For the campaign's managers: correct the title, date or description, or delete a campaign made by
 * mistake — only before the first visit (after it the visits are part of the children's records).
 */
export function CampaignManageButtons({ campaign: c }: { campaign: Campaign }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  if (!c.canManage) return null;
  const visited = c.progress.visited > 0;
  const remove = () =>
    modal.confirm({
      title: t('campaignDetail.deleteConfirm', { title: c.title }),
      content: t('campaignDetail.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'campaign-delete-confirm' } as Record<`data-${string}`, string> & { danger: boolean },
      onOk: async () => {
        try {
          await campaignsApi.remove(c.id);
          navigate('/campaigns', { replace: true });
          void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
          qc.removeQueries({ queryKey: campaignKeys.one(c.id) });
          message.success(t('common.deleted'));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
        {t('common.edit')}
      </Button>
      <Tooltip title={visited ? t('campaignDetail.deleteVisited') : undefined}>
        <Button danger icon={<DeleteOutlined />} disabled={visited} onClick={remove} data-testid="campaign-delete">
          {t('common.delete')}
        </Button>
      </Tooltip>
      <FormModal open={editing} title={t('campaignDetail.editTitle')} onClose={() => setEditing(false)}>
        {editing && <EditForm campaign={c} onClose={() => setEditing(false)} />}
      </FormModal>
    </>
  );
}
