import type { Child, ChildFieldKey, FieldGroup } from '@carebridge/shared';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/lang.tsx';
import { fieldsOf, GROUPS, isLongText, useChildLabels } from '../child-format.ts';
import type { PrintContext } from './ContactCard.tsx';
import { Line } from './PrintShell.tsx';

/** Label/value pairs per table row (after the section column; see the colgroup). */
const PER_ROW = 3;

type Cell = { key: string; label: string; value: ReactNode; wide: boolean };

/** Inside the 父亲 / 母亲 / 监护人 sections the labels need not repeat whose field it is ("父亲联系电话" → "联系电话"). */
function shortLabel(label: string, group: FieldGroup): string {
  // Explanations in brackets ("生活说明（健康、营养、经济困难）") are for the screen; the form keeps the name.
  const bare = label.replace(/\s*[（(][^）)]*[）)]\s*$/, '') || label;
  if (group !== 'father' && group !== 'mother' && group !== 'guardian') return bare;
  const short = bare.replace(/^(父亲|母亲|监护人)/, '').replace(/^(Father|Mother|Guardian)'s /, '');
  return short ? short.charAt(0).toUpperCase() + short.slice(1) : bare;
}

/** Cells into table rows: three pairs a row; long text ends its row, taking what is left of it. */
function rowsOf(cells: Cell[]): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  for (const c of cells) {
    row.push(c);
    if (c.wide || row.length === PER_ROW) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** One section: its name in a column on the left (as on the paper form), then its rows of label/value pairs. */
function Section({ title, cells }: { title: string; cells: Cell[] }) {
  const rows = rowsOf(cells);
  return (
    <>
      {rows.map((row, r) => (
        <tr key={row[0]?.key}>
          {r === 0 && (
            <th rowSpan={rows.length} className="cb-vgroup">
              {title}
            </th>
          )}
          {row.map((c, i) => (
            <Pair key={c.key} cell={c} span={i === row.length - 1 ? (PER_ROW - row.length) * 2 + 1 : 1} />
          ))}
        </tr>
      ))}
    </>
  );
}

function Pair({ cell, span }: { cell: Cell; span: number }) {
  return (
    <>
      <th>{cell.label}</th>
      <td colSpan={span}>{cell.value}</td>
    </>
  );
}

/**
 * 档案卡: the archive laid out like the official registration form (一人一表), with the sign-off lines.
 * Unknown values stay blank to be filled in by hand ("—" on the official form means a deceased relative).
 */
export function ArchiveCard({ child: c, ctx }: { child: Child; ctx: PrintContext }) {
  const t = useT();
  const labels = useChildLabels();
  const value = (k: ChildFieldKey): ReactNode => {
    if (k === 'schoolId') return c.schoolName;
    if (k === 'classId') return c.className ?? '';
    return labels.value(k, c[k]);
  };
  const shown = (k: ChildFieldKey) =>
    !['disabilityCategory', 'disabilityGrade', 'illness', 'hostName', 'hostPhone', 'hostAddress'].includes(k) || labels.value(k, c[k]) !== '';
  const d = c.derived;
  const tc = d.threeClear;
  const derived: Cell[] = [
    { key: 'leftBehindType', label: labels.field('leftBehindType'), value: labels.code('leftBehindType', d.leftBehindType), wide: false },
    { key: 'xuejiCode', label: labels.field('xuejiCode'), value: labels.code('xuejiCode', d.xuejiCode), wide: false },
    { key: 'narrow', label: labels.field('narrow'), value: labels.yesNo(d.narrow), wide: false },
    { key: 'age', label: labels.field('age'), value: t('children.years', { age: d.age }), wide: false },
    { key: 'ageBand', label: labels.field('ageBand'), value: d.ageBand ? labels.code('ageBand', d.ageBand) : '', wide: false },
    { key: 'status', label: labels.field('status'), value: labels.code('childStatus', c.status), wide: false },
    {
      key: 'difficulty',
      label: labels.field('difficulty'),
      value: d.difficulty.map((x) => labels.code('difficulty', x)).join(labels.sep),
      wide: false,
    },
    {
      key: 'threeClear',
      label: labels.field('threeClear'),
      value: (['child', 'parents', 'guardian'] as const).map((p) => `${t(`children.threeShort.${p}`)}${tc[p] ? '✓' : '✗'}`).join('　'),
      wide: false,
    },
  ];

  return (
    <section className="cb-print-page cb-form" data-testid="print-page">
      <h1>{t('print.archiveTitle')}</h1>
      <p className="cb-sub">
        {t('print.archiveSubtitle')}　{labels.field('schoolId')}
        {labels.colon}
        {c.schoolName}　{labels.field('classId')}
        {labels.colon}
        {c.className ?? ''}
      </p>
      <table className="cb-compact">
        <colgroup>
          <col style={{ width: '7%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '13%' }} />
          <col style={{ width: '18%' }} />
        </colgroup>
        <tbody>
          {GROUPS.map((g) => (
            <Section
              key={g}
              title={labels.group(g)}
              cells={fieldsOf(g)
                .filter(shown)
                .map((k) => ({ key: k, label: shortLabel(labels.field(k), g), value: value(k), wide: isLongText(k) }))}
            />
          ))}
          <Section title={t('print.derived')} cells={derived} />
        </tbody>
      </table>
      <div className="cb-signs">
        {(['filler', 'reviewer', 'head', 'date'] as const).map((k) => (
          <span key={k}>
            {t(`print.${k}`)}
            {labels.colon}
            <Line width="22mm" />
          </span>
        ))}
      </div>
      <div className="cb-signs">
        <span>{t('print.guardianConfirm')}</span>
        <span>
          {t('print.signature')}
          {labels.colon}
          <Line />
        </span>
        <span>
          {t('print.date')}
          {labels.colon}
          <Line />
        </span>
      </div>
      <div className="cb-foot">
        <span>{t('print.printedAt', { date: ctx.today })}</span>
        {!c.revealed.idNumbers && <span>{t('print.masked')}</span>}
        <span>{t('print.confidential')}</span>
      </div>
    </section>
  );
}
