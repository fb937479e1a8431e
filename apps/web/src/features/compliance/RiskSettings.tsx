import type { RiskConfig } from '@carebridge/shared';
import { Flex, InputNumber, Table, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';

type Signal = keyof RiskConfig['weights'];
const SIGNALS: Signal[] = ['noParentContact', 'noTalk', 'weakCustody', 'host', 'seriousDimension', 'repeatedOverdue', 'incident'];
/** Signals with a threshold of their own, and its bounds (as the shared schema has them). */
const THRESHOLD: Partial<Record<Signal, { key: 'noParentContactDays' | 'noTalkDays' | 'repeatedOverdue'; min: number; max: number }>> = {
  noParentContact: { key: 'noParentContactDays', min: 7, max: 365 },
  noTalk: { key: 'noTalkDays', min: 7, max: 365 },
  repeatedOverdue: { key: 'repeatedOverdue', min: 1, max: 20 },
};

interface Props {
  risk: RiskConfig;
  /** Present: the numbers are inputs. */
  onChange?: (risk: RiskConfig) => void;
}

/** 预警规则: each signal with its threshold and weight, and the scores that make "medium" and "high" — read or edited. */
export function RiskSettings({ risk, onChange }: Props) {
  const t = useT();
  const edit = !!onChange;
  const threshold = (s: Signal) => {
    const th = THRESHOLD[s];
    if (!th) return <Typography.Text type="secondary">{t('carePolicy.always')}</Typography.Text>;
    const value = risk[th.key];
    if (edit)
      return (
        <InputNumber
          min={th.min}
          max={th.max}
          precision={0}
          value={value}
          onChange={(v) => onChange({ ...risk, [th.key]: v ?? th.min })}
          prefix="≥"
          suffix={th.key === 'repeatedOverdue' ? undefined : t('carePolicy.days')}
          style={{ width: 130 }}
          data-testid={`risk-${th.key}`}
        />
      );
    return th.key === 'repeatedOverdue' ? t('carePolicy.atLeastOverdue', { count: value }) : t('carePolicy.atLeastDays', { days: value });
  };
  const weight = (s: Signal) =>
    edit ? (
      <InputNumber
        min={0}
        max={10}
        precision={0}
        value={risk.weights[s]}
        onChange={(v) => onChange({ ...risk, weights: { ...risk.weights, [s]: v ?? 0 } })}
        style={{ width: 80 }}
        data-testid={`risk-weight-${s}`}
      />
    ) : (
      <Typography.Text strong>+{risk.weights[s]}</Typography.Text>
    );
  const level = (k: 'medium' | 'high') =>
    edit ? (
      <Flex align="center" gap={6}>
        <span>{t(`carePolicy.${k}`)}</span>
        <InputNumber
          min={1}
          max={30}
          precision={0}
          value={risk[k]}
          onChange={(v) => onChange({ ...risk, [k]: v ?? 1 })}
          style={{ width: 80 }}
          data-testid={`risk-${k}`}
        />
      </Flex>
    ) : (
      <span>{t(k === 'medium' ? 'carePolicy.mediumAt' : 'carePolicy.highAt', { score: risk[k] })}</span>
    );
  return (
    <div data-testid="policy-risk">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('carePolicy.riskIntro')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="signal"
        pagination={false}
        dataSource={SIGNALS.map((signal) => ({ signal }))}
        columns={[
          { key: 'signal', title: t('carePolicy.signal'), render: (_, r) => t(`carePolicy.signals.${r.signal}`) },
          { key: 'threshold', title: t('carePolicy.threshold'), render: (_, r) => threshold(r.signal) },
          { key: 'weight', title: t('carePolicy.weight'), width: 90, render: (_, r) => weight(r.signal) },
        ]}
      />
      <Flex gap={16} wrap align="center" style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('carePolicy.levels')}</Typography.Text>
        {level('medium')}
        {level('high')}
      </Flex>
    </div>
  );
}
