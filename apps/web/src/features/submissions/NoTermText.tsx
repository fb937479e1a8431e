import { Link } from 'react-router';
import { createsTerms } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { useT } from '../../i18n/lang.tsx';

/**
 * The school has no term yet. Whoever may create its terms (its leader, the bureau, the administrator)
 * is taken to the 学期 page of that school; everyone else is asked to contact the school's leader.
 */
export function NoTermText({ schoolId }: { schoolId: string }) {
  const t = useT();
  const me = useMe().data;
  if (!createsTerms(me, schoolId)) return <>{t('submissions.noTerm')}</>;
  return (
    <>
      {t('submissions.noTermYours')}
      <Link to={`/terms?school=${encodeURIComponent(schoolId)}`} style={{ marginInlineStart: 8 }} data-testid="submission-set-up-terms">
        {t('submissions.setUpTerms')}
      </Link>
    </>
  );
}
