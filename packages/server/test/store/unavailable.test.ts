import { describe, expect, it } from 'vitest';
import { isUnavailable, toStoreError } from '../../src/store/postgres/unavailable.js';
import { StoreUnavailableError } from '../../src/store/store.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['an admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a server still starting', withCode('the database system is starting up', '57P03')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['refusals on every address', new AggregateError([withCode('x', 'ECONNREFUSED')], 'connect failed')],
  ])('treats %s as the database being unavailable', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    expect(toStoreError(error)).toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['something that is not an Error', 'ECONNREFUSED'],
  ])('leaves %s as it is', (_, error) => {
    expect(isUnavailable(error)).toBe(false);
    expect(toStoreError(error)).toBe(error);
  });
});
