import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/lang.tsx';

interface Props {
  /** The question ("删除学校“青山小学”？"). */
  title: ReactNode;
  /** What may be deleted, said before the server has to refuse. */
  description?: ReactNode;
  onDelete: () => Promise<unknown>;
  onDeleted: () => void;
  testId?: string;
}

/**
 * A table row's 删除 link asking first (Popconfirm, as the organisation cards do). The server's refusal
 * (409: what still uses the thing) is shown as it says it, long enough to be read.
 */
export function DeleteButton({ title, description, onDelete, onDeleted, testId }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const confirm = async () => {
    try {
      await onDelete();
      message.success(t('common.deleted'));
      onDeleted();
    } catch (err) {
      message.error({ content: err instanceof Error ? err.message : String(err), duration: 8 });
    }
  };
  return (
    <Popconfirm
      title={title}
      description={description && <div style={{ maxWidth: 300 }}>{description}</div>}
      onConfirm={confirm}
      okText={t('common.delete')}
      okButtonProps={{ danger: true, ...(testId ? { 'data-testid': `${testId}-confirm` } : {}) } as { danger: boolean }}
    >
      <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={testId}>
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );
}
