import { AuditOutlined, MessageOutlined } from '@ant-design/icons';
import { AcknowledgeCreate, ActionCreate, INCIDENT_TEXT_MAX, type Incident } from '@carebridge/shared';
import { Alert, App, Button, Flex, Form, Grid, Input, Typography } from 'antd';
import { useState } from 'react';
import { FormActions } from '../../components/FormActions.tsx';
import { FormError } from '../../components/FormError.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { instructed } from './incident-buttons.ts';
import { incidentsApi } from './incidents.api.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** 签收: the bureau confirms it received the report, optionally with an instruction (批示) to the school. */
function AcknowledgeForm({ incident, onSaved, onCancel }: { incident: Incident; onSaved: (i: Incident) => void; onCancel: () => void }) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof AcknowledgeCreate, { instruction?: string }, Incident>({
    schema: AcknowledgeCreate,
    toPayload: (v) => ({ instruction: v.instruction?.trim() ? v.instruction.trim() : null }),
    submit: (body) => incidentsApi.acknowledge(incident.id, body),
    onSuccess: onSaved,
  });
  return (
    <Form<{ instruction?: string }> form={form} layout="vertical" onFinish={onFinish}>
      <FormError error={formError} />
      <Typography.Paragraph type="secondary">{t('incidentDetail.acknowledgeHint')}</Typography.Paragraph>
      <Form.Item name="instruction" label={t('incidentFields.instruction')}>
        <Input.TextArea
          rows={3}
          maxLength={INCIDENT_TEXT_MAX}
          showCount
          placeholder={t('incidentDetail.instructionPlaceholder')}
          data-testid="acknowledge-instruction"
        />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} submitText={t('incidentDetail.acknowledge')} testId="acknowledge-submit" />
    </Form>
  );
}

/** 追加批示: after its 签收 the bureau adds an instruction to the open case (the timeline's `instruction` step). */
function InstructForm({ incident, onSaved, onCancel }: { incident: Incident; onSaved: (i: Incident) => void; onCancel: () => void }) {
  const t = useT();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof ActionCreate, { text?: string }, Incident>({
    schema: ActionCreate,
    toPayload: (v) => ({ kind: 'instruction', text: v.text?.trim() ?? '' }),
    submit: (body) => incidentsApi.act(incident.id, body),
    onSuccess: onSaved,
  });
  return (
    <Form<{ text?: string }> form={form} layout="vertical" onFinish={onFinish}>
      <FormError error={formError} />
      <Typography.Paragraph type="secondary">{t('incidentDetail.instructHint')}</Typography.Paragraph>
      <Form.Item name="text" label={t('incidentFields.instruction')} required>
        <Input.TextArea rows={4} maxLength={INCIDENT_TEXT_MAX} showCount placeholder={t('incidentDetail.instructPlaceholder')} data-testid="instruct-text" />
      </Form.Item>
      <FormActions submitting={submitting} onCancel={onCancel} submitText={t('incidentDetail.instructMore')} testId="instruct-submit" />
    </Form>
  );
}

/**
 * Whether the bureau has the report: nothing until the school records telling it; then "awaiting
 * acknowledgement" (with the 签收 button for the bureau over the school), then who acknowledged, when,
 * and the instruction.
 */
export function AcknowledgementPanel({
  incident: i,
  onSaved,
  onReply,
}: {
  incident: Incident;
  onSaved: (i: Incident) => void;
  /** The school answers an instruction: the timeline's form, opened on 回复批示. */
  onReply: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  // On a phone the button goes under the text: beside it, it squeezes the instruction to a few characters a line.
  const phone = Grid.useBreakpoint().sm === false;
  const a = i.acknowledgement;
  if (a) {
    const later = i.actions.filter((x) => x.kind === 'instruction').length;
    // The school replies while the case is open and it acts on it; the bureau adds instructions.
    const replies = i.canEdit && i.status === 'open' && instructed(i);
    const button = i.canInstruct ? (
      <Button icon={<AuditOutlined />} onClick={() => setOpen(true)} data-testid="incident-instruct">
        {t('incidentDetail.instructMore')}
      </Button>
    ) : replies ? (
      <Button icon={<MessageOutlined />} onClick={onReply} data-testid="incident-reply">
        {t('incidentDetail.replyInstruction')}
      </Button>
    ) : undefined;
    const below = phone && button;
    return (
      <>
        <Alert
          type="success"
          showIcon
          icon={<AuditOutlined />}
          style={{ marginBottom: 16 }}
          title={t('incidentDetail.acknowledgedBy', { name: a.byName, at: shanghaiTime(a.at) })}
          description={
            a.instruction || later || below ? (
              <Flex vertical gap={2} align="flex-start">
                {a.instruction && <span style={pre}>{t('incidentDetail.instruction', { text: a.instruction })}</span>}
                {later > 0 && <Typography.Text type="secondary">{t('incidentDetail.laterInstructions', { count: later })}</Typography.Text>}
                {below && <div style={{ marginTop: 6 }}>{button}</div>}
              </Flex>
            ) : undefined
          }
          action={below ? undefined : button}
          data-testid="incident-acknowledgement"
        />
        <FormModal open={open} title={t('incidentDetail.instructTitle')} onClose={() => setOpen(false)}>
          <InstructForm
            incident={i}
            onCancel={() => setOpen(false)}
            onSaved={(next) => {
              onSaved(next);
              message.success(t('incidentDetail.instructSaved'));
              setOpen(false);
            }}
          />
        </FormModal>
      </>
    );
  }
  if (!i.reportedToBureau) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        icon={<AuditOutlined />}
        style={{ marginBottom: 16 }}
        title={t('incidentDetail.awaitingAcknowledgement')}
        action={
          i.canAcknowledge && (
            <Button type="primary" icon={<AuditOutlined />} onClick={() => setOpen(true)} data-testid="incident-acknowledge">
              {t('incidentDetail.acknowledge')}
            </Button>
          )
        }
        data-testid="incident-acknowledgement-awaiting-note"
      />
      <FormModal open={open} title={t('incidentDetail.acknowledgeTitle')} onClose={() => setOpen(false)}>
        <AcknowledgeForm
          incident={i}
          onCancel={() => setOpen(false)}
          onSaved={(next) => {
            onSaved(next);
            message.success(t('incidentDetail.acknowledgeSaved'));
            setOpen(false);
          }}
        />
      </FormModal>
    </>
  );
}
