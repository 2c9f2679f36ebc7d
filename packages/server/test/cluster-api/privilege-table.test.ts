import { Privileges } from 'cohesity-sdk/models';
import { describe, expect, it } from 'vitest';
import { privilegesOf } from '../../src/auth/privileges.js';
import { hasPrivilegeRow, privilegeFor } from '../../src/cluster-api/privilege-table.js';
import { documentOperations } from './documents.js';

const operations = documentOperations();

describe('the privilege table of the cluster API', () => {
  it('has a row for every tag of both documents', () => {
    const tags = new Set(operations.flatMap((op) => op.raw.tags ?? []));
    expect([...tags].filter((tag) => !hasPrivilegeRow(tag))).toEqual([]);
  });

  it('names only the cluster privileges, a viewer reads every operation and changes none', () => {
    const viewer = new Set(privilegesOf(['COHESITY_VIEWER']));
    for (const op of operations) {
      const privilege = privilegeFor({
        method: op.method as 'GET',
        tags: op.raw.tags ?? [],
        operationId: op.operationId,
      });
      expect(Privileges).toContain(privilege);
      expect(viewer.has(privilege), `${op.method} ${op.path}`).toBe(op.method === 'GET');
    }
  });

  it('lets an operator run protection groups, which a viewer may not', () => {
    const run = privilegeFor({ method: 'POST', tags: ['ProtectionJobs'], operationId: 'createRunProtectionJob' });
    expect(privilegesOf(['COHESITY_OPERATOR'])).toContain(run);
    expect(privilegesOf(['COHESITY_VIEWER'])).not.toContain(run);
  });
});
