import { type FieldError, fieldLabel, type Lang, localiseIssues, translate } from '@carebridge/shared';
import { Form, type FormInstance } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { useLang } from '../i18n/lang.tsx';

/** "roles.0.scopeId" → ['roles', 0, 'scopeId'], the antd NamePath of that Form.Item. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The registered field an error path belongs to: itself, else its first child field ("roles.0" → "roles.0.role"), else its nearest parent. */
function targetField(path: string, registered: string[]): string | undefined {
  if (!path) return undefined;
  if (registered.includes(path)) return path;
  const child = registered.find((r) => r.startsWith(`${path}.`));
  if (child) return child;
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = parts.slice(0, n).join('.');
    if (registered.includes(parent)) return parent;
  }
  return undefined;
}

/**
 * Show field errors (from zod or from the server's `fields`) on the matching Form.Items.
 * Returns the errors that match no item, for a form-level message.
 */
export function applyFieldErrors(form: FormInstance, errors: readonly FieldError[], mapPath?: (path: string) => string): FieldError[] {
  const registered = form.getFieldsError().map((f) => f.name.join('.'));
  const byField = new Map<string, string[]>();
  const unmatched: FieldError[] = [];
  for (const e of errors) {
    const target = targetField(mapPath ? mapPath(e.path) : e.path, registered);
    if (!target) {
      unmatched.push(e);
      continue;
    }
    const list = byField.get(target) ?? [];
    if (!list.includes(e.message)) list.push(e.message);
    byField.set(target, list);
  }
  // A field put right since the last check loses its old message: only this check's errors stand.
  const cleared = form
    .getFieldsError()
    .filter((f) => f.errors.length && !byField.has(f.name.join('.')))
    .map((f) => ({ name: f.name, errors: [] as string[] }));
  form.setFields([...cleared, ...[...byField].map(([path, errs]) => ({ name: toNamePath(path), errors: errs }))]);
  return unmatched;
}

/** A value as compared for "changed since": dates and lists by their contents. */
function snapshot(value: unknown): string {
  try {
    return JSON.stringify(value ?? null);
  } catch {
    return String(value);
  }
}

/**
 * The errors placed on a form's fields, each until its field is changed: our Form.Items have no rules
 * for antd to re-run, so an error would otherwise stay under a field put right ("必填" under a mentor
 * chosen) until the next submit, or for good after a successful one that leaves the form open.
 * `place` remembers each field's value as it was when its error was placed; `edited(values)` names
 * the fields whose value differs since; `clear` takes their errors away (all of them when none are named).
 */
export function fieldErrorKeeper(form: FormInstance) {
  let placedAt = new Map<string, string>();
  return {
    place(errors: readonly FieldError[], mapPath?: (path: string) => string): FieldError[] {
      const unmatched = applyFieldErrors(form, errors, mapPath);
      placedAt = new Map(
        form
          .getFieldsError()
          .filter((f) => f.errors.length)
          .map((f) => [f.name.join('.'), snapshot(form.getFieldValue(f.name))]),
      );
      return unmatched;
    },
    edited(values: unknown): string[] {
      return [...placedAt].filter(([path, was]) => snapshot(valueAt(values, toNamePath(path))) !== was).map(([path]) => path);
    },
    clear(paths?: readonly string[]): void {
      const names =
        paths ??
        form
          .getFieldsError()
          .filter((f) => f.errors.length)
          .map((f) => f.name.join('.'));
      for (const p of paths ?? [...placedAt.keys()]) placedAt.delete(p);
      if (names.length) form.setFields(names.map((p) => ({ name: toNamePath(p), errors: [] })));
    },
  };
}

/** "用户名：至少 3 个字符；…" for errors that have no field of their own. */
export function describeErrors(errors: readonly FieldError[], lang: Lang): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  return errors.map((e) => (e.path ? `${fieldLabel(e.path, lang)}${sep}${e.message}` : e.message)).join(lang === 'zh-CN' ? '；' : '; ');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** zod's issues, localised; a field left empty says "必填" rather than "expected string, received undefined" or a list of enum values, an empty list "请至少选择一项". */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], payload: unknown, lang: Lang): FieldError[] {
  // The payload tells the received type of a mismatch, as the request does on the server.
  const localised = localiseIssues(issues, lang, { input: payload });
  return issues.map((issue, i) => {
    const v = valueAt(payload, issue.path);
    const empty = v === undefined || v === null || v === '';
    const fe = localised[i] as FieldError;
    // Our own refinements carry their message (e.g. validation.username); zod's built-in ones only say what an empty value is not.
    if (empty && issue.code !== 'custom') return { ...fe, message: translate(lang, 'validation.required') };
    // Nothing picked in a list that needs one ("请至少选择一项"), whatever zod calls the list.
    if (Array.isArray(v) && !v.length && issue.code === 'too_small') return { ...fe, message: translate(lang, 'validation.pick_one') };
    return fe;
  });
}

interface SchemaFormOptions<S extends z.ZodType, V, R> {
  /** The shared schema the payload must satisfy (the same one the server validates with). */
  schema: S;
  /** Form values → request payload (dates to 'YYYY-MM-DD', add version, drop helper fields). */
  toPayload?: (values: V) => unknown;
  submit: (payload: z.output<S>) => Promise<R>;
  onSuccess?: (result: R) => void;
  /** A 409 version_conflict: reload the record (the form is usually re-mounted with fresh values). */
  onConflict?: (error: ApiError) => void;
  /** Rename server/zod paths to Form.Item names when they differ. */
  mapPath?: (path: string) => string;
  /** Rules across fields beyond the schema (e.g. checkChild), with localised messages; run before sending. */
  check?: (values: V, payload: z.output<S>) => FieldError[];
}

/**
 * One way to submit every form: validate on the client with the shared zod schema, send, and put
 * server field errors on the right Form.Item; anything unplaceable becomes `formError`.
 */
export function useSchemaForm<S extends z.ZodType, V = Record<string, unknown>, R = unknown>(opts: SchemaFormOptions<S, V, R>) {
  const [form] = Form.useForm<V>();
  const { lang } = useLang();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = useMemo(() => fieldErrorKeeper(form), [form]);
  // A field's error goes as soon as its value changes (typed, picked, or filled in by the form itself).
  // The selector answers the same string until then, so a keystroke elsewhere renders nothing more.
  const edited = Form.useWatch(
    useCallback((values: unknown) => errors.edited(values).join('\n'), [errors]),
    { form, preserve: true },
  );
  useEffect(() => {
    if (edited) errors.clear(edited.split('\n'));
  }, [edited, errors]);

  /**
   * Put errors on their fields and bring the first field in error into view, focused: on a phone the
   * save button is far below the fields, and an error out of sight looks like a save that did nothing.
   * Errors of no field become `formError` (FormError scrolls itself into view).
   */
  const place = (list: readonly FieldError[]) => {
    const unmatched = errors.place(list, opts.mapPath);
    const first = form.getFieldsError().find((f) => f.errors.length);
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth', focus: true });
    return unmatched;
  };

  const onFinish = async (values: V) => {
    setFormError(null);
    const payload = opts.toPayload ? opts.toPayload(values) : values;
    const parsed = opts.schema.safeParse(payload);
    if (!parsed.success) {
      const unmatched = place(issuesToFieldErrors(parsed.error.issues, payload, lang));
      if (unmatched.length) setFormError(describeErrors(unmatched, lang));
      return;
    }
    const problems = opts.check?.(values, parsed.data) ?? [];
    if (problems.length) {
      const unmatched = place(problems);
      if (unmatched.length) setFormError(describeErrors(unmatched, lang));
      return;
    }
    setSubmitting(true);
    try {
      const result = await opts.submit(parsed.data);
      // Saved: no old message stays under a field of a form that stays open (the pairing form).
      errors.clear();
      opts.onSuccess?.(result);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.isVersionConflict && opts.onConflict) {
        opts.onConflict(err);
        return;
      }
      const unmatched = place(err.fields);
      if (!err.fields.length || unmatched.length) setFormError(err.message);
    } finally {
      setSubmitting(false);
    }
  };

  return { form, onFinish, submitting, formError, setFormError };
}
