import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { SAFETY_TOPICS, type SafetyTopic } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { TopicTags } from '../activities/activity-format.tsx';
import { TopicGrid } from '../activities/TopicGrid.tsx';
import { safetyApi, safetyKeys, usePlan } from './safety.api.ts';

/** The checkbox grid with "全选", and save / cancel. */
function PlanEditor({ schoolId, termId, topics, onDone }: { schoolId: string; termId: string; topics: SafetyTopic[]; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<SafetyTopic[]>(topics);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const plan = await safetyApi.putPlan(schoolId, termId, chosen);
      qc.setQueryData(safetyKeys.plan(schoolId, termId), plan);
      void qc.invalidateQueries({ queryKey: safetyKeys.coverage(schoolId, termId) });
      message.success(t('safetyPlan.saved'));
      onDone();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const all = chosen.length === SAFETY_TOPICS.length;
  return (
    <Flex vertical gap={12}>
      <Checkbox
        checked={all}
        indeterminate={!all && chosen.length > 0}
        onChange={(e) => setChosen(e.target.checked ? [...SAFETY_TOPICS] : [])}
        data-testid="safety-plan-all"
      >
        {t('safetyPlan.selectAll')}
      </Checkbox>
      <TopicGrid value={chosen} onChange={setChosen} testId="safety-plan-topics" />
      <Flex justify="end" gap={8}>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" icon={<SaveOutlined />} disabled={!chosen.length} loading={saving} onClick={save} data-testid="safety-plan-save">
          {t('safetyPlan.save')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** 本学期计划主题: the topics every class should cover this term; leaders change them. */
export function PlanCard({ schoolId, termId, editable }: { schoolId: string; termId: string; editable: boolean }) {
  const t = useT();
  const plan = usePlan(schoolId, termId);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('safetyPlan.title')}
      extra={
        editable &&
        !editing &&
        plan.data && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="safety-plan-edit">
            {t('safetyPlan.edit')}
          </Button>
        )
      }
      data-testid="safety-plan"
    >
      <QueryError error={plan.error} onRetry={() => plan.refetch()} />
      {plan.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
      {plan.data &&
        (editing ? (
          <PlanEditor schoolId={schoolId} termId={termId} topics={plan.data.topics} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('safetyPlan.intro')} {t('safetyPlan.count', { count: plan.data.topics.length })}
            </Typography.Paragraph>
            <TopicTags topics={plan.data.topics} />
          </>
        ))}
    </Card>
  );
}
