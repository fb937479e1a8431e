import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { compareClasses, type SchoolClass } from '@carebridge/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useClasses } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { AdaptiveTable } from '../../components/AdaptiveTable.tsx';
import { FormModal } from '../../components/Overlay.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { useConflictReload } from '../../forms/conflict.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { ClassForm, GRADES } from './ClassForm.tsx';

type Editor = { mode: 'create' } | { mode: 'edit'; schoolClass: SchoolClass };

/** A school's classes by grade, with head teacher and pupil count. */
export default function ClassesPage() {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manage = canManage(useMe().data, 'classes');
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const [grade, setGrade] = useState<number | undefined>();
  const classes = useClasses({ schoolId, grade }, !!schoolId);
  const [editor, setEditor] = useState<Editor | null>(null);
  const sorted = useMemo(() => [...(classes.data ?? [])].sort(compareClasses), [classes.data]);

  const reload = useCallback(() => classes.refetch().then((r) => r.data), [classes]);
  const onConflict = useConflictReload(reload, (c) => setEditor(c ? { mode: 'edit', schoolClass: c } : null));
  const done = (text: string) => {
    setEditor(null);
    message.success(text);
    void qc.invalidateQueries({ queryKey: ['classes'] });
    // Naming a head teacher gives the class-teacher role (and takes it from the previous one).
    void qc.invalidateQueries({ queryKey: ['users'] });
  };

  return (
    <>
      <PageHeader
        title={t('classes.title')}
        extra={
          manage &&
          schoolId && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ mode: 'create' })} data-testid="classes-create">
              {t('classes.create')}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap>
          <SchoolPicker value={schoolId} onChange={setSchoolId} schools={schools.data ?? []} loading={schools.isLoading} />
          <Select
            allowClear
            value={grade}
            onChange={setGrade}
            placeholder={t('classes.gradeFilter')}
            options={GRADES.map((g) => ({ value: g, label: labels.grade(g) }))}
            style={{ width: 160 }}
            data-testid="classes-grade-filter"
          />
        </Flex>
      </PageHeader>
      <QueryError error={classes.error ?? schools.error} onRetry={() => classes.refetch()} />
      <Card styles={{ body: { padding: 0 } }}>
        <AdaptiveTable<SchoolClass>
          rowKey="id"
          phoneHead="name"
          loading={classes.isFetching || schools.isLoading}
          dataSource={sorted}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('fields.grade'), dataIndex: 'grade', render: (g: number) => labels.grade(g) },
            {
              title: t('fields.name'),
              dataIndex: 'name',
              render: (name: string, c) => (
                <>
                  {name}
                  {!c.active && <Tag style={{ marginInlineStart: 8 }}>{t('common.inactive')}</Tag>}
                </>
              ),
            },
            { title: t('fields.headTeacherId'), dataIndex: 'headTeacherName', render: (v: string | null) => v ?? t('classes.noHeadTeacher') },
            { title: t('fields.pupilCount'), dataIndex: 'pupilCount', align: 'right' },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, c: SchoolClass) => (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditor({ mode: 'edit', schoolClass: c })}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <FormModal open={!!editor} title={t(editor?.mode === 'edit' ? 'classes.editTitle' : 'classes.createTitle')} onClose={() => setEditor(null)}>
        {editor && schoolId && (
          <ClassForm
            key={editor.mode === 'edit' ? `${editor.schoolClass.id}-${editor.schoolClass.version}` : 'new'}
            schoolId={schoolId}
            schoolClass={editor.mode === 'edit' ? editor.schoolClass : undefined}
            defaultGrade={grade}
            onCancel={() => setEditor(null)}
            onConflict={editor.mode === 'edit' ? onConflict(editor.schoolClass.id) : undefined}
            onDone={() => done(t(editor.mode === 'edit' ? 'common.saved' : 'common.created'))}
          />
        )}
      </FormModal>
    </>
  );
}
