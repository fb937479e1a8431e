import { ACTIVITY_TARGETS, type ActivityTarget } from '@carebridge/shared';
import { Col, Form, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useClasses } from '../../api/queries.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { needsTargetValue } from './activity-values.ts';

interface Props {
  schoolId: string | undefined;
  /** A class teacher who is not an organiser: only these classes (the scope is fixed to "class"). */
  onlyClasses?: { id: string; name: string }[] | undefined;
  disabled?: boolean;
}

/** Scope labels without their "{value}" part: "年级留守儿童" reads as a choice, the grade is picked next to it. */
function useScopeLabel() {
  const t = useT();
  return (scope: ActivityTarget) => {
    if (scope === 'class') return t('activityFields.classId');
    return t(`activities.targets.${scope}`, { value: '' }).trim();
  };
}

/** Who the activity is for: the whole school's left-behind children, a grade, a class, the key-support children, guardians or named people. */
export function TargetFields({ schoolId, onlyClasses, disabled }: Props) {
  const t = useT();
  const labels = useLabels();
  const form = Form.useFormInstance();
  const scopeLabel = useScopeLabel();
  const scope = Form.useWatch(['target', 'scope'], form) as ActivityTarget | undefined;
  const classes = useClasses({ schoolId }, !!schoolId);
  const active = useMemo(() => (classes.data ?? []).filter((k) => k.active), [classes.data]);
  const grades = useMemo(() => [...new Set(active.map((k) => k.grade))].sort((a, b) => a - b), [active]);
  const scopes = onlyClasses ? (['class'] as const) : ACTIVITY_TARGETS;
  // A class teacher's own classes by their plain names when the school's classes are readable, else by the role's scope name.
  const classOptions = onlyClasses
    ? onlyClasses.map((k) => ({ value: k.id, label: active.find((c) => c.id === k.id)?.name ?? k.name }))
    : active.map((k) => ({ value: k.id, label: k.name }));

  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name={['target', 'scope']} label={t('activityFields.target')} required>
          <Select<ActivityTarget>
            options={scopes.map((s) => ({ value: s, label: scopeLabel(s) }))}
            onChange={() => form.setFieldValue(['target', 'value'], onlyClasses?.length === 1 ? onlyClasses[0]?.id : null)}
            disabled={disabled || !!onlyClasses}
            data-testid="activity-target-scope"
          />
        </Form.Item>
      </Col>
      {needsTargetValue(scope) && (
        <Col xs={24} sm={12}>
          <Form.Item name={['target', 'value']} label={t('activityFields.value')} required>
            {scope === 'grade' ? (
              <Select
                options={grades.map((g) => ({ value: String(g), label: labels.grade(g) }))}
                loading={classes.isLoading}
                placeholder={t('activityForm.pickGrade')}
                disabled={disabled}
                data-testid="activity-target-grade"
              />
            ) : (
              <Select
                options={classOptions}
                loading={classes.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('activityForm.pickClass')}
                disabled={disabled}
                data-testid="activity-target-class"
              />
            )}
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
