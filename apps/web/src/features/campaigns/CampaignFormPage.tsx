import '../../i18n/campaigns.ts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { type Campaign, CampaignCreate, type FieldError, type School } from '@carebridge/shared';
import { Alert, App, Button, Card, Col, Flex, Form, Grid, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useClasses, useSchools } from '../../api/queries.ts';
import { managesCampaigns } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { scrollToError } from '../../forms/scroll-to-error.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { clearErrorsOnEdit, noEnterSubmit } from '../camps/form-errors.ts';
import { ChecklistFields } from './ChecklistFields.tsx';
import { CAMPAIGN_SCOPES, type CampaignScope, needsScopeValue } from './campaign-format.tsx';
import { type CampaignValues, createPayload } from './campaign-values.ts';
import { campaignsApi, useCampaignInvalidate } from './campaigns.api.ts';
import { GroupFields } from './GroupFields.tsx';

export const dateItemProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** Whom to visit: a scope, and the grade or class for those two. */
function TargetFields({ schoolId }: { schoolId: string | undefined }) {
  const t = useT();
  const labels = useLabels();
  const form = Form.useFormInstance<CampaignValues>();
  const scope = Form.useWatch(['target', 'scope'], form) as CampaignScope | undefined;
  const classes = useClasses({ schoolId }, !!schoolId);
  const active = useMemo(() => (classes.data ?? []).filter((k) => k.active), [classes.data]);
  const grades = useMemo(() => [...new Set(active.map((k) => k.grade))].sort((a, b) => a - b), [active]);
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name={['target', 'scope']} label={t('campaignFields.scope')} required>
          <Select<CampaignScope>
            options={CAMPAIGN_SCOPES.map((s) => ({ value: s, label: t(`campaignScopes.${s}`) }))}
            onChange={() => form.setFieldValue(['target', 'value'], null)}
            data-testid="campaign-target-scope"
          />
        </Form.Item>
      </Col>
      {needsScopeValue(scope) && (
        <Col xs={24} sm={12}>
          <Form.Item name={['target', 'value']} label={t('campaignFields.value')} required>
            {scope === 'grade' ? (
              <Select
                options={grades.map((g) => ({ value: String(g), label: labels.grade(g) }))}
                loading={classes.isLoading}
                placeholder={t('campaignForm.pickGrade')}
                data-testid="campaign-target-grade"
              />
            ) : (
              <Select
                options={active.map((k) => ({ value: k.id, label: k.name }))}
                loading={classes.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('campaignForm.pickClass')}
                data-testid="campaign-target-class"
              />
            )}
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function CampaignForm({
  initialValues,
  schools,
  onSaved,
  onCancel,
}: {
  initialValues: CampaignValues;
  schools: School[];
  onSaved: (c: Campaign) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const touch = Grid.useBreakpoint().md === false;
  const { form, onFinish, submitting, formError } = useSchemaForm<typeof CampaignCreate, CampaignValues, Campaign>({
    schema: CampaignCreate,
    toPayload: createPayload,
    // An item's key has no field of its own (a key given twice is shown on the item's text).
    mapPath: (p) => p.replace(/^(checklist\.\d+)\.key$/, '$1.label'),
    check: (v) => {
      const problems: FieldError[] = [];
      if (needsScopeValue(v.target?.scope) && !v.target?.value) problems.push({ path: 'target.value', message: t('errors.activity_target_value') });
      return problems;
    },
    submit: (body) => campaignsApi.create(body),
    onSuccess: onSaved,
  });
  const schoolId = (Form.useWatch('schoolId', form) as string | undefined) ?? initialValues.schoolId;
  return (
    <Form<CampaignValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues}
      onValuesChange={clearErrorsOnEdit(form)}
      onKeyDown={noEnterSubmit}
      scrollToFirstError={scrollToError}
      disabled={submitting}
      style={{ maxWidth: 980 }}
    >
      <FormError error={formError} />
      <Card size="small" title={t('campaignForm.basics')} style={{ marginBottom: 16 }}>
        {schools.length > 1 ? (
          <Form.Item name="schoolId" label={t('campaignFields.schoolId')} required>
            <SchoolPicker
              schools={schools}
              onChange={() => {
                // Another school: other classes and other staff.
                form.setFieldValue('target', { scope: 'all', value: null });
                form.setFieldValue(
                  'groups',
                  (form.getFieldValue('groups') as CampaignValues['groups']).map((g) => ({ name: g.name, memberIds: [] })),
                );
              }}
              style={{ width: '100%' }}
              data-testid="campaign-school"
            />
          </Form.Item>
        ) : (
          <Form.Item name="schoolId" hidden>
            <Input />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="title" label={t('campaignFields.title')} required>
              <Input maxLength={100} placeholder={t('campaignForm.titlePlaceholder')} data-testid="campaign-title" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="date" label={t('campaignFields.date')} required {...dateItemProps}>
              <DateInput style={{ width: '100%' }} allowClear={false} inputReadOnly={touch} data-testid="campaign-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('campaignFields.description')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={2000}
            placeholder={t('campaignForm.descriptionPlaceholder')}
            data-testid="campaign-description"
          />
        </Form.Item>
      </Card>
      <Card size="small" title={t('campaignForm.audience')} style={{ marginBottom: 16 }}>
        <TargetFields schoolId={schoolId} />
      </Card>
      <Card size="small" title={t('campaignForm.checklistTitle')} style={{ marginBottom: 16 }}>
        <ChecklistFields />
      </Card>
      <Card size="small" title={t('campaignForm.groupsTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 12 }}>
          {t('campaignForm.groupsHint')}
        </Typography.Paragraph>
        <GroupFields schoolId={schoolId} />
      </Card>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={false}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={submitting} size="large" data-testid="campaign-submit">
          {t('campaignForm.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

/** /campaigns/new (?school= prefill): a new home-visit campaign, for the school's leaders and moral-education office. */
export default function CampaignFormPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe().data;
  const schools = useSchools();
  const invalidate = useCampaignInvalidate();
  if (schools.isLoading || !me) return <PageLoading />;
  const mine = (schools.data ?? []).filter((s) => managesCampaigns(me, s.id));
  const schoolId = mine.find((s) => s.id === params.get('school'))?.id ?? mine[0]?.id;
  const back = () => navigate('/campaigns');
  return (
    <>
      <PageHeader
        title={t('campaignForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('campaignForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('campaignForm.intro')}</Typography.Text>
      </PageHeader>
      {schoolId ? (
        <CampaignForm
          schools={mine}
          initialValues={{
            schoolId,
            date: todayInShanghai(),
            target: { scope: 'all', value: null },
            customChecklist: false,
            checklist: [],
            groups: [{ name: t('campaignForm.groupName', { n: 1 }), memberIds: [] }],
          }}
          onCancel={back}
          onSaved={(c) => {
            invalidate(c.id, c);
            message.success(t('campaignForm.created', { count: c.progress.total }));
            // The campaign replaces the form in the history, so "back" does not reopen it.
            navigate(`/campaigns/${c.id}`, { replace: true });
          }}
        />
      ) : (
        <Alert type="info" showIcon title={t('campaignForm.noSchool')} />
      )}
    </>
  );
}
