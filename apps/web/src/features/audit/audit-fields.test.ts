import { ActivityUpdate, CareRecordUpdate, CHILD_FIELDS, EventUpdate, IncidentUpdate } from '@carebridge/shared';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { namedIds } from '../../../../server/src/modules/audit/audit-names.ts';
import { auditDetails } from './audit-details.ts';
import { detailLabel, fieldLabel } from './audit-labels.ts';

/**
 * Every detail the server writes into the audit log, read from its source: each object with an
 * `action`, an `entity` and a `summary` (an `audit.record(…)` input, or one gathered for `recordMany`),
 * the summary's keys followed through spreads, conditionals, local constants, `changes(before, set)`,
 * a method's parameter (the arguments of its calls) and a function's declared result. A summary the
 * reader cannot follow fails the test, so that a new kind of detail is not missed unread.
 */
const SOURCES = import.meta.glob<string>(['../../../../server/src/**/*.ts', '!**/*.test.ts', '!**/test/**', '!**/modules/audit/**', '!**/*.test-helpers.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const files = Object.entries(SOURCES).map(([path, text]) => ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));

/** Columns `changes()` leaves out (apps/server/src/lib/diff.ts). */
const UNCHANGED = new Set(['version', 'updated_at', 'updatedAt', 'password_hash']);

interface Written {
  where: string;
  actions: string[];
  entities: string[];
  /** The details, each with the source of its value. */
  keys: { key: string; value: string }[];
  /** What could not be followed. */
  lost: string[];
}

const where = (node: ts.Node) => {
  const sf = node.getSourceFile();
  return `${sf.fileName.replace(/^.*server\/src\//, '')}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
};

const nameOf = (name: ts.PropertyName): string | null => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e))
    e = e.expression;
  return e;
}

/** The nearest declaration of a name before its use in the same file: a constant's initializer, or a parameter. */
function declaration(id: ts.Identifier): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
  let found: ts.VariableDeclaration | ts.ParameterDeclaration | undefined;
  const visit = (n: ts.Node) => {
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n)) && ts.isIdentifier(n.name) && n.name.text === id.text && n.pos < id.pos) {
      // Only declarations whose scope holds the use.
      const scope = ts.isParameter(n) ? n.parent : n.parent.parent.parent;
      if (scope.pos <= id.pos && id.end <= scope.end && (!found || n.pos > found.pos)) found = n;
    }
    ts.forEachChild(n, visit);
  };
  visit(id.getSourceFile());
  return found;
}

/** The arguments given for a parameter: those at its place in the calls of its function in the same file (`this.write(…, summary)`). */
function argumentsOf(p: ts.ParameterDeclaration): ts.Expression[] {
  const fn = p.parent;
  const index = fn.parameters.indexOf(p);
  const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : null;
  if (!name) return [];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const called = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      const arg = n.arguments[index];
      if (called === name && arg) out.push(arg);
    }
    ts.forEachChild(n, visit);
  };
  visit(p.getSourceFile());
  return out;
}

/** The members of an object type written out: `Promise<{ pairings: number; records: number }>`. */
function typeMembers(t: ts.TypeNode | undefined): string[] | null {
  if (!t) return null;
  if (ts.isTypeReferenceNode(t) && t.typeName.getText() === 'Promise') return typeMembers(t.typeArguments?.[0]);
  if (ts.isTypeLiteralNode(t)) return t.members.flatMap((m) => (m.name && nameOf(m.name) ? [nameOf(m.name) as string] : []));
  return null;
}

/** The declared result of a function of that name anywhere in the server. */
function resultMembers(name: string): string[] | null {
  for (const sf of files) for (const s of sf.statements) if (ts.isFunctionDeclaration(s) && s.name?.text === name) return typeMembers(s.type);
  return null;
}

type Field = { key: string; value: ts.Expression };

/** An object's fields as written: through spreads, either side of a condition, constants, `defined()`, `changes()`. */
function fields(expr: ts.Expression, lost: string[], depth = 0): Field[] {
  const e = unwrap(expr);
  if (depth > 8) {
    lost.push(`${where(e)} ${e.getText()}`);
    return [];
  }
  if (ts.isObjectLiteralExpression(e))
    return e.properties.flatMap((p): Field[] => {
      if (ts.isPropertyAssignment(p)) {
        const key = nameOf(p.name);
        if (key) return [{ key, value: p.initializer }];
        lost.push(`${where(p)} ${p.getText()}`);
        return [];
      }
      if (ts.isShorthandPropertyAssignment(p)) return [{ key: p.name.text, value: p.name }];
      if (ts.isSpreadAssignment(p)) return fields(p.expression, lost, depth + 1);
      return [];
    });
  if (ts.isConditionalExpression(e)) return [...fields(e.whenTrue, lost, depth + 1), ...fields(e.whenFalse, lost, depth + 1)];
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind))
    return fields(e.right, lost, depth + 1);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    return [...fields(e.left, lost, depth + 1), ...fields(e.right, lost, depth + 1)];
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const [first, second] = e.arguments;
    if (e.expression.text === 'defined' && first) return fields(first, lost, depth + 1);
    if (e.expression.text === 'changes' && second) return fields(second, lost, depth + 1).filter((f) => !UNCHANGED.has(f.key));
    const members = resultMembers(e.expression.text);
    if (members) return members.map((key) => ({ key, value: e }));
  }
  if (ts.isIdentifier(e)) {
    const d = declaration(e);
    if (d && ts.isVariableDeclaration(d) && d.initializer) {
      // A constant filled in afterwards: `summary.roles = …`.
      const later: Field[] = [];
      const visit = (n: ts.Node) => {
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(n.left) &&
          ts.isIdentifier(n.left.expression) &&
          n.left.expression.text === e.text &&
          declaration(n.left.expression) === d
        )
          later.push({ key: n.left.name.text, value: n.right });
        ts.forEachChild(n, visit);
      };
      visit(d.parent.parent.parent);
      return [...fields(d.initializer, lost, depth + 1), ...later];
    }
    if (d && ts.isParameter(d)) {
      const given = argumentsOf(d);
      if (given.length) return given.flatMap((a) => fields(a, lost, depth + 1));
    }
  }
  lost.push(`${where(e)} ${e.getText()}`);
  return [];
}

/** The texts a code can take: a literal, either side of a condition, a constant's or a parameter's (its calls' arguments). */
function texts(expr: ts.Expression, depth = 0): string[] {
  const e = unwrap(expr);
  if (depth > 8) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isConditionalExpression(e)) return [...texts(e.whenTrue, depth + 1), ...texts(e.whenFalse, depth + 1)];
  if (ts.isIdentifier(e)) {
    const d = declaration(e);
    if (d && ts.isVariableDeclaration(d) && d.initializer) return texts(d.initializer, depth + 1);
    if (d && ts.isParameter(d)) return argumentsOf(d).flatMap((a) => texts(a, depth + 1));
  }
  return [];
}

/** Every audit entry the server writes, as its source writes it. */
function written(): Written[] {
  const out: Written[] = [];
  for (const sf of files) {
    const visit = (n: ts.Node) => {
      if (ts.isObjectLiteralExpression(n)) {
        const lost: string[] = [];
        const all = fields(n, []);
        const one = (key: string) => all.filter((f) => f.key === key).map((f) => f.value);
        const summary = one('summary');
        if (summary.length && one('action').length && one('entity').length)
          out.push({
            where: where(n),
            actions: [...new Set(one('action').flatMap((a) => texts(a)))],
            entities: [...new Set(one('entity').flatMap((a) => texts(a)))],
            keys: summary.flatMap((s) => fields(s, lost)).map((f) => ({ key: f.key, value: f.value.getText() })),
            lost,
          });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const ENTRIES = written();
const LANGS = ['zh-CN', 'en-US'] as const;
const HAN = /\p{Script=Han}/u;
/** A label of the reader's language: Chinese words in Chinese, no Chinese nor code in English; never the key. */
const readable = (lang: (typeof LANGS)[number], label: string, key: string) =>
  label !== key && (lang === 'zh-CN' ? HAN.test(label) && !/[A-Za-z_]/.test(label) : !HAN.test(label) && !label.includes('_'));

/** The forms whose fields a change's `fields` lists (`Object.keys(input)`), by the entity changed. */
const FORMS: Record<string, string[]> = {
  child: Object.keys(CHILD_FIELDS),
  incident: Object.keys(IncidentUpdate.shape),
  activity: Object.keys(ActivityUpdate.shape),
  care_record: Object.keys(CareRecordUpdate.shape),
  event: Object.keys(EventUpdate.shape),
};
/** A key or a value (a name alone) that holds an id: `childId`, `head_teacher_id`, `task: taskId`, `from: row.school_id`, `activity: id`. */
const ID = /(?:^|\b|[a-z_])(?:id|Id|_id)$/;

describe('every audit detail the server writes', () => {
  it('is found in the server’s source, and followed to its keys', () => {
    expect(ENTRIES.length).toBeGreaterThan(90);
    const actions = new Set(ENTRIES.flatMap((e) => e.actions));
    for (const a of ['roster.export', 'incident.notify', 'pairing.end', 'term.update', 'user.update', 'child.transfer', 'setup.demo_loaded', 'child.create'])
      expect(actions).toContain(a);
    const keys = new Set(ENTRIES.flatMap((e) => e.keys.map((k) => k.key)));
    // From `changes(before, set)`, a parameter's arguments, a local constant, a function's declared result, a spread.
    for (const k of ['head_teacher_id', 'academicYear', 'start_date', 'from', 'roles', 'pairings', 'camps', 'importId', 'duplicatesConfirmed'])
      expect(keys).toContain(k);
    expect(ENTRIES.flatMap((e) => e.lost)).toEqual([]);
    expect(ENTRIES.filter((e) => !e.entities.length).map((e) => e.where)).toEqual([]);
  });

  it('has a label in Chinese and in English, not its key', () => {
    const missing = new Set<string>();
    for (const e of ENTRIES)
      for (const { key } of e.keys)
        for (const action of e.actions.length ? e.actions : [undefined])
          for (const entity of e.entities)
            for (const lang of LANGS) {
              const label = detailLabel(lang, key, entity, action);
              if (!readable(lang, label, key)) missing.add(`${lang} ${action ?? '?'} ${entity} ${key}: ${label}`);
            }
    expect([...missing]).toEqual([]);
  });

  it('that lists the fields changed names each field of its form in Chinese and in English', () => {
    const changing = new Set(ENTRIES.flatMap((e) => (e.keys.some((k) => k.key === 'fields') ? e.entities : [])));
    // A form not known here is a new one: add it to FORMS.
    expect([...changing].filter((entity) => !FORMS[entity])).toEqual([]);
    const missing: string[] = [];
    for (const entity of changing)
      for (const field of (FORMS[entity] ?? []).filter((f) => f !== 'version'))
        for (const lang of LANGS) {
          const label = fieldLabel(lang, field, entity);
          if (!readable(lang, label, field)) missing.push(`${lang} ${entity} ${field}: ${label}`);
        }
    expect(missing).toEqual([]);
  });

  it('that holds an id is named by the server, read out, or left out: never shown as an id', () => {
    const ID_VALUE = '0190c6a2-7a3b-7c11-9a2b-1234567890ab';
    const raw = new Set<string>();
    for (const e of ENTRIES)
      for (const { key, value } of e.keys) {
        if (!ID.test(key) && !(/^[\w.?]+$/.test(value) && ID.test(value))) continue;
        for (const action of e.actions.length ? e.actions : [undefined])
          for (const entity of e.entities) {
            const summary = { [key]: ID_VALUE };
            const named = namedIds({ action: action ?? '', entity, entityId: null, summary });
            if (named.people.length || named.things.length) continue;
            for (const lang of LANGS)
              for (const d of auditDetails(lang, summary, entity, { action }))
                if (/[0-9a-f]{8}/.test(d.full)) raw.add(`${lang} ${action ?? '?'} ${key}: ${d.full}`);
          }
      }
    expect([...raw]).toEqual([]);
  });
});
