import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { parseAssignments } from '../src/parse-assignments.js';

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/).filter((k) => k !== 'constructor' && k !== 'prototype');

describe('parseAssignments', () => {
  it('nests dotted keys and reads values as JSON when they are JSON', () => {
    expect(
      parseAssignments(['authTokenTimeoutMinutes=60', 'sessionConfiguration.limitSessions=true', 'a.b=text', 'a.c=']),
    ).toEqual({ authTokenTimeoutMinutes: 60, sessionConfiguration: { limitSessions: true }, a: { b: 'text', c: '' } });
  });

  it('keeps everything after the first = as the value', () => {
    expect(parseAssignments(['name=a=b'])).toEqual({ name: 'a=b' });
  });

  it('round-trips any object of JSON scalars written as dotted assignments', () => {
    const scalar = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string().filter((s) => !isJson(s)),
    );
    fc.assert(
      fc.property(fc.dictionary(key, fc.dictionary(key, scalar, { minKeys: 1 }), { minKeys: 1 }), (config) => {
        const assignments = Object.entries(config).flatMap(([outer, inner]) =>
          Object.entries(inner).map(
            ([name, value]) => `${outer}.${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
          ),
        );
        expect(parseAssignments(assignments)).toEqual(config);
      }),
    );
  });

  it('refuses anything that is not KEY=VALUE with a usage error, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseAssignments([text]);
        } catch (error) {
          expect(error).toBeInstanceOf(CliError);
          expect((error as CliError).exitCode).toBe(2);
        }
      }),
    );
    for (const bad of ['novalue', '=1', 'a..b=1', '__proto__.polluted=1', 'a.constructor=1']) {
      expect(() => parseAssignments([bad])).toThrow(CliError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses setting a key inside a value already set', () => {
    expect(() => parseAssignments(['a=1', 'a.b=2'])).toThrow(/inside a value/);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
