import type { ChildWarning } from '@carebridge/shared';
import { Typography } from 'antd';
import { duplicateLines } from './child-created.ts';

/**
 * The archives a new one may repeat, as the confirmation before creating it lists them. Each links to
 * the other archive where the user may open it, in a new tab so that the form stays as typed. Texts
 * come as props: a dialog's content is rendered outside the page's providers.
 */
export function DuplicateList({ duplicates, intro, openLabel }: { duplicates: readonly ChildWarning[]; intro: string; openLabel: string }) {
  return (
    <div data-testid="child-duplicate-warning">
      <ul style={{ margin: '8px 0', paddingInlineStart: 18 }}>
        {duplicateLines(duplicates).map((l) => (
          <li key={l.key}>
            {l.text}
            {l.href && (
              <a href={l.href} target="_blank" rel="noopener noreferrer" style={{ marginInlineStart: 8 }} data-testid="child-duplicate-open">
                {openLabel}
              </a>
            )}
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary">{intro}</Typography.Text>
    </div>
  );
}
