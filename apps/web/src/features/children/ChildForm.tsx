import {
  CHILD_FIELD_KEYS,
  CHILD_FIELD_META,
  type Child,
  ChildCreate,
  type ChildFieldKey,
  ChildUpdate,
  type ChildWarning,
  checkChild,
  compareClasses,
  type FieldError,
  type FieldGroup,
  idNumberFacts,
  translate,
} from '@carebridge/shared';
import { Anchor, App, Button, type ButtonProps, Card, Col, Flex, Form, Grid, Row } from 'antd';
import { type ReactNode, useEffect, useMemo } from 'react';
import type { z } from 'zod';
import type { ApiError } from '../../api/client.ts';
import { useClasses, useSchools } from '../../api/queries.ts';
import { keepsClass } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { FormError } from '../../components/FormError.tsx';
import { useSchemaForm } from '../../forms/schema-form.ts';
import { useLang, useT } from '../../i18n/lang.tsx';
import { ConflictFieldNote } from './ChildConflict.tsx';
import { DuplicateList } from './ChildDuplicates.tsx';
import { ChildFieldItem, type FieldContext } from './ChildFieldItem.tsx';
import type { ConflictRow } from './child-conflict.ts';
import { duplicatesRefused, splitCreated } from './child-created.ts';
import { type ChildValues, changedFields, fieldsOf, GROUPS, isLongText, normalise, todayInShanghai, useChildLabels } from './child-format.ts';
import { childrenApi } from './children.api.ts';

/** Detail fields that only mean something for some answers; shown when relevant or already filled. */
const SHOWN_WHEN: Partial<Record<ChildFieldKey, { field: ChildFieldKey; value: string }>> = {
  disabilityCategory: { field: 'health', value: 'disabled' },
  disabilityGrade: { field: 'health', value: 'disabled' },
  illness: { field: 'health', value: 'ill' },
  hostName: { field: 'boarding', value: 'host' },
  hostPhone: { field: 'boarding', value: 'host' },
  hostAddress: { field: 'boarding', value: 'host' },
};

/** Grid spans: three fields a row on wide screens; a parent's work address beside the city; grandparents as name + birth date pairs. */
function spanOf(k: ChildFieldKey, g: FieldGroup): { xs: number; sm: number; xl: number } {
  if (k.endsWith('WorkAddress')) return { xs: 24, sm: 24, xl: 16 };
  if (g === 'family' && k !== 'leftBehindReason') return { xs: 24, sm: 12, xl: 6 };
  if (isLongText(k)) return { xs: 24, sm: 24, xl: g === 'state' ? 16 : 24 };
  return { xs: 24, sm: 12, xl: 8 };
}

const blank = (v: unknown) => normalise(v) === null;

/** A new archive: every filled-in field. */
function createPayload(values: ChildValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CHILD_FIELD_KEYS) if (!blank(values[k])) out[k] = values[k];
  return out;
}

/** An edit: only what differs from the archive as loaded (a cleared field is sent as null), and the version. */
function updatePayload(values: ChildValues, base: Child): Record<string, unknown> {
  const out: Record<string, unknown> = { version: base.version };
  for (const k of changedFields(values, base)) {
    const v = values[k];
    const kind = CHILD_FIELD_META[k].kind;
    // Required fields keep their (empty) value so that the schema names them; lists clear to [].
    out[k] = blank(v) ? (kind === 'multi' ? [] : k === 'name' ? '' : null) : v;
  }
  return out;
}

interface Props {
  /** The archive being edited (as last loaded), or none for a new one. */
  child?: Child | undefined;
  initialValues: ChildValues;
  /** Above the form, e.g. the fields another user changed (409). */
  notice?: ReactNode;
  /** The fields another user changed (409): each gets a line under it saying so. */
  conflicts?: readonly ConflictRow[] | undefined;
  /** Saved; a new archive created over a likely duplicate (confirmed by the user) comes with it in `warnings`. */
  onSaved: (child: Child, changed: boolean, warnings: ChildWarning[]) => void;
  onCancel: () => void;
  /** Told once something is typed or chosen (the page then asks before it is left: useLeaveGuard). */
  onDirty?: () => void;
  /** A 409 version_conflict, with what the user had typed so far. */
  onConflict?: (err: ApiError, values: ChildValues) => void;
  /** Scroll to (and focus) this field once shown (links from "三个清楚"). */
  focus?: string | null;
}

/** The archive form: one card per section of the registration form, inputs by field kind, shared validation. */
export function ChildForm({ child, initialValues, notice, conflicts, onSaved, onCancel, onDirty, onConflict, focus }: Props) {
  const t = useT();
  const { lang } = useLang();
  const labels = useChildLabels();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const today = useMemo(todayInShanghai, []);
  const schema: z.ZodType = child ? ChildUpdate : ChildCreate;

  /**
   * A new archive; one that looks like an archive already kept is refused (409) and shown to the user
   * first, and created only when they say it is another child. Going back leaves the form as typed,
   * its name and birth date marked (the refusal's fields).
   */
  const createAsked = async (body: ChildCreate) => {
    try {
      return await childrenApi.create(body);
    } catch (err) {
      const duplicates = duplicatesRefused(err);
      if (!duplicates) throw err;
      const confirmed = await modal.confirm({
        title: t('childForm.duplicateTitle'),
        content: <DuplicateList duplicates={duplicates} intro={t('childForm.duplicateIntro')} openLabel={t('childForm.duplicateOpen')} />,
        okText: t('childForm.duplicateCreate'),
        cancelText: t('childForm.duplicateBack'),
        width: 560,
        okButtonProps: { 'data-testid': 'child-duplicate-create' } as ButtonProps,
        cancelButtonProps: { 'data-testid': 'child-duplicate-back' } as ButtonProps,
      });
      if (!confirmed) throw err;
      return childrenApi.create({ ...body, confirmDuplicate: true });
    }
  };

  const { form, onFinish, submitting, formError } = useSchemaForm<z.ZodType, ChildValues, { child: Child; changed: boolean; warnings?: ChildWarning[] }>({
    schema,
    toPayload: (v) => (child ? updatePayload(v, child) : createPayload(v)),
    check: (values): FieldError[] => {
      const facts = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, blank(v) ? null : v]));
      return checkChild(facts, today).map((p) => ({ path: p.path, message: translate(lang, p.message, p.params) }));
    },
    submit: async (body) => {
      if (!child) return { ...splitCreated(await createAsked(body as ChildCreate)), changed: true };
      if (Object.keys(body as object).filter((k) => k !== 'version').length === 0) return { child, changed: false };
      return { child: await childrenApi.update(child.id, body as ChildUpdate), changed: true };
    },
    onSuccess: (r) => onSaved(r.child, r.changed, r.warnings ?? []),
    onConflict: onConflict ? (err) => onConflict(err, form.getFieldsValue(true) as ChildValues) : undefined,
  });

  const schoolId = Form.useWatch('schoolId', form) as string | undefined;
  const health = Form.useWatch('health', form) as string | undefined;
  const boarding = Form.useWatch('boarding', form) as string | undefined;
  const schools = useSchools();
  const classes = useClasses({ schoolId }, !!schoolId);
  const me = useMe().data;
  // A new archive goes into a class the user keeps (a class teacher: its own); an edit keeps any.
  const sortedClasses = useMemo(() => {
    const keeps = keepsClass(me, schoolId);
    return [...(classes.data ?? [])].filter((c) => (c.active || c.id === child?.classId) && (child || !me || keeps(c.id))).sort(compareClasses);
  }, [classes.data, child, me, schoolId]);
  // A new archive by a class teacher of one class goes into that class.
  const onlyClass = !child && me && sortedClasses.length === 1 && classes.data && sortedClasses.length < classes.data.length ? sortedClasses[0]?.id : undefined;
  useEffect(() => {
    if (onlyClass && !form.getFieldValue('classId')) form.setFieldsValue({ classId: onlyClass });
  }, [onlyClass, form]);
  const watched: Record<string, string | undefined> = { health, boarding };

  useEffect(() => {
    if (!focus) return;
    const timer = setTimeout(() => form.scrollToField(focus, { block: 'center', focus: true }), 150);
    return () => clearTimeout(timer);
  }, [focus, form]);

  /** After a submit that failed on the client or the server: bring the first wrong field into view. */
  const submit = async (values: ChildValues) => {
    await onFinish(values);
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
  };

  const onValuesChange = (changed: ChildValues, all: ChildValues) => {
    onDirty?.();
    if ('idNumber' in changed && typeof changed.idNumber === 'string') {
      const facts = idNumberFacts(changed.idNumber.trim().toUpperCase());
      if (facts) {
        const fill: ChildValues = {};
        if (blank(all.birthDate)) fill.birthDate = facts.birthDate;
        if (blank(all.gender)) fill.gender = facts.gender;
        if (Object.keys(fill).length) {
          form.setFieldsValue(fill);
          message.info(t('childForm.idFilled'));
        }
      }
    }
    if ('schoolId' in changed && changed.schoolId !== initialValues.schoolId) form.setFieldsValue({ classId: undefined });
    // A detail that no longer applies is cleared with its switch (e.g. 借宿点 when the child now boards at school).
    for (const [k, rule] of Object.entries(SHOWN_WHEN) as [ChildFieldKey, { field: ChildFieldKey; value: string }][]) {
      if (rule.field in changed && changed[rule.field] !== rule.value && !blank(all[k])) form.setFieldValue(k, undefined);
    }
  };

  const masked = (k: ChildFieldKey) => {
    const sensitive = CHILD_FIELD_META[k].sensitive;
    if (!child || !sensitive) return false;
    const hidden = sensitive === 'id' ? !child.revealed.idNumbers : !child.revealed.phones;
    return hidden && typeof child[k] === 'string' && (child[k] as string).includes('*');
  };

  const conflictOf = useMemo(() => new Map((conflicts ?? []).map((r) => [r.field, r] as const)), [conflicts]);
  /** Help under a field: the number is partly hidden; someone else changed it meanwhile. */
  const extraOf = (k: ChildFieldKey): ReactNode => {
    const row = conflictOf.get(k);
    const note = row && <ConflictFieldNote row={row} onUseMine={() => form.setFieldValue(k, row.mine)} />;
    const hint = masked(k) ? t('childForm.maskedHint') : undefined;
    return note && hint ? (
      <>
        {hint}
        <br />
        {note}
      </>
    ) : (
      (note ?? hint)
    );
  };

  const ctx: Omit<FieldContext, 'extra'> = {
    today,
    schools: schools.data ?? [],
    schoolsLoading: schools.isLoading,
    classes: sortedClasses,
    classesLoading: classes.isLoading,
    schoolLocked: !!child,
  };

  const visible = (k: ChildFieldKey) => {
    const rule = SHOWN_WHEN[k];
    return !rule || watched[rule.field] === rule.value || !blank(form.getFieldValue(k));
  };

  const sections = GROUPS.map((g) => (
    <Card key={g} id={`group-${g}`} title={labels.group(g)} size="small" style={{ marginBottom: 16, scrollMarginTop: 72 }} data-testid={`child-group-${g}`}>
      <Row gutter={16}>
        {fieldsOf(g)
          .filter(visible)
          .map((k) => (
            <Col key={k} {...spanOf(k, g)}>
              <ChildFieldItem field={k} ctx={{ ...ctx, extra: extraOf(k) }} />
            </Col>
          ))}
      </Row>
    </Card>
  ));

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={onValuesChange}
      initialValues={initialValues}
      // Enter confirms a field (a typed date, a name), never saves the seventy-field form half filled.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
      }}
      data-testid="child-form"
    >
      {notice}
      <FormError error={formError} />
      <Row gutter={24} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {sections}
        </Col>
        {screens.xl && (
          <Col flex="160px">
            <Anchor
              offsetTop={72}
              targetOffset={72}
              // Titles wrap instead of ending in "…": "State in five dimensions" is wider than the column in English.
              items={GROUPS.map((g) => ({
                key: g,
                href: `#group-${g}`,
                title: <span style={{ display: 'block', whiteSpace: 'normal', lineHeight: 1.35 }}>{labels.group(g)}</span>,
              }))}
              onClick={(e, link) => {
                e.preventDefault();
                document.getElementById(link.href.slice(1))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            />
          </Col>
        )}
      </Row>
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          background: '#f5f5f5',
          boxShadow: '0 -6px 12px -8px rgba(0,0,0,0.18)',
          borderTop: '1px solid #f0f0f0',
          padding: '12px 0',
          marginTop: -4,
        }}
      >
        <Flex justify="end" gap={8} align="center" wrap>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="child-submit">
            {t(child ? 'childForm.submitEdit' : 'childForm.submitCreate')}
          </Button>
        </Flex>
      </div>
    </Form>
  );
}
