import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { applyFieldErrors } from '../../forms/schema-form.ts';
import { clearErrorsOnEdit, settingsFieldPath } from './form-errors.ts';

/** The part of an antd form these helpers use; a Form.List ("groups") is a registered field of its own, as in antd. */
function fakeForm(fields: string[]) {
  const errors = new Map<string, string[]>(fields.map((f) => [f, []]));
  const form = {
    getFieldsError: () =>
      [...errors].map(([name, errs]) => ({ name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: errs, warnings: [] })),
    setFields: (list: { name: (string | number)[]; errors: string[] }[]) => {
      for (const f of list) errors.set(f.name.join('.'), f.errors);
    },
  } as unknown as FormInstance;
  return { form, errors };
}

/** The settings form's fields with two groups. */
const settingsFields = [
  'title',
  'startDate',
  'endDate',
  'groups',
  'groups.0.id',
  'groups.0.name',
  'groups.0.size',
  'groups.1.id',
  'groups.1.name',
  'groups.1.size',
];

describe('camp settings errors', () => {
  it('puts the server’s refusals on the dates and on the groups list, a group’s id on its name', () => {
    const { form, errors } = fakeForm(settingsFields);
    const unmatched = applyFieldErrors(
      form,
      [
        { path: 'groups', message: '“第1组”组已有 3 名儿童，人数上限不能改为 2' },
        { path: 'groups', message: '课程“音乐”只开给“第2组”' },
        { path: 'startDate', message: '2026-07-28 还有 2 张照片' },
        { path: 'endDate', message: '2026-07-31 还有 1 张照片' },
        { path: 'groups.1.id', message: '编号重复' },
      ],
      settingsFieldPath,
    );
    expect(unmatched).toEqual([]);
    expect(errors.get('groups')).toEqual(['“第1组”组已有 3 名儿童，人数上限不能改为 2', '课程“音乐”只开给“第2组”']);
    expect(errors.get('startDate')).toEqual(['2026-07-28 还有 2 张照片']);
    expect(errors.get('endDate')).toEqual(['2026-07-31 还有 1 张照片']);
    expect(errors.get('groups.1.name')).toEqual(['编号重复']);
    expect(errors.get('groups.0.id')).toEqual([]);
  });

  it('clears the groups list’s error once a group is edited or removed, and a date’s once it is changed', () => {
    const { form, errors } = fakeForm(settingsFields);
    applyFieldErrors(
      form,
      [
        { path: 'groups', message: '“第1组”组已有 3 名儿童' },
        { path: 'startDate', message: '2026-07-28 还有 2 张照片' },
      ],
      settingsFieldPath,
    );
    const onChange = clearErrorsOnEdit(form);
    onChange({ title: '夏令营' });
    expect(errors.get('groups')).toEqual(['“第1组”组已有 3 名儿童']);
    // antd reports a changed size as a sparse list row.
    onChange({ groups: [undefined, { size: 5 }] });
    expect(errors.get('groups')).toEqual([]);
    expect(errors.get('startDate')).toEqual(['2026-07-28 还有 2 张照片']);
    onChange({ startDate: '2026-07-28' });
    expect(errors.get('startDate')).toEqual([]);
    // Removing the last group leaves an empty list.
    applyFieldErrors(form, [{ path: 'groups', message: '课程“音乐”只开给“第2组”' }], settingsFieldPath);
    onChange({ groups: [] });
    expect(errors.get('groups')).toEqual([]);
  });
});
