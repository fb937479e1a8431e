import type { AuditEntry } from '@carebridge/shared';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useLang } from '../../i18n/lang.tsx';
import { AuditPersonCell } from './AuditPeople.tsx';
import { nameText, shortId } from './audit-names.ts';

/**
 * What an entry is about: an account by name and login; a child the reader may see by name over its
 * school, linked to the archive; a place, activity or term by name; else enough of the id to tell
 * two apart (a child outside the reader's scope stays an id), each with the id to copy.
 */
export function AuditSubject({ entry }: { entry: AuditEntry }) {
  const { lang } = useLang();
  const id = entry.entityId;
  if (!id) return '—';
  const person = entry.entity === 'user' ? entry.people[id] : undefined;
  if (person) return <AuditPersonCell person={person} id={id} />;
  const named = entry.names[id];
  if (named?.kind === 'child')
    return (
      <div style={{ lineHeight: 1.35, overflowWrap: 'anywhere' }} data-testid="audit-child">
        <div>
          <Link to={`/children/${id}`}>{named.name}</Link>
          <Typography.Text copyable={{ text: id }} />
        </div>
        {named.school && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {named.school}
          </Typography.Text>
        )}
      </div>
    );
  if (named)
    return (
      <Typography.Text copyable={{ text: id }} style={{ overflowWrap: 'anywhere' }} data-testid="audit-subject">
        {nameText(lang, named)}
      </Typography.Text>
    );
  return (
    <Typography.Text code copyable={{ text: id }} style={{ fontSize: 12 }}>
      {shortId(id)}
    </Typography.Text>
  );
}
