import { describe } from 'vitest';
import { tenantResourceSuite } from './tenant-resources.js';

describe('tenant-owned cluster resources, on SQLite', () => tenantResourceSuite(() => ({})));
