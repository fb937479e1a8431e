import '../../../i18n/children.ts';
import { buildCampModel, type Camp, type CampCell, type CampUnit, campInput, type Timetable } from '@carebridge/shared';
import { Alert, Empty, Flex, Spin, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useLang, useT } from '../../../i18n/lang.tsx';
import { todayInShanghai } from '../../../lib/dates.ts';
import { PrintShell } from '../../children/print/PrintShell.tsx';
import { dateRange, subjectColours } from '../camp-format.ts';
import { useCamp, useTimetable } from '../camps.api.ts';
import { AttendanceSheet, LANDSCAPE_CSS, type SheetCell, TimetableSheet, weeks } from './CampSheets.tsx';

type Kind = 'group' | 'volunteer' | 'attendance';
const isKind = (v: string | undefined): v is Kind => v === 'group' || v === 'volunteer' || v === 'attendance';

function Centered({ children }: { children: ReactNode }) {
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 240, background: '#fff', maxWidth: '297mm', margin: '0 auto', padding: 24 }}>
      {children}
    </Flex>
  );
}

/** The sheets of one kind for one group or volunteer (or all of them), a page per week of the camp. */
function Sheets({ camp, timetable, kind, target }: { camp: Camp; timetable: Timetable; kind: Kind; target: string }) {
  const t = useT();
  const { lang } = useLang();
  const today = useMemo(todayInShanghai, []);
  const model = useMemo(() => buildCampModel(campInput(camp)), [camp]);
  const session = new Map(camp.sessions.map((s) => [s.id, s]));
  const volunteer = new Map(camp.volunteers.map((v) => [v.id, v]));
  const group = new Map(camp.groups.map((g) => [g.id, g]));
  const colourOf = subjectColours(camp.sessions);
  const pages = weeks(camp.days);
  const cells = timetable.cells;
  const dates = dateRange(camp.startDate, camp.endDate, lang);
  const printed = t('campPrint.printedAt', { date: today });

  const sessionCell = (c: CampCell, minor: string): SheetCell => {
    const s = session.get(c.sessionId);
    return {
      key: `${c.sessionId}|${minor}`,
      main: s?.title ?? c.sessionId,
      minor,
      game: s?.kind === 'game',
      colour: colourOf(s?.subject),
    };
  };
  const eventCell = (title: string): SheetCell => ({ key: `event|${title}`, main: title, event: true });
  const legend = (
    <div className="cb-legend">
      {[...new Set(camp.sessions.map((s) => s.subject))].map((s) => (
        <span key={s} style={{ background: colourOf(s).bg }}>
          {s}
        </span>
      ))}
      <span style={{ fontStyle: 'italic' }}>{t('campPrint.gameNote')}</span>
    </div>
  );

  if (kind === 'attendance') {
    const ids = target === 'all' ? camp.groups.map((g) => g.id) : [target];
    return ids.flatMap((g) => pages.map((days) => <AttendanceSheet key={`${g}|${days[0]}`} camp={camp} groupId={g} days={days} today={today} />));
  }

  if (kind === 'group') {
    const ids = target === 'all' ? camp.groups.map((g) => g.id) : [target];
    return ids.flatMap((g) => {
      const gi = model.groupIndex.get(g);
      const mine = new Map(cells.filter((c) => c.groupId === g).map((c) => [c.unitIndex, c]));
      const cellAt = (u: CampUnit): SheetCell | null => {
        const c = mine.get(u.index);
        if (c) return sessionCell(c, volunteer.get(c.volunteerId)?.name ?? c.volunteerId);
        const blocked = gi === undefined ? null : model.blocked[gi * model.U + u.index];
        return blocked ? eventCell(blocked) : null;
      };
      const name = group.get(g)?.name ?? g;
      return pages.map((days) => (
        <TimetableSheet
          key={`${g}|${days[0]}`}
          camp={camp}
          units={model.units}
          title={t('campPrint.groupTitle', { group: name })}
          subtitle={[dates, camp.place].filter(Boolean).join('　')}
          days={days}
          cellAt={cellAt}
          legend={legend}
          footer={
            <>
              <span>{t('campPrint.groupFoot', { count: mine.size })}</span>
              <span>{printed}</span>
            </>
          }
        />
      ));
    });
  }

  const ids = target === 'all' ? camp.volunteers.map((v) => v.id) : [target];
  return ids.flatMap((v) => {
    const mine = cells.filter((c) => c.volunteerId === v);
    const byUnit = new Map<number, CampCell[]>();
    for (const c of mine) byUnit.set(c.unitIndex, [...(byUnit.get(c.unitIndex) ?? []), c]);
    const cellAt = (u: CampUnit): SheetCell | null => {
      const list = byUnit.get(u.index);
      if (!list?.length) return null;
      const first = list[0] as CampCell;
      // Two groups at once is a clash in the timetable; the sheet shows both.
      const where = list.map((c) => group.get(c.groupId)?.name ?? c.groupId).join(' / ');
      return sessionCell(first, where);
    };
    const who = volunteer.get(v);
    return pages.map((days) => (
      <TimetableSheet
        key={`${v}|${days[0]}`}
        camp={camp}
        units={model.units}
        title={t('campPrint.volunteerTitle', { name: who?.name ?? v })}
        subtitle={[dates, camp.place, who?.phone].filter(Boolean).join('　')}
        days={days}
        cellAt={cellAt}
        legend={legend}
        footer={
          <>
            <span>{t('campPrint.volunteerFoot', { count: mine.length })}</span>
            <span>{printed}</span>
          </>
        }
      />
    ));
  });
}

/** /camps/:id/print/(group|volunteer|attendance)/(:id|all) — A4 landscape sheets outside the menu layout. */
export default function CampPrintPage() {
  const { id = '', kind: rawKind, target = 'all' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const kind: Kind = isKind(rawKind) ? rawKind : 'group';
  const camp = useCamp(id);
  const timetable = useTimetable(id);
  const c = camp.data;
  const error = camp.error ?? timetable.error;
  const exists = !c || target === 'all' || (kind === 'volunteer' ? c.volunteers.some((v) => v.id === target) : c.groups.some((g) => g.id === target));
  const who =
    c && target !== 'all' ? (kind === 'volunteer' ? c.volunteers.find((v) => v.id === target)?.name : c.groups.find((g) => g.id === target)?.name) : undefined;
  const sheet = t(kind === 'attendance' ? 'campPrint.attendanceSheet' : kind === 'volunteer' ? 'campPrint.volunteerSheet' : 'campPrint.groupSheet');
  const title = c ? [c.title, sheet, who].filter(Boolean).join(' · ') : sheet;
  const ready = !!c && !!timetable.data && exists;

  return (
    <PrintShell title={title} onBack={() => navigate(`/camps/${id}?tab=timetable`)} ready={ready}>
      <style>{LANDSCAPE_CSS}</style>
      {(camp.isLoading || timetable.isLoading) && (
        <Centered>
          <Spin />
          <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
        </Centered>
      )}
      {error && (
        <Centered>
          <Alert type="error" showIcon title={error.message} />
        </Centered>
      )}
      {c && !exists && (
        <Centered>
          <Empty description={t('campPrint.notFound')} />
        </Centered>
      )}
      {ready && c && timetable.data && <Sheets camp={c} timetable={timetable.data} kind={kind} target={target} />}
    </PrintShell>
  );
}
