import type { PrintChild } from '@carebridge/shared';
import { Alert, Empty, Flex, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useClasses, useSchools } from '../../../api/queries.ts';
import { useT } from '../../../i18n/lang.tsx';
import { todayInShanghai } from '../child-format.ts';
import { usePrintArchives } from '../children.api.ts';
import { ArchiveCard } from './ArchiveCard.tsx';
import { ContactCard, type PrintContext } from './ContactCard.tsx';
import { PrintShell } from './PrintShell.tsx';

type Kind = 'contact' | 'archive';

/** School phone and address, and the class teacher, for the cards of one school. */
function usePrintContext(schoolId: string | undefined): (classId: string | null) => PrintContext {
  const schools = useSchools();
  const classes = useClasses({ schoolId }, !!schoolId);
  const today = useMemo(todayInShanghai, []);
  const school = schools.data?.find((s) => s.id === schoolId);
  return (classId) => ({
    schoolPhone: school?.phone ?? null,
    schoolAddress: school?.address ?? null,
    classTeacher: classes.data?.find((c) => c.id === classId)?.headTeacherName ?? null,
    today,
  });
}

function Sheet({ kind, child, ctx }: { kind: Kind; child: PrintChild; ctx: PrintContext }) {
  return kind === 'archive' ? <ArchiveCard child={child} ctx={ctx} /> : <ContactCard child={child} ctx={ctx} />;
}

function Centered({ children }: { children: React.ReactNode }) {
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 240, background: '#fff', maxWidth: '210mm', margin: '0 auto', padding: 24 }}>
      {children}
    </Flex>
  );
}

/** One child (/children/:id/print/…) or a whole class (/children/print/…?classId=…), loaded in one audited call. */
function Sheets({ kind, query, onBack }: { kind: Kind; query: { classId: string } | { ids: string[] } | null; onBack: () => void }) {
  const t = useT();
  const archives = usePrintArchives(query);
  const list = archives.data ?? [];
  const first = list[0];
  const ctx = usePrintContext(first?.schoolId ?? undefined);
  const title = t(kind === 'archive' ? 'print.archiveTitle' : 'print.contactTitle');
  const whole = !!query && 'classId' in query;
  const subject = whole ? first?.className : first?.name;
  return (
    <PrintShell
      title={subject ? `${title} · ${subject}` : title}
      onBack={onBack}
      ready={list.length > 0}
      status={whole && list.length > 0 && <Typography.Text type="secondary">{t('common.total', { count: list.length })}</Typography.Text>}
    >
      {!query && (
        <Centered>
          <Alert type="warning" showIcon title={t('children.printClassHint')} />
        </Centered>
      )}
      {archives.isLoading && (
        <Centered>
          <Spin />
          <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
        </Centered>
      )}
      {archives.error && (
        <Centered>
          <Alert type="error" showIcon title={archives.error.message} />
        </Centered>
      )}
      {archives.isSuccess && list.length === 0 && (
        <Centered>
          <Empty description={t('print.noChildren')} />
        </Centered>
      )}
      {list.map((c) => (
        <Sheet key={c.id} kind={kind} child={c} ctx={ctx(c.classId)} />
      ))}
    </PrintShell>
  );
}

/** /children/:id/print/(contact|archive) and /children/print/(contact|archive)?classId=… */
export default function PrintPage() {
  const { id, kind: rawKind } = useParams();
  const [params] = useSearchParams();
  const kind: Kind = rawKind === 'archive' ? 'archive' : 'contact';
  const navigate = useNavigate();
  const classId = params.get('classId');
  const query = useMemo(() => (id ? { ids: [id] } : classId ? { classId } : null), [id, classId]);
  return <Sheets kind={kind} query={query} onBack={() => (id ? navigate(`/children/${id}`) : navigate(-1))} />;
}
