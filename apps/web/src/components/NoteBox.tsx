import { Input } from 'antd';
import type { TextAreaProps } from 'antd/es/input';

/**
 * A short note or reason as the API takes them (at most 200 characters): counted as typed, two lines
 * growing to five. Inside a `Form.Item` it takes the item's value like any input.
 */
export function NoteBox(props: TextAreaProps) {
  return <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} {...props} />;
}
