import '../../i18n/campaigns.ts';
import { HomeOutlined, ShopOutlined } from '@ant-design/icons';
import { type Campaign, type CampaignPlace, joinList, type Lang } from '@carebridge/shared';
import { Progress, Tag, theme } from 'antd';
import { useMemo } from 'react';
import { useClasses } from '../../api/queries.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/lang.tsx';

export type CampaignScope = Campaign['target']['scope'];
export const CAMPAIGN_SCOPES: readonly CampaignScope[] = ['all', 'host', 'boarding', 'key_support', 'grade', 'class'];
export const needsScopeValue = (scope: CampaignScope | undefined) => scope === 'grade' || scope === 'class';

export const nums = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** Whole percent, 0 for an empty campaign (a campaign with no places is not "done"). */
export const percent = (done: number, total: number) => (total ? Math.round((done / total) * 100) : 0);

/** "借宿点", "一年级", "三年级2班": what the campaign visits, the class named from the school's classes. */
export function TargetText({ campaign: c }: { campaign: Pick<Campaign, 'schoolId' | 'target'> }) {
  const t = useT();
  const labels = useLabels();
  const classes = useClasses({ schoolId: c.schoolId }, c.target.scope === 'class');
  const { scope, value } = c.target;
  if (scope === 'grade' && value) return <>{labels.grade(value)}</>;
  if (scope === 'class' && value) return <>{classes.data?.find((k) => k.id === value)?.name ?? t('campaignScopes.class')}</>;
  return <>{t(`campaignScopes.${scope}`)}</>;
}

export function KindTag({ kind }: { kind: CampaignPlace['kind'] }) {
  const t = useT();
  return (
    <Tag color={kind === 'host' ? 'purple' : 'blue'} icon={kind === 'host' ? <ShopOutlined /> : <HomeOutlined />} style={{ marginInlineEnd: 0 }}>
      {t(`campaigns.kinds.${kind}`)}
    </Tag>
  );
}

/** A progress bar reading "3/12" rather than a percentage. */
export function VisitProgress({ visited, total, size }: { visited: number; total: number; size?: 'small' | 'default' }) {
  const { token } = theme.useToken();
  const done = total > 0 && visited === total;
  return (
    <Progress
      strokeColor={done ? token.colorSuccess : token.colorPrimary}
      percent={percent(visited, total)}
      format={() => <span style={nums}>{`${visited}/${total}`}</span>}
      size={size === 'small' ? 'small' : 'default'}
      status={done ? 'success' : 'normal'}
      style={{ margin: 0 }}
    />
  );
}

/** Chinese lists and asides take full-width marks ("王芳（班主任）、李强"), English ones ASCII ("Wang Fang (class teacher), Li Qiang"). */
export function punctuation(lang: Lang) {
  const zh = lang === 'zh-CN';
  return {
    list: (xs: string[]) => joinList(lang, xs),
    clauses: (xs: string[]) => xs.join(zh ? '；' : '; '),
    aside: (main: string, note: string) => (zh ? `${main}（${note}）` : `${main} (${note})`),
    label: (name: string) => (zh ? `${name}：` : `${name}: `),
  };
}

/** `punctuation` in the current language. */
export function usePunctuation() {
  const { lang } = useLang();
  return useMemo(() => punctuation(lang), [lang]);
}
