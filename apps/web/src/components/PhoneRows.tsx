import { Flex, Skeleton } from 'antd';
import type { ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowKey: (item: T) => string;
  loading?: boolean;
  /** Shown when there is nothing (after loading). */
  empty: ReactNode;
  /** What a row says, wrapped to the screen's width. */
  render: (item: T) => ReactNode;
  /** Its buttons, at its right (icon buttons with an aria-label: there is no room for words). */
  actions?: ((item: T) => ReactNode) | undefined;
  /** Each row's test id: one for all, or by row. */
  testId?: string | ((item: T) => string | undefined);
}

/**
 * A table's rows on a phone: a block per row, its text wrapped in the screen's width and its buttons
 * at its right, instead of a table that scrolls sideways and hides its last columns.
 */
export function PhoneRows<T>({ items, rowKey, loading, empty, render, actions, testId }: Props<T>) {
  if (loading) return <Skeleton active style={{ padding: 12 }} />;
  if (!items.length) return <>{empty}</>;
  return (
    <div>
      {items.map((item) => (
        <Flex
          key={rowKey(item)}
          gap={8}
          align="start"
          data-testid={typeof testId === 'function' ? testId(item) : testId}
          style={{ padding: '10px 12px', borderBlockStart: '1px solid #f0f0f0' }}
        >
          <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{render(item)}</div>
          {actions?.(item)}
        </Flex>
      ))}
    </div>
  );
}
