import type { CareRule, PolicyVersion } from '@carebridge/shared';
import { Button, Card, Drawer, Flex, Grid, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../i18n/lang.tsx';
import { shanghaiTime, todayInShanghai } from '../../lib/dates.ts';
import { KIND_META, useCareLabels } from '../care-records/care-format.tsx';
import { ruleLabel, sentenceOf } from './policy-rules.ts';
import { type VersionStatus, versionStatuses } from './policy-versions.ts';
import { RiskSettings } from './RiskSettings.tsx';

export function KindTags({ kinds }: { kinds: readonly string[] }) {
  const labels = useCareLabels();
  return (
    <>
      {kinds.map((k) => {
        const meta = KIND_META[k as keyof typeof KIND_META];
        return (
          <Tag key={k} color={meta?.color} icon={meta?.icon} style={{ marginInlineEnd: 0 }}>
            {labels.kind(k)}
          </Tag>
        );
      })}
    </>
  );
}

/** A rule's short name (its label, or the built-in rule's name) as a tag; nothing for a rule without one — never its key. */
export function RuleNameTag({ rule }: { rule: CareRule }) {
  const { lang } = useLang();
  const name = ruleLabel(rule.key, lang, rule);
  return name ? (
    <Tag style={{ marginInlineEnd: 0 }} data-testid="policy-rule-name">
      {name}
    </Tag>
  ) : null;
}

/** The rules as sentences with their kinds; inherited and inactive ones marked. */
export function RuleList({
  rules,
  descriptions,
  inherited,
  testId,
}: {
  rules: readonly CareRule[];
  /** The server's sentences (for the version in force); others are read out here. */
  descriptions?: Record<string, string>;
  inherited?: ReadonlySet<string>;
  testId?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  if (!rules.length) return <Typography.Text type="secondary">{t('carePolicy.noRules')}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 22 }}>
      {rules.map((r) => (
        <li key={r.key} style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5', opacity: r.active ? 1 : 0.55 }}>
          <Typography.Text style={{ fontSize: 15 }} delete={!r.active} data-testid={testId}>
            {descriptions?.[r.key] ?? sentenceOf(r, lang) ?? r.key}
          </Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 4 }}>
            <KindTags kinds={r.kinds} />
            {inherited?.has(r.key) && <Tag color="gold">{t('carePolicy.inherited')}</Tag>}
            {!r.active && <Tag>{t('carePolicy.inactive')}</Tag>}
          </Flex>
        </li>
      ))}
    </ol>
  );
}

/** One version, read only: its rules as sentences and its early-warning settings. */
function VersionDrawer({ version, onClose }: { version: PolicyVersion; onClose: () => void }) {
  const t = useT();
  const wide = Grid.useBreakpoint().md;
  return (
    <Drawer
      open
      onClose={onClose}
      size={wide ? 640 : '100%'}
      title={t('carePolicy.versionTitle', { version: version.version, date: version.effectiveFrom })}
      data-testid="policy-version-view"
    >
      {version.version > 0 && (
        <Typography.Paragraph type="secondary">
          {t('carePolicy.madeBy', { name: version.createdBy ?? t('carePolicy.system'), at: shanghaiTime(version.createdAt) })}
        </Typography.Paragraph>
      )}
      <Card size="small" title={t('carePolicy.rules')} style={{ marginBottom: 16 }}>
        <RuleList rules={version.rules} testId="policy-version-rule" />
      </Card>
      <Card size="small" title={t('carePolicy.risk')}>
        <RiskSettings risk={version.risk} />
      </Card>
    </Drawer>
  );
}

const STATUS_COLOR: Record<VersionStatus, string> = { current: 'green', future: 'blue', superseded: 'default' };

/** 现行 / 待生效 / 已被取代: whether the version judges today, will from its day, or never again. */
function VersionTag({ status }: { status: VersionStatus | undefined }) {
  const t = useT();
  if (!status) return null;
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="policy-version-status" data-status={status}>
      {t(`carePolicy.${status}`)}
    </Tag>
  );
}

/** 历史版本: every version with its effective date and author; each opens read only. */
export function VersionsCard({ versions }: { versions: readonly PolicyVersion[] }) {
  const t = useT();
  const today = todayInShanghai();
  const [viewing, setViewing] = useState<PolicyVersion | null>(null);
  const status = versionStatuses(versions, today);
  return (
    <Card size="small" title={t('carePolicy.versions')} style={{ height: '100%' }} styles={{ body: { padding: 0 } }} data-testid="policy-versions">
      <Table<PolicyVersion>
        size="small"
        rowKey="id"
        pagination={versions.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={[...versions]}
        columns={[
          {
            key: 'version',
            title: t('fields.version'),
            render: (_, v) => (
              <Flex gap={6} align="center" wrap>
                <span>{v.version ? t('carePolicy.version', { version: v.version }) : t('carePolicy.source.default')}</span>
                <VersionTag status={status.get(v.id)} />
              </Flex>
            ),
          },
          { key: 'from', title: t('carePolicy.effectiveFrom'), width: 110, render: (_, v) => (v.version ? v.effectiveFrom : '—') },
          { key: 'by', title: t('carePolicy.createdBy'), render: (_, v) => v.createdBy ?? t('carePolicy.system'), responsive: ['sm'] },
          { key: 'at', title: t('carePolicy.createdAt'), render: (_, v) => (v.version ? shanghaiTime(v.createdAt) : '—'), responsive: ['lg'] },
          {
            key: 'view',
            title: '',
            width: 70,
            render: (_, v) => (
              <Button type="link" size="small" onClick={() => setViewing(v)} data-testid="policy-version-open">
                {t('carePolicy.view')}
              </Button>
            ),
          },
        ]}
      />
      {viewing && <VersionDrawer version={viewing} onClose={() => setViewing(null)} />}
    </Card>
  );
}
