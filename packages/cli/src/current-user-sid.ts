import type { ClusterClient } from 'cohesity-sdk';

/** The SID of whoever the client authenticates as (token or API key). */
export async function currentUserSid(client: ClusterClient): Promise<string> {
  const me = await client.v1.principals.getSessionUser();
  if (!me.sid) throw new Error('the cluster named no SID for the session user');
  return me.sid;
}
