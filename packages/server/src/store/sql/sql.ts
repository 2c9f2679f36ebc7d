/**
 * One SQL text for SQLite and PostgreSQL. Write a statement once with the `sql` tag; what
 * it interpolates is bound as a parameter (never spliced into the text), unless it is itself
 * `sql` (a fragment, spliced with its own parameters). `render` turns it into one dialect's
 * text (`?` or `$n`) and values. Where the dialects truly differ (JSON operators, collation)
 * the statement asks its `Dialect` for a fragment. A new table reuses all of this:
 *
 *   const where = whereAll([kind && sql`kind = ${kind}`, inList(sql`id`, ids)]);
 *   const { text, values } = render(sql`SELECT * FROM documents ${where} ORDER BY id`, dialect);
 *
 * and `table.ts` derives INSERT column lists, SET lists and row reading from one column map
 * (JSON columns are written and read as JSON text on both databases).
 */
export class Sql {
  /** Text and parameters in order; a `Param` stands where a placeholder goes. */
  constructor(readonly parts: readonly (string | Param)[]) {}
}

class Param {
  constructor(readonly value: unknown) {}
}

/** What differs between the two databases, for statements written once. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** The placeholder for the n-th parameter, from 1. */
  placeholder(n: number): string;
  /** A JS value as this driver binds it. */
  bind(value: unknown): unknown;
  /** True when the JSON array in `column` holds any of `values` (text). */
  jsonArrayHasAny(column: Sql, values: readonly string[]): Sql;
  /** Byte-wise text order, the same on every locale: appended to an ORDER BY term. */
  readonly byteOrder: Sql;
  /** The unique index or constraint that a failed statement violated, if that is why it failed. */
  violatedIndex(error: unknown): string | undefined;
}

export function sql(strings: TemplateStringsArray, ...values: readonly unknown[]): Sql {
  const parts: (string | Param)[] = [];
  strings.forEach((text, i) => {
    parts.push(text);
    if (i === values.length) return;
    const value = values[i];
    if (value instanceof Sql) parts.push(...value.parts);
    else parts.push(new Param(value));
  });
  return new Sql(parts);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A table or column name, spliced as text: only plain lowercase names pass. */
export function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new TypeError(`Not a plain SQL identifier: '${name}'`);
  return new Sql([name]);
}

/** Fragments joined by `separator` (text, not a parameter). */
export function join(fragments: readonly Sql[], separator = ', '): Sql {
  return new Sql(fragments.flatMap((f, i) => (i === 0 ? f.parts : [separator, ...f.parts])));
}

/** `a, b, c` as parameters. */
export const valueList = (values: readonly unknown[]): Sql => join(values.map((v) => sql`${v}`));

/** `column IN (…)`, or false (no condition) for an empty or missing list. */
export const inList = (column: Sql, values: readonly unknown[] | undefined): Sql | false =>
  !!values?.length && sql`${column} IN (${valueList(values)})`;

/** `WHERE a AND b …` from the conditions that apply (false/undefined ones are left out). */
export function whereAll(conditions: readonly (Sql | false | undefined)[]): Sql {
  const present = conditions.filter((c): c is Sql => c instanceof Sql);
  return present.length ? sql`WHERE ${join(present, ' AND ')}` : sql``;
}

/** The dialect's text and values. */
export function render(statement: Sql, dialect: Dialect): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  let text = '';
  for (const part of statement.parts) {
    if (typeof part === 'string') text += part;
    else {
      values.push(dialect.bind(part.value));
      text += dialect.placeholder(values.length);
    }
  }
  return { text, values };
}
