import { Drawer, Grid, Modal } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  width?: number;
}

/** A modal for short forms; content is unmounted when closed so each opening starts fresh. */
export function FormModal({ open, title, onClose, children, width = 520 }: Props) {
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden width={width} mask={{ closable: false }}>
      {children}
    </Modal>
  );
}

/** A side drawer for longer forms; full width on phones. */
export function FormDrawer({ open, title, onClose, children, width = 560 }: Props) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open={open} title={title} onClose={onClose} destroyOnHidden size={screens.md ? width : '100%'}>
      {children}
    </Drawer>
  );
}
