import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL tests use; CI sets it, the default is the local trust-auth database. */
export const TEST_DATABASE_URL = process.env.COHESITY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. Unreachable skips the PostgreSQL tests with a loud warning,
 * unless COHESITY_REQUIRE_POSTGRES=1 (CI), where it fails them.
 */
export async function postgresReachable(suite: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    const reason = `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${(error as Error).message})`;
    if (process.env.COHESITY_REQUIRE_POSTGRES === '1') throw new Error(`${suite}: ${reason}`);
    console.warn(`\n*** SKIPPING ${suite}: ${reason}. Set COHESITY_TEST_DATABASE_URL to run it. ***\n`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name of our own, so test runs never see each other's tables. */
export function uniqueSchema(prefix: string): string {
  return `cohesity_test_${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Runs one statement as the test database's owner (creating and dropping schemas). */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** The test database's URL with `search_path` set to `schema`, as a server node is given it. */
export function urlWithSchema(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
