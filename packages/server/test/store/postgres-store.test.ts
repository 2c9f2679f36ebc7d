import pg from 'pg';
import { describe } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, postgresReachable, TEST_DATABASE_URL, uniqueSchema } from '../helpers/postgres.js';
import { storeContract } from './store-contract.js';

const reachable = await postgresReachable('PostgresStore contract');

describe.skipIf(!reachable)('PostgresStore', () => {
  storeContract(async () => {
    const schema = uniqueSchema('store');
    const store = await PostgresStore.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      store,
      async execute(sql) {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});
