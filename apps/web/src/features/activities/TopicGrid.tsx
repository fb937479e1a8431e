import { SAFETY_TOPICS, type SafetyTopic } from '@carebridge/shared';
import { Checkbox } from 'antd';
import { useT } from '../../i18n/lang.tsx';

interface Props {
  value?: SafetyTopic[];
  onChange?: (topics: SafetyTopic[]) => void;
  /** Only these topics (default: all, in the shared order). */
  topics?: readonly SafetyTopic[];
  disabled?: boolean;
  id?: string;
  testId?: string;
}

/** The safety topics as a grid of checkboxes, big enough to tap (a Form.Item control); the value keeps the shared order. */
export function TopicGrid({ value, onChange, topics = SAFETY_TOPICS, disabled, id, testId = 'topic-grid' }: Props) {
  const t = useT();
  const chosen = new Set(value ?? []);
  return (
    <fieldset
      id={id}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: '4px 12px', border: 0, margin: 0, padding: 0, minWidth: 0 }}
      data-testid={testId}
    >
      {topics.map((topic) => (
        <Checkbox
          key={topic}
          checked={chosen.has(topic)}
          disabled={disabled}
          onChange={(e) => {
            const next = new Set(chosen);
            if (e.target.checked) next.add(topic);
            else next.delete(topic);
            onChange?.(SAFETY_TOPICS.filter((x) => next.has(x)));
          }}
          style={{ paddingBlock: 6 }}
          data-testid={`topic-${topic}`}
        >
          {t(`activities.topics.${topic}`)}
        </Checkbox>
      ))}
    </fieldset>
  );
}
