import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { classWithGrade, compareClasses, ROLE_SCOPE, ROLES, type Role, translate } from '@carebridge/shared';
import { Button, Card, Flex, Form, Select, Typography } from 'antd';
import { useClasses, useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { SchoolPicker } from '../../components/SchoolPicker.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/lang.tsx';

/** One row of the form: `schoolId` only helps to choose a class and is not sent. */
export interface RoleRow {
  role?: Role;
  scopeId?: string | null;
  schoolId?: string | null;
}

function ClassSelect({ schoolId, value, onChange, id }: { schoolId: string | undefined; value?: string; onChange?: (v: string) => void; id?: string }) {
  const t = useT();
  const labels = useLabels();
  const classes = useClasses({ schoolId }, !!schoolId);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={!schoolId}
      loading={classes.isLoading}
      placeholder={schoolId ? t('common.select') : t('users.scopeSchoolFirst')}
      showSearch={{ optionFilterProp: 'label' }}
      options={[...(classes.data ?? [])].sort(compareClasses).map((c) => ({ value: c.id, label: classWithGrade(c, labels.grade(c.grade)) }))}
      style={{ minWidth: 180 }}
    />
  );
}

/**
 * What a class-teacher role for this class does on saving (users.service.ts, org/head-teacher.ts): a class
 * without a head teacher gets this person; one with another keeps it, this person only seeing the class.
 */
function useHeadTeacherNote(role: Role | undefined, schoolId: string | undefined, classId: string | undefined, userId: string | undefined) {
  const t = useT();
  const classes = useClasses({ schoolId }, !!schoolId && role === 'class_teacher');
  const klass = role === 'class_teacher' && classId ? classes.data?.find((c) => c.id === classId) : undefined;
  if (!klass || (userId && klass.headTeacherId === userId)) return undefined;
  return klass.headTeacherId ? t('users.classHasHeadTeacher', { name: klass.headTeacherName ?? '' }) : t('users.becomesHeadTeacher');
}

function AssignmentRow({ index, onRemove, removable, userId }: { index: number; onRemove: () => void; removable: boolean; userId?: string | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const form = Form.useFormInstance();
  const schools = useSchools();
  const role: Role | undefined = Form.useWatch(['roles', index, 'role'], form);
  const mine = (useMe().data?.roles ?? []).map((r) => r.role);
  // The roles this user may hand out, as the server checks them (users/assignments.ts canGrant): an
  // administrator any, a bureau officer any but administrator, a school leader those of a school or class.
  const grantable = ROLES.filter(
    (r) =>
      r === role ||
      mine.includes('system_admin') ||
      (r !== 'system_admin' && mine.includes('bureau_officer')) ||
      (mine.includes('school_leader') && (ROLE_SCOPE[r] === 'school' || ROLE_SCOPE[r] === 'class')),
  );
  const schoolId: string | undefined = Form.useWatch(['roles', index, 'schoolId'], form) ?? undefined;
  const kind = role ? ROLE_SCOPE[role] : undefined;
  const scopeId: string | undefined = Form.useWatch(['roles', index, 'scopeId'], form) ?? undefined;
  const headTeacherNote = useHeadTeacherNote(role, schoolId, scopeId, userId);
  const scopeRule =
    kind && kind !== 'global' ? [{ required: true, message: translate(lang, 'validation.scope_missing', { scope: labels.scopeKind(kind) }) }] : [];

  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`role-row-${index}`}>
      <Flex gap={8} wrap align="start">
        <Form.Item name={[index, 'role']} label={t('fields.role')} style={{ marginBottom: 8, minWidth: 180, flex: 1 }} required>
          <Select
            options={grantable.map((r) => ({ value: r, label: labels.role(r) }))}
            onChange={(picked: Role) => {
              // Someone who sees one school only (a school leader, mostly) is not made to pick it.
              const only = schools.data?.length === 1 ? schools.data[0]?.id : undefined;
              form.setFieldValue(['roles', index, 'scopeId'], ROLE_SCOPE[picked] === 'school' ? (only ?? null) : null);
              if (ROLE_SCOPE[picked] === 'class' && only) form.setFieldValue(['roles', index, 'schoolId'], only);
            }}
            data-testid={`role-select-${index}`}
          />
        </Form.Item>
        {kind === 'class' && (
          <Form.Item name={[index, 'schoolId']} label={t('fields.schoolId')} style={{ marginBottom: 8, flex: 1 }}>
            <SchoolPicker
              schools={schools.data ?? []}
              loading={schools.isLoading}
              onChange={() => form.setFieldValue(['roles', index, 'scopeId'], null)}
              data-testid={`role-school-${index}`}
            />
          </Form.Item>
        )}
        {kind && kind !== 'global' && (
          <Form.Item name={[index, 'scopeId']} label={labels.scopeKind(kind)} rules={scopeRule} extra={headTeacherNote} style={{ marginBottom: 8, flex: 1 }}>
            {kind === 'region' ? (
              <RegionTreeSelect data-testid={`role-scope-${index}`} />
            ) : kind === 'school' ? (
              <SchoolPicker schools={schools.data ?? []} loading={schools.isLoading} data-testid={`role-scope-${index}`} />
            ) : (
              <ClassSelect schoolId={schoolId} />
            )}
          </Form.Item>
        )}
        {kind === 'global' && (
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('users.scopeGlobal')}
          </Typography.Text>
        )}
        {removable && <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={onRemove} style={{ marginTop: 30 }} />}
      </Flex>
    </Card>
  );
}

/**
 * The dynamic list of role assignments: a role, and the scope its kind needs (region, school, class or
 * none). `userId`: the user being edited, if any (a class it already heads needs no note).
 */
export function RoleAssignments({ userId }: { userId?: string | undefined } = {}) {
  const t = useT();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <AssignmentRow key={field.key} index={field.name} removable={fields.length > 1} onRemove={() => remove(field.name)} userId={userId} />
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: undefined, scopeId: null })} data-testid="role-add">
            {t('users.addRole')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Form rows → `[{ role, scopeId }]` as UserCreate/UserUpdate expect. */
export function toAssignments(rows: RoleRow[] | undefined) {
  return (rows ?? []).map((r) => ({ role: r.role, scopeId: r.role && ROLE_SCOPE[r.role] === 'global' ? null : (r.scopeId ?? null) }));
}
