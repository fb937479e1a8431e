import type { Child, PrintChild } from '@carebridge/shared';
import { useT } from '../../../i18n/lang.tsx';
import { useChildLabels } from '../child-format.ts';
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
  const workPlace = (p: 'father' | 'mother') => {
    const place = [c[`${p}WorkProvince`], c[`${p}WorkCity`], c[`${p}WorkAddress`]].filter(Boolean).join(' ');
    return place || labels.code('parentStatus', c[`${p}Status`]) || '';
  };
  // The class's head teacher as printed with the child, with the phone for the emergency contacts.
  const teacher = c.classTeacher?.name ?? ctx.classTeacher;
  const emergency: [string, string | null][] = [
    [`${t('print.guardian')}${labels.paren(c.guardianName)}`, c.guardianPhone],
    [`${labels.group('father')}${labels.paren(c.fatherName)}`, c.fatherPhone],
    [`${labels.group('mother')}${labels.paren(c.motherName)}`, c.motherPhone],
    ...(c.boarding === 'host' ? ([[`${t('print.host')}${labels.paren(c.hostName)}`, c.hostPhone]] as [string, string | null][]) : []),
    [`${t('print.classTeacher')}${labels.paren(teacher)}`, c.classTeacher?.phone ?? null],
    [t('print.schoolPhone'), ctx.schoolPhone],
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
            <ParentRows key={p} child={c} parent={p} workPlace={workPlace(p)} />
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
          <tr>
            <td className="cb-group" colSpan={4}>
              {t('print.emergency')}
            </td>
          </tr>
          {pairs(emergency).map((pair) => (
            <tr key={pair[0]?.[0]}>
              {pair.map(([who, phone]) => (
                <EmergencyCells key={who} who={who} phone={phone} />
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

function EmergencyCells({ who, phone }: { who: string; phone: string | null }) {
  return (
    <>
      <th>{who}</th>
      <td>{phone || <Line width="30mm" />}</td>
    </>
  );
}

function ParentRows({ child: c, parent: p, workPlace }: { child: Child; parent: 'father' | 'mother'; workPlace: string }) {
  const t = useT();
  const labels = useChildLabels();
  return (
    <>
      <tr>
        <td className="cb-group" colSpan={4}>
          {labels.group(p)}
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
        <td>{workPlace}</td>
        <th>{t('print.employer')}</th>
        <td>{dash(c[`${p}Employer`])}</td>
      </tr>
    </>
  );
}
