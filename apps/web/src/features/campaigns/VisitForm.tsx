import { type Campaign, type CampaignPlace, CHECK_ANSWERS, type FieldError, PlaceVisit } from '@carebridge/shared';
import { App, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { FormError } from '../../components/FormError.tsx';
import { countNearLimit } from '../../forms/count-near-limit.ts';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useT } from '../../i18n/lang.tsx';
import { clearErrorsOnEdit } from '../camps/form-errors.ts';
import { usePunctuation } from './campaign-format.tsx';
import { campaignsApi, useCampaignInvalidate } from './campaigns.api.ts';
import { visitIssues } from './visit-issues.ts';

type Answer = (typeof CHECK_ANSWERS)[number];

interface VisitValues {
  answers: Record<string, Answer | undefined>;
  summary?: string;
  note?: string;
}

const ANSWER_COLOUR: Record<Answer, string> = { ok: 'var(--ant-color-success, #52c41a)', issue: 'var(--ant-color-error, #ff4d4f)', na: 'inherit' };

/**
 * The checklist filled at a place, on a phone: one tap per item (OK / issue / not applicable), a
 * required summary for the care record, an optional note. Every item must be answered.
 */
export function VisitForm({ campaign: c, place, onClose }: { campaign: Campaign; place: CampaignPlace; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useCampaignInvalidate();
  const punct = usePunctuation();
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof PlaceVisit, VisitValues, CampaignPlace>({
    schema: PlaceVisit,
    toPayload: (v) => ({
      answers: Object.fromEntries(Object.entries(v.answers ?? {}).filter(([, a]) => !!a)),
      summary: v.summary ?? '',
      note: v.note?.trim() || null,
    }),
    check: (v) =>
      c.checklist.filter((item) => !v.answers?.[item.key]).map((item): FieldError => ({ path: `answers.${item.key}`, message: t('campaignVisit.answerAll') })),
    submit: (body) => campaignsApi.visit(c.id, place.id, body),
    onSuccess: (saved) => {
      const issues = visitIssues(saved);
      const said = t('campaignVisit.saved', { label: saved.label });
      const found = issues === 1 ? t('campaignVisit.issueFound') : t('campaignVisit.issuesFound', { count: issues });
      message.success(issues ? punct.clauses([said, found]) : said);
      invalidate(c.id);
      onClose();
    },
  });
  const answers = Form.useWatch('answers', form) as VisitValues['answers'] | undefined;

  return (
    <Form<VisitValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ answers: {} }}
      onValuesChange={clearErrorsOnEdit(form)}
      disabled={submitting}
      data-testid="visit-form"
    >
      <FormError error={formError} />
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {t('campaignVisit.checklist')}
      </Typography.Text>
      {c.checklist.map((item, i) => {
        const a = answers?.[item.key];
        return (
          <Form.Item
            key={item.key}
            name={['answers', item.key]}
            label={
              <span style={{ color: a ? ANSWER_COLOUR[a] : undefined }}>
                {i + 1}. {item.label}
              </span>
            }
            style={{ marginBottom: 12 }}
            data-testid="visit-item"
          >
            <Radio.Group
              block
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={CHECK_ANSWERS.map((v) => ({ value: v, label: <span data-testid={`visit-answer-${v}`}>{t(`campaigns.answers.${v}`)}</span> }))}
            />
          </Form.Item>
        );
      })}
      <Form.Item name="summary" label={t('campaignVisit.summary')} required>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          showCount={countNearLimit}
          placeholder={t('campaignVisit.summaryPlaceholder')}
          data-testid="visit-summary"
        />
      </Form.Item>
      <Form.Item name="note" label={t('campaignVisit.note')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          showCount={countNearLimit}
          placeholder={t('campaignVisit.notePlaceholder')}
          data-testid="visit-note"
        />
      </Form.Item>
      <Flex gap={8}>
        <Button size="large" onClick={onClose} disabled={false} style={{ flex: 1 }}>
          {t('campaignVisit.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" size="large" loading={submitting} style={{ flex: 2 }} data-testid="visit-submit">
          {t('campaignVisit.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
