import type { ClusterClient, SessionUserV1 } from 'cohesity-sdk';

/** The SID of whoever the client authenticates as (token or API key). */
export async function currentUserSid(client: ClusterClient): Promise<string> {
  const me = await client.request<SessionUserV1>('GET', '/irisservices/api/v1/public/sessionUser');
  return me.sid;
}
