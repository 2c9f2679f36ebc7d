import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, postgresReachable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres.js';

const ALL_VERSIONS = postgresMigrations.map((_, index) => index + 1);

const reachable = await postgresReachable('PostgreSQL migrations');

describe.skipIf(!reachable)('PostgreSQL migrations', () => {
  const schema = uniqueSchema('migrate');
  afterAll(() => dropSchema(schema));

  const appliedVersions = async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      return rows.map((r: { version: number }) => r.version);
    } finally {
      await client.end();
    }
  };

  it('applies each version once when eight nodes open an empty schema at the same moment', async () => {
    const stores = await Promise.all(
      Array.from({ length: 8 }, () => PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema })),
    );
    try {
      expect(await appliedVersions()).toEqual(ALL_VERSIONS);
      for (const store of stores) expect(await store.listUsers({})).toEqual([]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('finds nothing to do on a schema that is up to date', async () => {
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema });
    await store.close();
    expect(await appliedVersions()).toEqual(ALL_VERSIONS);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' }),
    ).rejects.toThrow(TypeError);
  });
});
