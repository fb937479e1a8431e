import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '@carebridge/shared';
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useSchoolUsers } from '../../api/queries.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { usePunctuation } from './campaign-format.tsx';
import type { CampaignValues } from './campaign-values.ts';

/** "王芳（班主任）": the school's active staff, each with its roles at this school, so that namesakes can be told apart. */
function useStaffOptions(schoolId: string | undefined) {
  const users = useSchoolUsers(schoolId);
  const labels = useLabels();
  const p = usePunctuation();
  const options = useMemo(
    () =>
      (users.data ?? [])
        .filter((u: User) => u.active)
        .map((u: User) => {
          const roles = p.list([...new Set(u.roles.filter((r) => r.schoolId === schoolId).map((r) => labels.role(r.role)))]);
          return { value: u.id, label: roles ? p.aside(u.name, roles) : u.name };
        })
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [users.data, schoolId, labels, p],
  );
  return { options, loading: users.isLoading };
}

/** The visiting groups: a name, a leader and members, all staff of the school. At least one group. */
export function GroupFields({ schoolId }: { schoolId: string | undefined }) {
  const t = useT();
  const form = Form.useFormInstance<CampaignValues>();
  const staff = useStaffOptions(schoolId);
  return (
    <Form.List name="groups">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              type="inner"
              style={{ marginBottom: 12 }}
              data-testid="campaign-group"
              title={
                <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}>
                  <Input variant="borderless" maxLength={30} style={{ paddingInline: 0, fontWeight: 600 }} data-testid="campaign-group-name" />
                </Form.Item>
              }
              extra={
                fields.length > 1 && (
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('campaignForm.removeGroup')}>
                    {t('campaignForm.removeGroup')}
                  </Button>
                )
              }
            >
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Form.Item name={[f.name, 'leaderId']} label={t('campaignFields.leaderId')} required>
                    <Select
                      options={staff.options}
                      loading={staff.loading}
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('campaignForm.leaderPlaceholder')}
                      data-testid={`campaign-group-leader-${i}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item name={[f.name, 'memberIds']} label={t('campaignFields.memberIds')}>
                    <Select
                      mode="multiple"
                      options={staff.options}
                      loading={staff.loading}
                      showSearch={{ optionFilterProp: 'label' }}
                      maxCount={20}
                      placeholder={t('campaignForm.membersPlaceholder')}
                      data-testid={`campaign-group-members-${i}`}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          {fields.length < 30 && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: t('campaignForm.groupName', { n: (form.getFieldValue('groups')?.length ?? 0) + 1 }), memberIds: [] })}
              data-testid="campaign-group-add"
            >
              {t('campaignForm.addGroup')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
