import type { Child, PrintChild } from '@carebridge/shared';
import { useT } from '../../../i18n/lang.tsx';
import { parentsToCall, parentWorkPlace, useChildLabels } from '../child-format.ts';
import { Line } from './PrintShell.tsx';

export interface PrintContext {
  schoolPhone: string | null;
  schoolAddress: string | null;
  classTeacher: string | null;
  today: string;
}

/** Unknown stays blank, to be written in by hand. */
const dash = (v: string | null | undefined) => (v?.trim() ? v : '');

/** 联系卡: everything a teacher needs to reach the family of one child, on one A4 sheet. */
export function ContactCard({ child: c, ctx }: { child: PrintChild; ctx: PrintContext }) {
  const t = useT();
  const labels = useChildLabels();
  const f = labels.field;
  // The class's head teacher as printed with the child, with the phone for the emergency contacts.
  const teacher = c.classTeacher?.name ?? ctx.classTeacher;
  const emergency: Contact[] = [
    { role: t('print.guardian'), name: c.guardianName, phone: c.guardianPhone },
    ...parentsToCall(c).map((p) => ({ role: labels.group(p), name: c[`${p}Name`], phone: c[`${p}Phone`] })),
    ...(c.boarding === 'host' ? [{ role: t('print.host'), name: c.hostName, phone: c.hostPhone }] : []),
    { role: t('print.classTeacher'), name: teacher, phone: c.classTeacher?.phone ?? null },
    { role: t('print.schoolPhone'), name: null, phone: ctx.schoolPhone },
  ];
  const masked = !c.revealed.phones;

  return (
    <section className="cb-print-page" data-testid="print-page">
      <h1>{t('print.contactTitle')}</h1>
      <p className="cb-sub">
        {c.schoolName}
        {c.className ? `　${c.className}` : ''}
      </p>
      <table>
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <td className="cb-group" colSpan={4}>
              {t('print.child')}
            </td>
          </tr>
          <tr>
            <th>{f('name')}</th>
            <td style={{ fontSize: '13pt', fontWeight: 'bold' }}>{dash(c.name)}</td>
            <th>{f('gender')}</th>
            <td>{labels.code('gender', c.gender) || ''}</td>
          </tr>
          <tr>
            <th>{f('birthDate')}</th>
            <td>
              {dash(c.birthDate)}
              {labels.paren(t('children.years', { age: c.derived.age }))}
            </td>
            <th>{f('classId')}</th>
            <td>{dash(c.className)}</td>
          </tr>
          <tr>
            <th>{t('print.address')}</th>
            <td colSpan={3}>{dash(c.address)}</td>
          </tr>
          <tr>
            <th>{f('boarding')}</th>
            <td colSpan={3}>
              {labels.code('boarding', c.boarding) || ''}
              {c.boarding === 'host' && `${labels.colon}${[c.hostName, c.hostAddress].filter(Boolean).join(labels.sep)}`}
            </td>
          </tr>
          <tr>
            <td className="cb-group" colSpan={4}>
              {t('print.guardian')}
            </td>
          </tr>
          <tr>
            <th>{f('guardianName')}</th>
            <td>{dash(c.guardianName)}</td>
            <th>{t('print.relation')}</th>
            <td>{labels.code('guardianRelation', c.guardianRelation) || ''}</td>
          </tr>
          <tr>
            <th>{t('print.phone')}</th>
            <td>{dash(c.guardianPhone)}</td>
            <th>{f('guardianAddress')}</th>
            <td>{dash(c.guardianAddress)}</td>
          </tr>
          {(['father', 'mother'] as const).map((p) => (
            <ParentRows key={p} child={c} parent={p} />
          ))}
          <tr>
            <td className="cb-group" colSpan={4}>
              {t('print.school')}
            </td>
          </tr>
          <tr>
            <th>{t('print.classTeacher')}</th>
            <td>{dash(teacher)}</td>
            <th>{t('print.schoolPhone')}</th>
            <td>{dash(ctx.schoolPhone)}</td>
          </tr>
          <tr>
            <td colSpan={4} style={{ paddingBlock: '3mm' }}>
              {t('print.mentorLine')}
              {c.mentor ? <span data-testid="print-mentor">{c.mentor.name}</span> : <Line width="40mm" />}
              {/* JSX drops the ideographic spaces of a text line as whitespace: given as a string. */}
              {'\u3000\u3000'}
              {t('print.mentorPhoneLine')}
              {c.mentor?.phone ? <span data-testid="print-mentor-phone">{c.mentor.phone}</span> : <Line width="45mm" />}
            </td>
          </tr>
        </tbody>
      </table>
      {/* Its own columns: a role with the person's name ("实际监护人（邓秀珍）") needs a wider label than the card's fields. */}
      <table className="cb-joined" data-testid="print-contacts">
        <colgroup>
          <col style={{ width: '27%' }} />
          <col style={{ width: '23%' }} />
          <col style={{ width: '27%' }} />
          <col style={{ width: '23%' }} />
        </colgroup>
        <tbody>
          <tr>
            <td className="cb-group" colSpan={4}>
              {t('print.emergency')}
            </td>
          </tr>
          {pairs(emergency).map((pair) => (
            <tr key={pair[0]?.role}>
              {pair.map((who) => (
                <EmergencyCells key={who.role} who={who} />
              ))}
              {pair.length === 1 && <td colSpan={2} />}
            </tr>
          ))}
          <tr>
            <td colSpan={4}>
              <strong>{t('print.emergencyNumbers')}</strong>
              <br />
              {t('print.emergencyRule')}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="cb-foot">
        <span>{t('print.printedAt', { date: ctx.today })}</span>
        {masked && <span>{t('print.masked')}</span>}
        <span>{t('print.confidential')}</span>
      </div>
    </section>
  );
}

function pairs<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += 2) out.push(list.slice(i, i + 2));
  return out;
}

/** Someone to call: 父亲 and 邓志刚, the school, … */
interface Contact {
  role: string;
  name: string | null | undefined;
  phone: string | null;
}

function EmergencyCells({ who }: { who: Contact }) {
  const labels = useChildLabels();
  return (
    <>
      {/* The line may break between the role and the name, never inside either. */}
      <th>
        <span className="cb-nowrap">{who.role}</span>
        {who.name?.trim() && <span className="cb-nowrap">{labels.paren(who.name)}</span>}
      </th>
      <td>{who.phone || <Line width="30mm" />}</td>
    </>
  );
}

function ParentRows({ child: c, parent: p }: { child: Child; parent: 'father' | 'mother' }) {
  const t = useT();
  const labels = useChildLabels();
  return (
    <>
      <tr>
        <td className="cb-group" colSpan={4}>
          {/* Whether they work away, at home or have died: here, not in the row of the place of work. */}
          {labels.group(p)}
          {labels.paren(labels.code('parentStatus', c[`${p}Status`]))}
        </td>
      </tr>
      <tr>
        <th>{labels.field(`${p}Name`)}</th>
        <td>{dash(c[`${p}Name`])}</td>
        <th>{t('print.phone')}</th>
        <td>{dash(c[`${p}Phone`])}</td>
      </tr>
      <tr>
        <th>{t('print.workPlace')}</th>
        <td>{parentWorkPlace(c, p)}</td>
        <th>{t('print.employer')}</th>
        <td>{dash(c[`${p}Employer`])}</td>
      </tr>
    </>
  );
}
