import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { messages } from '@carebridge/shared';
import { Button, Flex, Form, Input, List, Segmented, Typography } from 'antd';
import { useLang, useT } from '../../i18n/lang.tsx';
import type { CampaignValues } from './campaign-values.ts';
import { newItemKey } from './campaign-values.ts';

/** The default checklist in the current language, as the server would fill it in. */
export function useDefaultChecklist() {
  const { lang } = useLang();
  return Object.entries(messages(lang).campaigns.checklist).map(([key, label]) => ({ key, label }));
}

/** The checklist: the default one (shown read-only), or the user's own, starting from the default. */
export function ChecklistFields() {
  const t = useT();
  const form = Form.useFormInstance<CampaignValues>();
  const defaults = useDefaultChecklist();
  const custom = Form.useWatch('customChecklist', form) as boolean | undefined;
  return (
    <>
      <Form.Item name="customChecklist" style={{ marginBottom: 12 }}>
        <Segmented<boolean>
          options={[
            { value: false, label: t('campaignForm.defaultChecklist') },
            { value: true, label: t('campaignForm.customChecklist') },
          ]}
          onChange={(on) => {
            if (on && !(form.getFieldValue('checklist') as unknown[] | undefined)?.length) form.setFieldValue('checklist', defaults);
          }}
          data-testid="campaign-checklist-mode"
        />
      </Form.Item>
      {custom ? (
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} data-testid="campaign-checklist">
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start">
                  <Typography.Text type="secondary" style={{ width: 20, lineHeight: '32px', textAlign: 'end', flex: 'none' }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} style={{ flex: 1, minWidth: 0, marginBottom: 0 }}>
                    <Input maxLength={60} placeholder={t('campaignForm.itemPlaceholder')} data-testid="campaign-checklist-item" />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('campaignForm.removeItem')}
                    title={t('campaignForm.removeItem')}
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              {fields.length < 20 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: newItemKey(form.getFieldValue('checklist') ?? []), label: '' })}
                  style={{ alignSelf: 'start' }}
                  data-testid="campaign-checklist-add"
                >
                  {t('campaignForm.addItem')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      ) : (
        <List
          size="small"
          bordered
          dataSource={defaults}
          renderItem={(c, i) => (
            <List.Item>
              <Typography.Text>
                <Typography.Text type="secondary">{i + 1}. </Typography.Text>
                {c.label}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('campaignForm.checklistHint')}
      </Typography.Paragraph>
    </>
  );
}
