import { afterAll, beforeAll, describe } from 'vitest';
import { adminQuery, dropSchema, postgresReachable, uniqueSchema, urlWithSchema } from '../helpers/postgres.js';
import { tenantResourceSuite } from './tenant-resources.js';

const reachable = await postgresReachable('tenant-owned cluster resources on PostgreSQL');
const schema = uniqueSchema('tenant_resources');

describe.runIf(reachable)('tenant-owned cluster resources, on PostgreSQL', () => {
  beforeAll(() => adminQuery(`CREATE SCHEMA ${schema}`));
  afterAll(() => dropSchema(schema));
  tenantResourceSuite(() => ({ databaseUrl: urlWithSchema(schema) }));
});
