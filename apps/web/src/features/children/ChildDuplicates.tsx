import { Alert } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/lang.tsx';
import { duplicateLines, handedOverDuplicates } from './child-created.ts';

/**
 * On the page of an archive just created: the archives it may duplicate, each with a link when the
 * user may open it. Shown in the page (not a floating notice over the finished form); closing it
 * clears it from the history entry, so that coming back here does not show it again.
 */
export function DuplicateNotice() {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const lines = duplicateLines(handedOverDuplicates(location.state));
  if (!lines.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('childForm.duplicateTitle')}
      closable={{ afterClose: () => navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null }) }}
      data-testid="child-duplicate-notice"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="child-duplicate-warning">
          {lines.map((l) => (
            <li key={l.key}>
              {l.text}
              {l.href && (
                <Link to={l.href} style={{ marginInlineStart: 8 }} data-testid="child-duplicate-open">
                  {t('childForm.duplicateOpen')}
                </Link>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}
