import { Type } from 'typebox';
import { requireOwnOrPrivilege, sidInPath } from '../auth/privileges.js';
import { ApiKeyIdParam, SidParam } from './route-schemas.js';

/**
 * What v1 (`/public/users/:sid/apiKeys`) and v2 (`/users/:userSid/api-keys`) share: the path
 * parameters, and the rule that users manage their own keys while anyone else's need
 * PRINCIPAL_VIEW to read and PRINCIPAL_MODIFY to change.
 */
export function apiKeyPaths<Owner extends string>(ownerParam: Owner) {
  const owner = { [ownerParam]: SidParam } as Record<Owner, typeof SidParam>;
  return {
    ownerParams: Type.Object(owner),
    keyParams: Type.Object({ ...owner, id: ApiKeyIdParam }),
    viewKeys: requireOwnOrPrivilege('PRINCIPAL_VIEW', sidInPath(ownerParam)),
    modifyKeys: requireOwnOrPrivilege('PRINCIPAL_MODIFY', sidInPath(ownerParam)),
  };
}
