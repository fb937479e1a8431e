import { DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { type CareRule, type FieldError, PolicyBody, type RiskConfig } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Popconfirm, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { issuesToFieldErrors } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { todayInShanghai } from '../../lib/dates.ts';
import { complianceApi, complianceKeys, type Policy, type PolicyOwner } from './compliance.api.ts';
import { KindTags, RuleNameTag } from './PolicyParts.tsx';
import { blankRule, ruleKeyFor, sentenceOf } from './policy-rules.ts';
import { RiskSettings } from './RiskSettings.tsx';
import { RuleDrawer } from './RuleDrawer.tsx';

interface DraftRule {
  uid: number;
  /** Not saved in any version yet: its key may still change. */
  isNew: boolean;
  rule: CareRule;
}

interface Props {
  owner: PolicyOwner;
  view: Policy;
  onDone: (saved: Policy) => void;
  onCancel: () => void;
}

/**
 * The policy being changed: its rules (each edited in a drawer with a live sentence), the early-warning
 * settings and the date the new version takes effect; saved as a new version. The server's objections
 * (a looser inherited rule, a date in the past) are shown where they belong.
 */
export function PolicyEditor({ owner, view, onDone, onCancel }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = todayInShanghai();
  const uid = useRef(0);
  // A change starts from the newest plan: a version still to begin, if one is saved, else the rules in force.
  const planned = view.pending[view.pending.length - 1];
  const base = planned ?? view.current;
  const [rules, setRules] = useState<DraftRule[]>(() => base.rules.map((rule) => ({ uid: uid.current++, isNew: false, rule })));
  const [risk, setRisk] = useState<RiskConfig>(base.risk);
  const [effectiveFrom, setEffectiveFrom] = useState(planned?.effectiveFrom ?? today);
  const [editing, setEditing] = useState<DraftRule | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const inherited = useMemo(() => new Set(view.inherited.map((r) => r.key)), [view.inherited]);

  const keysBut = (except: number | null) => new Set(rules.filter((d) => d.uid !== except).map((d) => d.rule.key));
  const addRule = () => {
    const rule = blankRule();
    setEditing({ uid: uid.current++, isNew: true, rule: { ...rule, key: ruleKeyFor(rule, keysBut(null)) } });
  };
  const done = (rule: CareRule) => {
    if (!editing) return;
    const d = { ...editing, rule };
    setRules((list) => (list.some((x) => x.uid === d.uid) ? list.map((x) => (x.uid === d.uid ? d : x)) : [...list, d]));
    setEditing(null);
    // The objections were about the rules as they were; they come back on the next save if still true.
    setErrors((list) => list.filter((e) => e.path === 'effectiveFrom'));
  };

  /** "第 2 条规则：…" for errors about one rule; the effective date has its own place under the date. */
  const describe = (e: FieldError) => {
    const m = /^rules\.(\d+)/.exec(e.path);
    if (m) {
      const n = Number(m[1]);
      const r = rules[n]?.rule;
      return `${r ? t('validation.aside', { text: t('carePolicy.ruleN', { n: n + 1 }), note: sentenceOf(r, lang) ?? r.key }) : t('carePolicy.ruleN', { n: n + 1 })}${lang === 'zh-CN' ? '：' : ': '}${e.message}`;
    }
    return e.message;
  };
  const dateError = errors.find((e) => e.path === 'effectiveFrom')?.message;
  const listed = errors.filter((e) => e.path !== 'effectiveFrom');

  /** Show the objections; the list of them is at the top, so go there (the date's own error sits under the date). */
  const toErrors = (list: FieldError[]) => {
    setErrors(list);
    if (list.some((e) => e.path !== 'effectiveFrom')) window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const save = async () => {
    const body = { rules: rules.map((d) => d.rule), risk, effectiveFrom };
    const problems: FieldError[] = [];
    const parsed = PolicyBody.safeParse(body);
    if (!parsed.success) problems.push(...issuesToFieldErrors(parsed.error.issues, body, lang));
    if (effectiveFrom < today) problems.push({ path: 'effectiveFrom', message: t('validation.policy_past') });
    if (risk.high < risk.medium) problems.push({ path: 'risk', message: t('carePolicy.highBelowMedium') });
    setErrors(problems);
    if (problems.length || !parsed.success) {
      toErrors(problems);
      return;
    }
    setSaving(true);
    try {
      const saved = await complianceApi.savePolicy(owner, parsed.data);
      qc.setQueryData(complianceKeys.policy(owner), saved);
      // New rules change every to-do list and rate from their effective date on.
      void qc.invalidateQueries({ queryKey: complianceKeys.all });
      const latest = saved.versions[0] ?? saved.current;
      message.success(t('carePolicy.saved', { version: latest.version, date: latest.effectiveFrom }));
      onDone(saved);
    } catch (err) {
      toErrors(err instanceof ApiError ? (err.fields.length ? err.fields : [{ path: '', message: err.message }]) : [{ path: '', message: String(err) }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="policy-editor">
      <Alert
        type="info"
        showIcon
        title={t('carePolicy.editing')}
        description={planned ? t('carePolicy.editingPlanned', { version: planned.version, date: planned.effectiveFrom }) : undefined}
        data-testid="policy-editing"
      />
      {listed.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('carePolicy.errorsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {listed.map((e) => (
                <li key={`${e.path}|${e.message}`}>{describe(e)}</li>
              ))}
            </ul>
          }
          data-testid="policy-errors"
        />
      )}
      <Card
        size="small"
        title={t('carePolicy.rules')}
        extra={
          <Button icon={<PlusOutlined />} onClick={addRule} disabled={rules.length >= 50} data-testid="policy-add-rule">
            {t('carePolicy.addRule')}
          </Button>
        }
      >
        {inherited.size > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('carePolicy.inheritedHint')}
          </Typography.Paragraph>
        )}
        {rules.length === 0 && <Typography.Text type="secondary">{t('carePolicy.noRules')}</Typography.Text>}
        {rules.map((d, i) => {
          const bad = errors.some((e) => e.path.startsWith(`rules.${i}.`) || e.path === `rules.${i}`);
          return (
            <Flex
              key={d.uid}
              gap={8}
              align="start"
              wrap
              style={{ padding: '10px 0', borderBottom: '1px solid #f5f5f5', opacity: d.rule.active ? 1 : 0.55, background: bad ? '#fff1f0' : undefined }}
              data-testid="policy-edit-rule"
            >
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Typography.Text>{sentenceOf(d.rule, lang) ?? d.rule.key}</Typography.Text>
                <Flex gap={4} wrap style={{ marginTop: 4 }}>
                  <KindTags kinds={d.rule.kinds} />
                  {inherited.has(d.rule.key) && <Tag color="gold">{t('carePolicy.inherited')}</Tag>}
                  {!d.rule.active && <Tag>{t('carePolicy.inactive')}</Tag>}
                  <RuleNameTag rule={d.rule} />
                </Flex>
              </div>
              <Flex gap={4} align="center" style={{ marginInlineStart: 'auto' }}>
                <Switch
                  size="small"
                  checked={d.rule.active}
                  onChange={(active) => setRules((list) => list.map((x) => (x.uid === d.uid ? { ...x, rule: { ...x.rule, active } } : x)))}
                  aria-label={t('carePolicy.active')}
                />
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid="policy-rule-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('carePolicy.removeConfirm')} onConfirm={() => setRules((list) => list.filter((x) => x.uid !== d.uid))}>
                  <Button type="link" danger icon={<DeleteOutlined />} data-testid="policy-rule-remove">
                    {t('carePolicy.removeRule')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Flex>
          );
        })}
      </Card>
      <Card size="small" title={t('carePolicy.risk')}>
        <RiskSettings risk={risk} onChange={setRisk} />
      </Card>
      <Card size="small" title={t('carePolicy.effectiveFrom')}>
        <Flex gap={12} wrap align="center">
          <DatePicker
            value={dayjs(effectiveFrom)}
            onChange={(d) => {
              if (d) setEffectiveFrom(d.format('YYYY-MM-DD'));
              setErrors((list) => list.filter((e) => e.path !== 'effectiveFrom'));
            }}
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            allowClear={false}
            inputReadOnly
            format="YYYY-MM-DD"
            status={dateError ? 'error' : undefined}
            data-testid="policy-effective-from"
          />
          <Typography.Text
            type={dateError ? 'danger' : 'secondary'}
            style={{ fontSize: 13, flex: '1 1 240px' }}
            data-testid={dateError ? 'policy-date-error' : undefined}
          >
            {dateError ?? t('carePolicy.effectiveHint')}
          </Typography.Text>
          {planned && effectiveFrom < planned.effectiveFrom && (
            <Alert
              type="warning"
              showIcon
              style={{ flex: '1 1 100%' }}
              title={t('carePolicy.beforePlanned', { version: planned.version, date: planned.effectiveFrom })}
              data-testid="policy-before-planned"
            />
          )}
        </Flex>
      </Card>
      <Flex justify="end" gap={8}>
        <Button onClick={onCancel} disabled={saving}>
          {t('carePolicy.cancel')}
        </Button>
        <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saving} data-testid="policy-save">
          {t('carePolicy.save')}
        </Button>
      </Flex>
      {editing && (
        <RuleDrawer
          key={editing.uid}
          rule={editing.rule}
          isNew={editing.isNew}
          taken={keysBut(editing.uid)}
          inherited={inherited.has(editing.rule.key)}
          onDone={done}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
