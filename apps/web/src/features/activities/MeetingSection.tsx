import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { Activity, ActivityTask } from '@carebridge/shared';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Grid, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSchoolUsers } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { activitiesApi } from './activities.api.ts';
import { useActivityAction } from './use-activity-action.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;
/** Below a TextArea with showCount: antd hangs the counter one line (22 px) under the box, then 10 px of air. */
const COUNTED_GAP = 32;

/** Minutes and decisions: edited by the organisers, read by everyone else. */
function Minutes({ activity: a }: { activity: Activity }) {
  const t = useT();
  const { run, busy } = useActivityAction(a.id);
  const [minutes, setMinutes] = useState(a.minutes ?? '');
  const [decisions, setDecisions] = useState(a.decisions ?? '');
  const changed = minutes.trim() !== (a.minutes ?? '') || decisions.trim() !== (a.decisions ?? '');

  if (!a.canEdit)
    return (
      <Flex vertical gap={12}>
        <div>
          <Typography.Text strong>{t('activityFields.minutes')}</Typography.Text>
          <Typography.Paragraph style={{ ...pre, margin: '4px 0 0' }} type={a.minutes ? undefined : 'secondary'} data-testid="meeting-minutes-text">
            {a.minutes || t('common.none')}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>{t('activityFields.decisions')}</Typography.Text>
          <Typography.Paragraph style={{ ...pre, margin: '4px 0 0' }} type={a.decisions ? undefined : 'secondary'}>
            {a.decisions || t('common.none')}
          </Typography.Paragraph>
        </div>
      </Flex>
    );

  const save = () =>
    run(
      () => activitiesApi.update(a.id, { minutes: minutes.trim() || null, decisions: decisions.trim() || null, version: a.version }),
      t('activityMeeting.saved'),
    );
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={t('activityFields.minutes')} style={{ marginBottom: COUNTED_GAP }}>
        <Input.TextArea
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 20 }}
          maxLength={20000}
          showCount
          placeholder={t('activityMeeting.minutesPlaceholder')}
          data-testid="meeting-minutes"
        />
      </Form.Item>
      <Form.Item label={t('activityFields.decisions')} style={{ marginBottom: COUNTED_GAP }}>
        <Input.TextArea
          value={decisions}
          onChange={(e) => setDecisions(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 10 }}
          maxLength={4000}
          showCount
          placeholder={t('activityMeeting.decisionsPlaceholder')}
          data-testid="meeting-decisions"
        />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" icon={<SaveOutlined />} disabled={!changed} loading={busy} onClick={save} data-testid="meeting-save">
          {t('activityMeeting.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** An open task's due date, changed or cleared by the activity's editors: not before the meeting (the server refuses that too). */
function TaskDue({ activity: a, task }: { activity: Activity; task: ActivityTask }) {
  const t = useT();
  const narrow = Grid.useBreakpoint().sm === false;
  const { run, busy } = useActivityAction(a.id);
  const change = (dueDate: string | null) =>
    run(() => activitiesApi.setTask(a.id, task.id, { dueDate }), t(dueDate ? 'activityMeeting.dueChanged' : 'activityMeeting.dueCleared'), {
      sheet: false,
    });
  return (
    <DatePicker
      size="small"
      value={task.dueDate ? dayjs(task.dueDate) : null}
      onChange={(d) => {
        const next = d ? d.format('YYYY-MM-DD') : null;
        if (next !== task.dueDate) void change(next);
      }}
      disabledDate={(d) => d.format('YYYY-MM-DD') < a.date}
      format="YYYY-MM-DD"
      placeholder={t('activityMeeting.setDue')}
      aria-label={t('activityMeeting.changeDue', { task: task.text })}
      status={task.overdue ? 'error' : undefined}
      disabled={busy}
      inputReadOnly={narrow}
      style={{ width: 140 }}
      data-testid="task-due"
    />
  );
}

function TaskRow({ activity: a, task }: { activity: Activity; task: ActivityTask }) {
  const t = useT();
  const me = useMe().data;
  const { run, busy } = useActivityAction(a.id);
  const mayTick = a.canEdit || (!!task.ownerId && task.ownerId === me?.user.id);
  const done = !!task.doneAt;
  return (
    <Flex
      align="start"
      gap={12}
      style={{ padding: '10px 12px', borderBottom: '1px solid #f0f0f0', background: task.overdue ? '#fff1f0' : undefined }}
      data-testid="task-row"
      data-overdue={task.overdue ? 'true' : 'false'}
    >
      <Checkbox
        checked={done}
        disabled={!mayTick || busy}
        onChange={(e) =>
          run(
            () => activitiesApi.setTask(a.id, task.id, { done: e.target.checked }),
            t(e.target.checked ? 'activityMeeting.ticked' : 'activityMeeting.unticked'),
            {
              sheet: false,
            },
          )
        }
        style={{ marginTop: 2, transform: 'scale(1.2)' }}
        aria-label={task.text}
        data-testid="task-done"
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text delete={done} style={pre}>
          {task.text}
        </Typography.Text>
        <Flex gap={8} wrap align="center" style={{ marginTop: 2 }}>
          {task.ownerName && <Typography.Text type="secondary">{task.ownerName}</Typography.Text>}
          {a.canEdit && !done && <TaskDue activity={a} task={task} />}
          {!a.canEdit && task.dueDate && !done && (
            <Typography.Text type={task.overdue ? 'danger' : 'secondary'} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('activityMeeting.dueOn', { date: task.dueDate })}
            </Typography.Text>
          )}
          {task.overdue && (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="task-overdue">
              {t('activityMeeting.overdue')}
            </Tag>
          )}
          {task.doneAt && <Typography.Text type="success">{t('activityMeeting.doneAt', { at: shanghaiTime(task.doneAt) })}</Typography.Text>}
        </Flex>
      </div>
    </Flex>
  );
}

/** A follow-up task: what, who (a staff member of the school), by when. */
function AddTask({ activity: a }: { activity: Activity }) {
  const t = useT();
  const users = useSchoolUsers(a.schoolId);
  const narrow = Grid.useBreakpoint().sm === false;
  const { run, busy } = useActivityAction(a.id);
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [due, setDue] = useState<string | null>(null);
  const add = async () => {
    const next = await run(() => activitiesApi.addTask(a.id, { text: text.trim(), ownerId: ownerId ?? null, dueDate: due }), t('activityMeeting.added'), {
      sheet: false,
    });
    if (next) {
      setText('');
      setOwnerId(undefined);
      setDue(null);
    }
  };
  return (
    <Flex gap={8} wrap style={{ padding: 12 }}>
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => text.trim() && add()}
        maxLength={500}
        placeholder={t('activityMeeting.taskPlaceholder')}
        aria-label={t('activityMeeting.taskText')}
        style={{ flex: '1 1 220px', minWidth: 0 }}
        data-testid="task-add-text"
      />
      <Select
        allowClear
        value={ownerId}
        onChange={setOwnerId}
        loading={users.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        options={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        placeholder={t('activityMeeting.ownerPlaceholder')}
        style={{ width: narrow ? 'calc(50% - 4px)' : 180 }}
        data-testid="task-add-owner"
      />
      <DatePicker
        value={due ? dayjs(due) : null}
        onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : null)}
        // A follow-up falls due on or after the meeting (the server refuses an earlier date).
        disabledDate={(d) => d.format('YYYY-MM-DD') < a.date}
        format="YYYY-MM-DD"
        placeholder={t('activityMeeting.due')}
        inputReadOnly={narrow}
        style={{ width: narrow ? 'calc(50% - 4px)' : 150 }}
        data-testid="task-add-due"
      />
      <Button icon={<PlusOutlined />} disabled={!text.trim()} loading={busy} onClick={add} data-testid="task-add">
        {t('activityMeeting.add')}
      </Button>
    </Flex>
  );
}

/** 会议记录: minutes, decisions and the follow-up tasks of a meeting (overdue ones in red, ticked off by their owner, due dates changed by the organisers). */
export function MeetingSection({ activity: a }: { activity: Activity }) {
  const t = useT();
  return (
    <Flex vertical gap={16} data-testid="meeting-section">
      <Card size="small" title={t('activityMeeting.minutesTitle')}>
        <Minutes key={a.version} activity={a} />
      </Card>
      <Card size="small" title={t('activityMeeting.tasks')} styles={{ body: { padding: 0 } }} data-testid="task-list">
        {a.tasks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityMeeting.noTasks')} />
        ) : (
          a.tasks.map((task) => <TaskRow key={task.id} activity={a} task={task} />)
        )}
        {a.canEdit && <AddTask activity={a} />}
      </Card>
    </Flex>
  );
}
