import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useT } from '../i18n/lang.tsx';

interface Props {
  onEdit: () => void;
  /** Called once the user confirms (确定删除吗？). */
  onRemove: () => unknown;
  /** 移除 (out of a list) or 删除 (gone). */
  removeWord?: 'remove' | 'delete';
  /** Icons alone, named for screen readers (a phone's row has no room for the words). */
  iconOnly?: boolean;
  /** Test ids of the two buttons. */
  editTestId: string;
  removeTestId: string;
}

/** A row's edit and remove buttons, the removal asked to confirm. */
export function EditRemoveButtons({ onEdit, onRemove, removeWord = 'remove', iconOnly = false, editTestId, removeTestId }: Props) {
  const t = useT();
  const removeLabel = t(removeWord === 'remove' ? 'common.remove' : 'common.delete');
  return (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={iconOnly ? t('common.edit') : undefined} data-testid={editTestId}>
        {iconOnly ? null : t('common.edit')}
      </Button>
      <Popconfirm title={t('common.confirmDelete')} onConfirm={onRemove}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={iconOnly ? removeLabel : undefined} data-testid={removeTestId}>
          {iconOnly ? null : removeLabel}
        </Button>
      </Popconfirm>
    </Space>
  );
}
