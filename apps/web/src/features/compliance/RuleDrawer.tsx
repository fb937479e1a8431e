import { DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import {
  AGE_BANDS,
  APPLIES_TO,
  BOARDING,
  CADENCE_TYPES,
  CARE_KINDS,
  type CareRule,
  CareRule as CareRuleSchema,
  RESPONSIBLE,
  RULE_ACTIVITY_KINDS,
  translate,
} from '@carebridge/shared';
import { Alert, Button, Checkbox, Divider, Flex, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { FormDrawer } from '../../components/Overlay.tsx';
import { issuesToFieldErrors } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { KIND_META, useCareLabels } from '../care-records/care-format.tsx';
import { type CadenceType, DATE_PRESETS, defaultCadence, ruleKeyFor, sentenceOf, validMonthDay } from './policy-rules.ts';

const TERM_POINTS = ['start', 'middle', 'end'] as const;
const XUEJI = ['1', '2'] as const;

function Field({
  label,
  hint,
  error,
  children,
  testId,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div style={{ marginBottom: 16 }} data-testid={testId}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      {children}
      {error ? (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 13, marginTop: 4 }}>
          {error}
        </Typography.Text>
      ) : (
        hint && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
            {hint}
          </Typography.Text>
        )
      )}
    </div>
  );
}

interface Props {
  /** The rule as it stands (a copy is edited). */
  rule: CareRule;
  /** A rule not saved yet: its key follows its kind and cadence. */
  isNew: boolean;
  /** Keys of the other rules of the draft. */
  taken: ReadonlySet<string>;
  inherited: boolean;
  onDone: (rule: CareRule) => void;
  onClose: () => void;
}

/** One rule of the care policy: kinds, cadence and its parameters, minimum, who it applies to, who is responsible — read back as a sentence while typing. */
export function RuleDrawer({ rule: initial, isNew, taken, inherited, onDone, onClose }: Props) {
  const t = useT();
  const { lang } = useLang();
  const labels = useCareLabels();
  const [rule, setRule] = useState<CareRule>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Change the rule; a new one gets a key that says what it is. */
  const update = (next: CareRule) => setRule(isNew ? { ...next, key: ruleKeyFor(next, taken) } : next);
  const c = rule.cadence;
  const preview = sentenceOf(rule, lang);
  const code = (list: string, v: string) => translate(lang, `codes.${list}.${v}`);

  const setCadenceType = (type: CadenceType) => update({ ...rule, cadence: type === c.type ? c : defaultCadence(type, lang) });
  const setScope = (scope: CareRule['appliesTo']['scope']) => {
    const value = scope === 'boarding' ? 'boarding' : scope === 'xueji' ? '2' : scope === 'age_band' ? '6-13' : undefined;
    update({ ...rule, appliesTo: value ? { scope, value } : { scope } });
  };

  const submit = () => {
    const problems: Record<string, string> = {};
    const parsed = CareRuleSchema.safeParse(rule);
    if (!parsed.success)
      for (const e of issuesToFieldErrors(parsed.error.issues, rule, lang)) {
        const top = e.path.split('.')[0] ?? '';
        problems[top] ??= e.message;
      }
    if (c.type === 'dates' && c.dates.some((d) => !validMonthDay(d.date))) problems.cadence = t('validation.date');
    if (taken.has(rule.key)) problems.key = translate(lang, 'validation.rule_key_duplicate', { key: rule.key });
    setErrors(problems);
    if (Object.keys(problems).length === 0 && parsed.success) onDone(parsed.data);
  };

  return (
    <FormDrawer open title={isNew ? t('carePolicy.newRule') : t('carePolicy.editRule')} onClose={onClose} width={600}>
      <div data-testid="rule-editor">
        <Alert
          type={preview ? 'info' : 'warning'}
          icon={<EyeOutlined />}
          showIcon
          style={{ marginBottom: 16, position: 'sticky', top: -24, zIndex: 2 }}
          title={
            <span>
              <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                {t('carePolicy.preview')}
              </Typography.Text>
              <span data-testid="rule-preview" style={{ fontWeight: 500 }}>
                {preview ?? t('carePolicy.previewIncomplete')}
              </span>
            </span>
          }
        />
        {inherited && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('carePolicy.inheritedHint')} />}

        <Field label={t('carePolicy.kinds')} hint={t('carePolicy.kindsHint')} error={errors.kinds} testId="rule-kinds">
          <Checkbox.Group
            value={rule.kinds}
            onChange={(v) => update({ ...rule, kinds: [...CARE_KINDS, ...RULE_ACTIVITY_KINDS].filter((k) => v.includes(k)) })}
            style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 4px' }}
          >
            {CARE_KINDS.map((k) => (
              <Checkbox key={k} value={k} style={{ minWidth: 120 }}>
                <span style={{ color: KIND_META[k].color, marginInlineEnd: 4 }}>{KIND_META[k].icon}</span>
                {labels.kind(k)}
              </Checkbox>
            ))}
            {/* Activities count by attendance: a guardian meeting each term, a discussion meeting each month. */}
            {RULE_ACTIVITY_KINDS.map((k) => (
              <Checkbox key={k} value={k} style={{ minWidth: 120 }} data-testid={`rule-kind-${k}`}>
                {labels.kind(k)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Field>

        <Field label={t('carePolicy.cadence')} error={errors.cadence}>
          <Select<CadenceType>
            value={c.type}
            onChange={setCadenceType}
            options={CADENCE_TYPES.map((x) => ({ value: x, label: t(`carePolicy.cadenceTypes.${x}`) }))}
            style={{ width: '100%', maxWidth: 320 }}
            data-testid="rule-cadence"
          />
          {c.type === 'every_days' && (
            <Flex align="center" gap={8} style={{ marginTop: 8 }}>
              <span>{t('carePolicy.every')}</span>
              <InputNumber
                min={1}
                max={366}
                precision={0}
                value={c.days}
                onChange={(v) => update({ ...rule, cadence: { type: 'every_days', days: v ?? 0 } })}
                style={{ width: 100 }}
                data-testid="rule-every-days"
              />
              <span>{t('carePolicy.days')}</span>
            </Flex>
          )}
          {c.type === 'term_windows' && (
            <div style={{ marginTop: 8 }}>
              {TERM_POINTS.map((point) => {
                const w = c.windows.find((x) => x.point === point);
                const setWindows = (windows: typeof c.windows) =>
                  update({ ...rule, cadence: { type: 'term_windows', windows: TERM_POINTS.flatMap((p) => windows.filter((x) => x.point === p)) } });
                return (
                  <Flex key={point} align="center" gap={8} style={{ marginBottom: 6 }}>
                    <Checkbox
                      checked={!!w}
                      onChange={(e) => setWindows(e.target.checked ? [...c.windows, { point, days: 21 }] : c.windows.filter((x) => x.point !== point))}
                      style={{ width: 90 }}
                      data-testid={`rule-window-${point}`}
                    >
                      {translate(lang, `care.termPoints.${point}`)}
                    </Checkbox>
                    <Typography.Text type="secondary">{t('carePolicy.windowDays')}</Typography.Text>
                    <InputNumber
                      min={1}
                      max={60}
                      precision={0}
                      disabled={!w}
                      value={w?.days}
                      onChange={(v) => setWindows(c.windows.map((x) => (x.point === point ? { ...x, days: v ?? 0 } : x)))}
                      style={{ width: 80 }}
                    />
                  </Flex>
                );
              })}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('carePolicy.termWindowsHint')}
              </Typography.Text>
            </div>
          )}
          {c.type === 'dates' && (
            <div style={{ marginTop: 8 }}>
              {c.dates.map((d, i) => {
                const setDate = (patch: Partial<(typeof c.dates)[number]>) =>
                  update({ ...rule, cadence: { type: 'dates', dates: c.dates.map((x, j) => (j === i ? { ...x, ...patch } : x)) } });
                const bad = !!d.date && !validMonthDay(d.date);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own while typed
                  <Flex key={i} gap={6} align="center" wrap style={{ marginBottom: 6 }} data-testid="rule-date">
                    <Input
                      value={d.label}
                      onChange={(e) => setDate({ label: e.target.value })}
                      maxLength={20}
                      placeholder={t('carePolicy.dateLabel')}
                      style={{ width: 110 }}
                      status={!d.label.trim() ? 'error' : undefined}
                    />
                    <Input
                      value={d.date}
                      onChange={(e) => setDate({ date: e.target.value.trim() })}
                      maxLength={10}
                      placeholder={t('carePolicy.datePlaceholder')}
                      style={{ width: 130 }}
                      status={bad ? 'error' : undefined}
                    />
                    <InputNumber
                      min={0}
                      max={60}
                      precision={0}
                      value={d.daysBefore}
                      onChange={(v) => setDate({ daysBefore: v ?? 0 })}
                      prefix={
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('carePolicy.daysBefore')}
                        </Typography.Text>
                      }
                      style={{ width: 130 }}
                    />
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={c.dates.length <= 1}
                      onClick={() => update({ ...rule, cadence: { type: 'dates', dates: c.dates.filter((_, j) => j !== i) } })}
                      aria-label={t('carePolicy.removeRule')}
                    />
                  </Flex>
                );
              })}
              <Flex gap={6} wrap align="center" style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={c.dates.length >= 20}
                  onClick={() => update({ ...rule, cadence: { type: 'dates', dates: [...c.dates, { label: '', date: '', daysBefore: 14 }] } })}
                >
                  {t('carePolicy.addDate')}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('carePolicy.presets')}
                </Typography.Text>
                {DATE_PRESETS.filter((p) => !c.dates.some((d) => d.date === p.date)).map((p) => (
                  <Tag.CheckableTag
                    key={p.date}
                    checked={false}
                    onChange={() =>
                      c.dates.length < 20 &&
                      update({
                        ...rule,
                        cadence: { type: 'dates', dates: [...c.dates, { label: lang === 'zh-CN' ? p.zh : p.en, date: p.date, daysBefore: 14 }] },
                      })
                    }
                    style={{ border: '1px dashed #d9d9d9' }}
                  >
                    + {lang === 'zh-CN' ? p.zh : p.en}
                  </Tag.CheckableTag>
                ))}
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                {t('carePolicy.movableHint')}
              </Typography.Text>
            </div>
          )}
        </Field>

        <Flex gap={16} wrap>
          <Field label={t('carePolicy.min')} error={errors.min}>
            <InputNumber
              min={1}
              max={31}
              precision={0}
              value={rule.min}
              onChange={(v) => update({ ...rule, min: v ?? 0 })}
              style={{ width: 100 }}
              data-testid="rule-min"
            />
          </Field>
          <Field label={t('carePolicy.responsible')} error={errors.responsible}>
            <Select
              value={rule.responsible}
              onChange={(v) => update({ ...rule, responsible: v })}
              options={RESPONSIBLE.map((r) => ({ value: r, label: t(`policy.responsible.${r}`) }))}
              style={{ width: 160 }}
              data-testid="rule-responsible"
            />
          </Field>
          <Field label={t('carePolicy.active')}>
            <Switch checked={rule.active} onChange={(v) => update({ ...rule, active: v })} data-testid="rule-active" />
          </Field>
        </Flex>

        <Field label={t('carePolicy.appliesTo')} error={errors.appliesTo}>
          <Flex gap={8} wrap>
            <Select
              value={rule.appliesTo.scope}
              onChange={setScope}
              options={APPLIES_TO.map((s) => ({ value: s, label: t(`carePolicy.scopes.${s}`) }))}
              style={{ width: 200 }}
              data-testid="rule-scope"
            />
            {rule.appliesTo.scope === 'boarding' && (
              <Select
                value={rule.appliesTo.value ?? 'boarding'}
                onChange={(v) => update({ ...rule, appliesTo: { scope: 'boarding', value: v } })}
                options={BOARDING.map((b) => ({ value: b, label: code('boarding', b) }))}
                style={{ width: 140 }}
                aria-label={t('carePolicy.scopeValue')}
              />
            )}
            {rule.appliesTo.scope === 'xueji' && (
              <Select
                value={rule.appliesTo.value ?? '2'}
                onChange={(v) => update({ ...rule, appliesTo: { scope: 'xueji', value: v } })}
                options={XUEJI.map((x) => ({ value: x, label: code('xuejiCode', x) }))}
                style={{ width: 160 }}
                aria-label={t('carePolicy.scopeValue')}
              />
            )}
            {rule.appliesTo.scope === 'age_band' && (
              <Select
                value={rule.appliesTo.value ?? '6-13'}
                onChange={(v) => update({ ...rule, appliesTo: { scope: 'age_band', value: v } })}
                options={AGE_BANDS.map((a) => ({ value: a, label: code('ageBand', a) }))}
                style={{ width: 140 }}
                aria-label={t('carePolicy.scopeValue')}
              />
            )}
          </Flex>
        </Field>

        <Divider style={{ margin: '8px 0 12px' }} />
        <Field label={t('carePolicy.ruleKey')} hint={t('carePolicy.ruleKeyHint')} error={errors.key}>
          <Typography.Text code data-testid="rule-key">
            {rule.key}
          </Typography.Text>
        </Field>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={submit} data-testid="rule-done">
            {t('carePolicy.ruleDone')}
          </Button>
        </Flex>
      </div>
    </FormDrawer>
  );
}
