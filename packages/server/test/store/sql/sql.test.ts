import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../../../src/store/postgres/postgres-dialect.js';
import { identifier, inList, render, sql, whereAll } from '../../../src/store/sql/sql.js';
import { assignments, defineTable, flag, insertInto, json, readRow } from '../../../src/store/sql/table.js';
import { sqliteDialect } from '../../../src/store/sqlite/sqlite-dialect.js';

interface Doc {
  id: string;
  body: unknown;
  active: boolean;
}
const docs = defineTable<Doc>('docs', { id: 'doc_id', body: json('body'), active: flag('is_active') });

describe('render', () => {
  it('binds every interpolated value, in order, as one placeholder per dialect, never as text', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 5 }), fc.integer(), (name, ids, limit) => {
        const statement = sql`SELECT * FROM docs ${whereAll([sql`name = ${name}`, inList(sql`id`, ids)])} LIMIT ${limit}`;
        const postgres = render(statement, postgresDialect);
        const sqlite = render(statement, sqliteDialect);
        expect(postgres.values).toEqual([name, ...ids, limit]);
        expect(sqlite.values).toEqual(postgres.values);
        const numbered = postgres.values.map((_, i) => `$${i + 1}`);
        expect(postgres.text.match(/\$\d+/g)).toEqual(numbered);
        expect(sqlite.text).toBe(numbered.reduce((text, p) => text.replace(p, '?'), postgres.text));
        expect(postgres.text).toBe(
          `SELECT * FROM docs WHERE name = $1${ids.length ? ` AND id IN (${numbered.slice(1, -1).join(', ')})` : ''} LIMIT $${numbered.length}`,
        );
      }),
    );
  });

  it('leaves out the conditions that do not apply, and WHERE with them all', () => {
    expect(render(sql`DELETE FROM docs ${whereAll([false, undefined, inList(sql`id`, [])])}`, sqliteDialect)).toEqual({
      text: 'DELETE FROM docs ',
      values: [],
    });
  });

  it('binds booleans as 0/1 on SQLite only, and every other value as it is', () => {
    const statement = sql`${true} ${'a'} ${1.5} ${null}`;
    expect(render(statement, sqliteDialect).values).toEqual([1, 'a', 1.5, null]);
    expect(render(statement, postgresDialect).values).toEqual([true, 'a', 1.5, null]);
  });

  it('splices only plain lowercase identifiers', () => {
    expect(render(sql`SELECT ${identifier('doc_id')}`, postgresDialect).text).toBe('SELECT doc_id');
    for (const name of ['Doc', 'a b', 'x;DROP', '"q"', '1a', '']) expect(() => identifier(name)).toThrow(TypeError);
  });
});

describe('table', () => {
  it('derives INSERT and SET from one column list, skipping unset fields', () => {
    const insert = render(insertInto(docs, { id: 'd1', active: true }, { rev: 2 }), postgresDialect);
    expect(insert).toEqual({
      text: 'INSERT INTO docs (doc_id, is_active, rev) VALUES ($1, $2, $3)',
      values: ['d1', true, 2],
    });
    const set = render(
      sql`UPDATE docs SET ${assignments(docs, { body: [1], id: undefined })[0] ?? sql``}`,
      sqliteDialect,
    );
    expect(set).toEqual({ text: 'UPDATE docs SET body = ?', values: ['[1]'] });
  });

  it('writes any JSON value (a scalar too) and reads back the same record', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE docs (doc_id TEXT PRIMARY KEY, body TEXT NOT NULL, is_active INTEGER NOT NULL)');
    try {
      fc.assert(
        fc.property(fc.string(), fc.jsonValue(), fc.boolean(), (id, body, active) => {
          db.exec('DELETE FROM docs');
          const doc: Doc = { id, body: JSON.parse(JSON.stringify(body)), active };
          const insert = render(sql`${insertInto(docs, doc)} RETURNING *`, sqliteDialect);
          const row = db.prepare(insert.text).get(...insert.values) as Record<string, unknown>;
          expect(readRow(docs, row)).toEqual(doc);
        }),
      );
    } finally {
      db.close();
    }
  });
});
