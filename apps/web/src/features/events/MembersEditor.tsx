import { CheckCircleOutlined, DeleteOutlined, PlusOutlined, UsergroupAddOutlined, WarningOutlined } from '@ant-design/icons';
import { MEMBER_ROLES, type MemberRole, type TeamRules } from '@carebridge/shared';
import { Alert, Button, Checkbox, Flex, Form, Grid, Input, InputNumber, Select, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import type { TKey } from '../../i18n/translate.ts';
import { memberCounts } from './event-format.tsx';
import { filledMembers, liveProblems, type MemberRow, type TeamValues } from './team-values.ts';

/** The broken rules, each named ("队员至少 8 人，现有 6 人"), or that the team may be submitted. */
export function RuleCheck({ rules, values }: { rules: TeamRules; values: TeamValues }) {
  const t = useT();
  const problems = liveProblems(rules, values);
  const c = memberCounts(rules, filledMembers(values.members).members);
  // The rule ("（规定 8–10 人）") wraps as a whole, never as "8–10 / 人".
  const count = (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontVariantNumeric: 'tabular-nums' }} data-testid="team-count">
      <Flex component="span" wrap style={{ columnGap: 4 }}>
        <span>{t('teamForm.count', c)}</span>
        <span style={{ whiteSpace: 'nowrap' }}>{t('teamForm.countRule', { min: rules.minPlayers, max: rules.maxPlayers })}</span>
      </Flex>
    </Typography.Text>
  );
  if (!problems.length)
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        title={t('teamForm.rulesOk')}
        description={count}
        style={{ marginBottom: 12 }}
        data-testid="team-rules-ok"
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningOutlined />}
      title={t('teamForm.rulesBroken')}
      description={
        <>
          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="team-rule-problems">
            {problems.map((p) => (
              <li key={p.code} data-code={p.code}>
                {t(`events.rules.${p.code}` as TKey, p.params)}
              </li>
            ))}
          </ul>
          {count}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * The member list as editable rows: name, role, "also plays" (leaders and coaches), gender, shirt
 * number, note. One line each on a computer; on a phone each row wraps into a small block.
 */
export function MembersEditor({ rules }: { rules: TeamRules }) {
  const t = useT();
  const form = Form.useFormInstance<TeamValues>();
  const desktop = Grid.useBreakpoint().md === true;
  const rows = (Form.useWatch('members', form) as (MemberRow | undefined)[] | undefined) ?? [];
  const c = memberCounts(rules, filledMembers(rows).members);
  const missing = Math.max(rules.minPlayers - c.players, 0);
  const roleOptions = MEMBER_ROLES.map((r) => ({ value: r, label: t(`events.roles.${r}`) }));
  const genderOptions = (['male', 'female'] as const).map((g) => ({ value: g, label: t(`eventDetail.genders.${g}`) }));
  const mayPlay = (role: MemberRole | undefined) => (role === 'leader' && rules.leaderMayPlay) || (role === 'coach' && rules.coachMayPlay);

  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <>
          {desktop && fields.length > 0 && (
            <Flex gap={8} style={{ padding: '0 8px 4px', color: '#8c8c8c', fontSize: 12 }} aria-hidden>
              <span style={{ width: 24 }}>#</span>
              <span style={{ flex: '1 1 140px' }}>{t('teamForm.memberName')}</span>
              <span style={{ width: 92 }}>{t('teamForm.role')}</span>
              <span style={{ width: 96 }}>{t('teamForm.plays')}</span>
              <span style={{ width: 76 }}>{t('teamForm.gender')}</span>
              <span style={{ width: 76 }}>{t('teamForm.number')}</span>
              <span style={{ flex: '1 1 140px' }}>{t('teamForm.note')}</span>
              <span style={{ width: 32 }} />
            </Flex>
          )}
          <Flex vertical gap={desktop ? 4 : 8} data-testid="team-member-rows">
            {fields.map((f, i) => {
              const role = rows[i]?.role;
              return (
                <Flex
                  key={f.key}
                  gap={8}
                  wrap
                  align="center"
                  style={desktop ? { padding: '0 8px' } : { padding: 8, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fafafa' }}
                  data-testid="team-member-row"
                >
                  <Typography.Text type="secondary" style={{ width: 24, fontVariantNumeric: 'tabular-nums' }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item name={[f.name, 'name']} style={{ flex: '1 1 140px', minWidth: 0, marginBottom: 0 }}>
                    <Input maxLength={30} placeholder={t('teamForm.memberName')} aria-label={t('teamForm.memberName')} data-testid="member-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} style={{ width: 92, marginBottom: 0 }}>
                    <Select<MemberRole> options={roleOptions} aria-label={t('teamForm.role')} data-testid="member-role" />
                  </Form.Item>
                  {/* Players always play: the box is kept for the columns on a computer and left out on a phone. */}
                  <Form.Item
                    name={[f.name, 'plays']}
                    valuePropName="checked"
                    style={{ width: 96, marginBottom: 0, ...(role === 'player' ? (desktop ? { visibility: 'hidden' } : { display: 'none' }) : {}) }}
                  >
                    <Checkbox disabled={!mayPlay(role)} data-testid="member-plays">
                      {t('teamForm.plays')}
                    </Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'gender']} style={{ width: desktop ? 76 : 72, marginBottom: 0 }}>
                    <Select
                      options={genderOptions}
                      allowClear
                      placeholder={t('teamForm.gender')}
                      aria-label={t('teamForm.gender')}
                      data-testid="member-gender"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} style={{ width: desktop ? 76 : 64, marginBottom: 0 }}>
                    <InputNumber
                      min={0}
                      max={999}
                      precision={0}
                      placeholder={t('teamForm.number')}
                      aria-label={t('teamForm.number')}
                      style={{ width: '100%' }}
                      data-testid="member-number"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} style={{ flex: desktop ? '1 1 140px' : '1 1 70px', minWidth: 0, marginBottom: 0 }}>
                    <Input maxLength={100} placeholder={t('teamForm.note')} aria-label={t('teamForm.note')} data-testid="member-note" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    title={t('teamForm.removeMember')}
                    aria-label={t('teamForm.removeMember')}
                    data-testid="member-remove"
                  />
                </Flex>
              );
            })}
          </Flex>
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            <Button icon={<PlusOutlined />} onClick={() => add({ role: 'player', plays: false })} data-testid="member-add">
              {t('teamForm.addMember')}
            </Button>
            {missing > 0 && (
              <Button
                icon={<UsergroupAddOutlined />}
                onClick={() => {
                  for (let k = 0; k < missing; k++) add({ role: 'player', plays: false });
                }}
                data-testid="member-add-missing"
              >
                {t('teamForm.addPlayers', { count: missing })}
              </Button>
            )}
          </Flex>
        </>
      )}
    </Form.List>
  );
}
