import '../../../i18n/children.ts';
import '../../../i18n/events.ts';
import { type EventView, MEMBER_ROLES, type Team } from '@carebridge/shared';
import { Alert, Flex, Spin, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useLang, useT } from '../../../i18n/lang.tsx';
import { todayInShanghai } from '../../../lib/dates.ts';
import { PrintShell } from '../../children/print/PrintShell.tsx';
import { unitNames } from '../event-format.tsx';
import { useEvent, useTeams } from '../events.api.ts';

/** A team block stays on one sheet where it fits; the member table is compact. */
const CSS = `
.cb-team { margin-top: 5mm; page-break-inside: avoid; break-inside: avoid; }
.cb-team h2 { font-size: 13pt; margin: 0 0 1.5mm; }
.cb-team .cb-facts { display: flex; flex-wrap: wrap; gap: 0 6mm; margin-bottom: 1.5mm; font-size: 10pt; }
.cb-team table th, .cb-team table td { padding: 0.8mm 1.6mm; font-size: 10pt; text-align: center; }
.cb-team table td.cb-left { text-align: left; }
`;

const ORDER = Object.fromEntries(MEMBER_ROLES.map((r, i) => [r, i]));

function Centered({ children }: { children: ReactNode }) {
  return (
    <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 240, background: '#fff', maxWidth: '210mm', margin: '0 auto', padding: 24 }}>
      {children}
    </Flex>
  );
}

/** One A4 list: each approved team with its units, contact and members (role, number), leaders and coaches first. */
function TeamSheet({ event: e, teams }: { event: EventView; teams: Team[] }) {
  const t = useT();
  const { lang } = useLang();
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const people = teams.reduce((n, team) => n + team.members.length, 0);
  return (
    <section className="cb-print-page" data-testid="print-page">
      <h1>{e.title}</h1>
      <p className="cb-sub">
        {t('eventPrint.title')}　{[e.eventDate, e.place].filter(Boolean).join('　')}
      </p>
      {teams.map((team, i) => {
        const members = [...team.members].sort((a, b) => (ORDER[a.role] ?? 9) - (ORDER[b.role] ?? 9) || (a.number ?? 999) - (b.number ?? 999));
        return (
          <div className="cb-team" key={team.id} data-testid="print-team">
            <h2>
              {t('eventPrint.team', { index: i + 1, name: team.name })}
              {team.units.length > 1 ? t('eventPrint.joint') : ''}
            </h2>
            <div className="cb-facts">
              <span>
                {t('eventPrint.units')}
                {colon}
                {unitNames(lang, team.units)}
              </span>
              <span>
                {t('eventPrint.contact')}
                {colon}
                {team.contactName} {team.contactPhone}
              </span>
            </div>
            <table>
              <colgroup>
                <col style={{ width: '8%' }} />
                <col style={{ width: '14%' }} />
                <col style={{ width: '24%' }} />
                <col style={{ width: '10%' }} />
                <col style={{ width: '10%' }} />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('eventPrint.seq')}</th>
                  <th>{t('teamForm.role')}</th>
                  <th>{t('teamForm.memberName')}</th>
                  <th>{t('teamForm.number')}</th>
                  <th>{t('teamForm.gender')}</th>
                  <th>{t('teamForm.note')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m, k) => (
                  <tr key={`${m.role}|${m.name}`} data-testid="print-member">
                    <td>{k + 1}</td>
                    <td>
                      {t(`events.roles.${m.role}`)}
                      {m.role !== 'player' && m.plays ? `/${t('events.roles.player')}` : ''}
                    </td>
                    <td className="cb-left">{m.name}</td>
                    <td>{m.number ?? ''}</td>
                    <td>{m.gender ? t(`eventDetail.genders.${m.gender}`) : ''}</td>
                    <td className="cb-left">{m.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      <div className="cb-foot">
        <span>{t('eventPrint.total', { teams: teams.length, people })}</span>
        <span>{t('eventPrint.printedAt', { date: todayInShanghai() })}</span>
      </div>
    </section>
  );
}

/** /events/:id/print — the approved teams as an A4 list, outside the menu layout. */
export default function EventPrintPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const event = useEvent(id);
  const teams = useTeams(id);
  const approved = useMemo(() => (teams.data ?? []).filter((team) => team.status === 'approved'), [teams.data]);
  const e = event.data;
  const error = event.error ?? teams.error;
  const ready = !!e && !!teams.data && approved.length > 0;
  return (
    <PrintShell title={e ? `${e.title} · ${t('eventPrint.title')}` : t('eventPrint.title')} onBack={() => navigate(`/events/${id}`)} ready={ready}>
      <style>{CSS}</style>
      {(event.isLoading || teams.isLoading) && (
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
      {e && teams.data && !approved.length && (
        <Centered>
          <Typography.Text type="secondary" data-testid="print-empty">
            {t('eventPrint.noTeams')}
          </Typography.Text>
        </Centered>
      )}
      {ready && e && <TeamSheet event={e} teams={approved} />}
    </PrintShell>
  );
}
