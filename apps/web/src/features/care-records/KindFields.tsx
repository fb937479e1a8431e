import { CARE_KINDS, type CareKind } from '@carebridge/shared';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import { type DetailSpec, detailSpecs, KIND_META, useCareLabels } from './care-format.tsx';

interface PickerProps {
  value?: CareKind;
  onChange?: (kind: CareKind) => void;
  /** Kinds this user may write (counselling only for counsellors and leaders). */
  kinds?: readonly CareKind[];
  disabled?: boolean;
  id?: string;
}

/** The kind of record as big buttons with icons, wrapping on phones (a radio group underneath). */
export function KindPicker({ value, onChange, kinds = CARE_KINDS, disabled, id }: PickerProps) {
  const labels = useCareLabels();
  return (
    <Flex id={id} gap={8} wrap role="radiogroup" data-testid="care-kind">
      {kinds.map((k) => {
        const on = value === k;
        return (
          <Button
            key={k}
            role="radio"
            aria-checked={on}
            disabled={disabled && !on}
            icon={KIND_META[k].icon}
            onClick={() => !disabled && onChange?.(k)}
            type={on ? 'primary' : 'default'}
            style={on ? { background: KIND_META[k].color, borderColor: KIND_META[k].color } : { color: KIND_META[k].color }}
            data-testid={`care-kind-${k}`}
          >
            <span style={{ color: on ? '#fff' : 'rgba(0,0,0,0.88)' }}>{labels.kind(k)}</span>
          </Button>
        );
      })}
    </Flex>
  );
}

const LONG_TEXT = 100;

interface ChoiceProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  options: { value: string; label: string }[];
  id?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * One of a few answers as separate buttons with gaps, wrapping in even rows on a phone (a joined button
 * group broke there, 沉默寡言 alone on a second row with its borders gone). A second tap takes the answer
 * back: these fields are optional.
 */
function ChoiceButtons({ value, onChange, options, id, disabled, 'data-testid': testId }: ChoiceProps) {
  return (
    <Flex id={id} gap={8} wrap role="radiogroup" data-testid={testId}>
      {options.map((o) => {
        const on = value === o.value;
        return (
          <Button
            key={o.value}
            role="radio"
            aria-checked={on}
            disabled={disabled}
            type={on ? 'primary' : 'default'}
            // 开心, not 开 心: the space antd puts into a two-character label is for 确定 and 取消.
            autoInsertSpace={false}
            onClick={() => onChange?.(on ? null : o.value)}
          >
            {o.label}
          </Button>
        );
      })}
    </Flex>
  );
}

function DetailItem({ spec, extra }: { spec: DetailSpec; extra?: string }) {
  const labels = useCareLabels();
  const name = ['details', spec.name];
  const testId = `care-detail-${spec.name}`;
  const label = labels.field(spec.name);
  switch (spec.type) {
    case 'multi':
      return (
        <Form.Item name={name} label={label}>
          <Checkbox.Group options={labels.options(spec.name, spec.options)} data-testid={testId} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item name={name} label={label}>
          <ChoiceButtons options={labels.options(spec.name, spec.options)} data-testid={testId} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item name={name} label={label}>
          <InputNumber min={spec.min} max={spec.max} precision={spec.integer ? 0 : 2} style={{ width: 160 }} inputMode="decimal" data-testid={testId} />
        </Form.Item>
      );
    case 'bool':
      return (
        <Form.Item name={name} label={label} valuePropName="checked" extra={extra}>
          <Switch data-testid={testId} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={name} label={label}>
          {spec.max > LONG_TEXT ? (
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={spec.max} showCount={spec.max >= 500} data-testid={testId} />
          ) : (
            <Input maxLength={spec.max} data-testid={testId} />
          )}
        </Form.Item>
      );
  }
}

/**
 * The kind's own fields, built from CARE_DETAILS. A family letter's text is asked for only when the
 * child agrees that it is kept (POLICY.md).
 */
export function KindFields({ kind }: { kind: CareKind }) {
  const t = useT();
  const consents = Form.useWatch(['details', 'childConsents']) as boolean | undefined;
  const specs = detailSpecs(kind);
  return (
    <>
      {specs.map((s) => {
        if (kind === 'family_letter' && s.name === 'text') return consents ? <DetailItem key={s.name} spec={s} /> : null;
        if (kind === 'family_letter' && s.name === 'childConsents') return <DetailItem key={s.name} spec={s} extra={t('careForm.letterConsentHint')} />;
        return <DetailItem key={s.name} spec={s} />;
      })}
    </>
  );
}
