import { BankOutlined } from '@ant-design/icons';
import type { AuditEntry } from '@carebridge/shared';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLang } from '../../i18n/lang.tsx';
import { AuditPersonCell } from './AuditPeople.tsx';
import { entrySchool, nameText, shortId } from './audit-names.ts';

/**
 * What an entry is about: an account by name and login; a child the reader may see by name over its
 * school, linked to the archive; a place, activity, term or roster submission by name; else enough of
 * the id to tell two apart (a child outside the reader's scope stays an id), each with the id to copy.
 * With `showSchool` (a reader of many schools), the entry's school under it, unless the subject says it
 * already; an entry without a school shows none. Without a subject, `none` ("—" in the table's cell).
 */
export function AuditSubject({ entry, showSchool = false, none = '—' }: { entry: AuditEntry; showSchool?: boolean; none?: ReactNode }) {
  const school = showSchool ? entrySchool(entry) : null;
  const subject = entry.entityId ? <Subject entry={entry} id={entry.entityId} /> : none;
  if (!school) return subject;
  return (
    <div style={{ lineHeight: 1.35, overflowWrap: 'anywhere' }}>
      {subject && <div>{subject}</div>}
      {/* The school's mark, as in the menu: not read as the account's login above it. */}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <BankOutlined style={{ marginInlineEnd: 4 }} aria-hidden />
        <span data-testid="audit-school">{school}</span>
      </Typography.Text>
    </div>
  );
}

function Subject({ entry, id }: { entry: AuditEntry; id: string }): ReactNode {
  const { lang } = useLang();
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
