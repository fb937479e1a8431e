import { Drawer, Flex, Grid, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { type Group, useReport } from './compliance.api.ts';
import { DrawerTitle, rateColor, rateText } from './compliance-format.tsx';
import { drillParam } from './DrillDrawer.tsx';
import { GroupTable } from './GroupTable.tsx';
import { rateNote, shownRate } from './rates.ts';

interface Props {
  regionId: string;
  period: string;
  /** The rule's key, as the report's `byRule` gives it. */
  ruleKey: string;
  /** The row of the region's report that was clicked (its sentence), while the rule's own report loads. */
  group: Group | undefined;
  /** A school's row: that school's items of the rule. */
  schoolLink: (schoolId: string) => string;
  onClose: () => void;
}

/**
 * One rule of a region, school by school: how each school keeps it (counts and rates only, as the
 * bureau sees a region), worst first, schools with nothing due under it last; a school opens its own
 * items of the rule.
 */
export function RuleSchoolsDrawer({ regionId, period, ruleKey, group, schoolLink, onClose }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const wide = Grid.useBreakpoint().lg;
  const report = useReport({ regionId, period, view: 'schools', ruleKey }, true);
  const r = report.data;
  const shown = shownRate(r, todayInShanghai());
  const note = rateNote(t, shown);
  return (
    <Drawer
      open
      onClose={onClose}
      size={wide ? 900 : '100%'}
      // A rule none of the region's schools has in the period (another region chosen, an old link): said so, not a blank title.
      title={
        <DrawerTitle name={r?.byRule[0]?.name ?? group?.name ?? (r ? t('compliance.ruleNoItems') : '')} from={r?.from} to={r?.to} testId="rule-schools-title" />
      }
      data-testid="rule-schools"
    >
      <Flex vertical gap={12}>
        <QueryError error={report.error} onRetry={() => report.refetch()} />
        {r && (
          <Flex wrap gap="4px 16px" align="baseline">
            <Typography.Text>
              {t('compliance.ruleRegionRate')}{' '}
              <span style={{ color: rateColor(shown.rate, shown.due), fontWeight: 600, fontSize: 18 }} data-testid="rule-schools-rate">
                {rateText(shown.rate)}
              </span>
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('compliance.ruleRegionCounts', { total: r.overall.total, done: r.overall.done, overdue: r.overall.overdue })}
            </Typography.Text>
            {note && <Typography.Text type="secondary">{note}</Typography.Text>}
          </Flex>
        )}
        <GroupTable
          title={t('compliance.bySchool')}
          nameTitle={t('compliance.school')}
          rows={r?.bySchool ?? []}
          loading={report.isLoading}
          total={r?.overall}
          testId="rule-schools-table"
          hint={t('compliance.ruleSchoolHint')}
          onOpen={(g) => g.id && navigate(schoolLink(g.id))}
          name={(g) =>
            g.id ? (
              <Flex vertical>
                <Link to={schoolLink(g.id)} onClick={(e) => e.stopPropagation()}>
                  {g.name}
                </Link>
                {g.total === 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('compliance.ruleNotApplied')}
                  </Typography.Text>
                )}
              </Flex>
            ) : (
              g.name
            )
          }
        />
      </Flex>
    </Drawer>
  );
}

/** The URL of a school's own items of a rule: its compliance page with the rule's drill-down open. */
export const schoolRuleLink = (schoolId: string, period: string, ruleKey: string) =>
  `/compliance?school=${schoolId}&period=${encodeURIComponent(period)}&drill=${encodeURIComponent(drillParam({ kind: 'rule', id: ruleKey }))}`;
