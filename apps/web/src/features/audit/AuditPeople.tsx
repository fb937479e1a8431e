import type { AuditEntry, AuditPerson } from '@carebridge/shared';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../i18n/lang.tsx';
import { actorLabel } from './audit-people.ts';

/** A name over the login in lighter type. */
function NameOverLogin({ main, login, testId }: { main: ReactNode; login: string | null; testId: string }) {
  return (
    <div style={{ lineHeight: 1.35, overflowWrap: 'anywhere' }} data-testid={testId}>
      <div>{main}</div>
      {login && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {login}
        </Typography.Text>
      )}
    </div>
  );
}

/** Who did it: "李玉兰" over "leader1"; "系统" over the job's name; a login alone when no account has it. */
export function AuditActor({ entry }: { entry: AuditEntry }) {
  const { lang } = useLang();
  const a = actorLabel(lang, entry);
  return <NameOverLogin main={a.main} login={a.login} testId="audit-actor" />;
}

/** An account an entry is about, with its id to copy. */
export function AuditPersonCell({ person, id }: { person: AuditPerson; id: string }) {
  return <NameOverLogin main={<Typography.Text copyable={{ text: id }}>{person.name}</Typography.Text>} login={person.username} testId="audit-person" />;
}
