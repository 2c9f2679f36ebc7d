import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../src/index.js';
import { type FakeCluster, json, type ReceivedRequest, startFakeCluster } from '../helpers/fake-cluster.js';

// The generated methods on the wire, against a small local HTTPS server that answers what
// each case needs and records what it received.
const BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
let fake: FakeCluster;
let client: ClusterClient;

beforeAll(async () => {
  fake = await startFakeCluster(
    (_i, _request, response, received) => {
      const path = received.path.split('?')[0] ?? '';
      if (path === '/v2/idps/login') {
        response.writeHead(302, { location: 'https://idp.example/sso' }).end();
      } else if (path.endsWith('/agents/download')) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BYTES);
      } else if (received.method === 'DELETE') {
        response.writeHead(204).end();
      } else if (path === '/v2/access-tokens') {
        json(response, 201, { accessToken: 'a.b.c', tokenType: 'Bearer', privileges: [] });
      } else {
        json(response, 200, { echo: path });
      }
    },
    { https: true },
  );
  client = new ClusterClient({ clusterVip: fake.url, apiKey: 'wire-key', tls: { ca: fake.ca } });
});
afterAll(async () => {
  await client.close();
  await fake.close();
});

const last = (): ReceivedRequest => {
  const request = fake.requests.at(-1);
  if (!request) throw new Error('no request');
  return request;
};
const queryOf = (request: ReceivedRequest) => new URL(request.path, 'https://x').searchParams;

describe('generated methods on the wire', () => {
  it('sends query arrays as csv, scalars as text, and leaves out what is undefined', async () => {
    await client.protectionGroup.getProtectionGroups({
      names: ['daily', 'weekly'],
      isDeleted: false,
      sourceIds: [1, 2],
    });
    const request = last();
    expect(request.path.split('?')[0]).toBe('/v2/data-protect/protection-groups');
    expect(Object.fromEntries(queryOf(request))).toEqual({
      names: 'daily,weekly',
      isDeleted: 'false',
      sourceIds: '1,2',
    });
  });

  it('encodes path parameters, so an id cannot reach another path', async () => {
    await client.protectionGroup.getProtectionGroupRun({ id: 'a/b c', runId: '1:2?x' });
    expect(last().path).toBe('/v2/data-protect/protection-groups/a%2Fb%20c/runs/1%3A2%3Fx');
  });

  it('sends header parameters as headers, not in the query, and credentials beside them', async () => {
    await client.protectionGroup.getProtectionGroupById({ id: '7', requestInitiatorType: 'UIUser' });
    const request = last();
    expect(request.headers.requestinitiatortype).toBe('UIUser');
    expect(request.headers.apikey).toBe('wire-key');
    expect(request.path).toBe('/v2/data-protect/protection-groups/7');
  });

  it('sends no body and no content-type on bodiless calls, and JSON where there is a body', async () => {
    await client.platform.getCluster();
    expect(last().body.length).toBe(0);
    expect(last().headers['content-type']).toBeUndefined();
    await client.protectionGroup.createProtectionGroupRun({ id: '7', body: { runType: 'kRegular' } });
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body.toString())).toEqual({ runType: 'kRegular' });
  });

  it('passes the body itself to an operation that takes nothing else', async () => {
    await client.security.updateSecurityConfig({ authTokenTimeoutMinutes: 60 });
    expect(last()).toMatchObject({ method: 'PUT', path: '/v2/security-config' });
    expect(JSON.parse(last().body.toString())).toEqual({ authTokenTimeoutMinutes: 60 });
  });

  it('resolves a 204 to undefined', async () => {
    await expect(client.protectionGroup.deleteProtectionGroup({ id: '7' })).resolves.toBeUndefined();
    expect(last().method).toBe('DELETE');
  });

  it('resolves a binary download to its bytes', async () => {
    const bytes = await client.agent.downloadAgent({ platform: 'kLinux' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([...BYTES]);
  });

  it('uploads multipart form data: file parts and text parts', async () => {
    const patch = new Blob([BYTES], { type: 'application/x-tar' });
    await client.patchManagement.importPatches({ fileName: 'p.tar', checksum: 'abc', patch });
    const request = last();
    const form = await new Response(request.body, {
      headers: { 'content-type': String(request.headers['content-type']) },
    }).formData();
    expect(form.get('fileName')).toBe('p.tar');
    expect(form.get('checksum')).toBe('abc');
    const file = form.get('patch');
    expect(file).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (file as Blob).arrayBuffer())]).toEqual([...BYTES]);
  });

  it('reaches v1 under /irisservices/api/v1, csv arrays included', async () => {
    await client.v1.protectionJobs.getProtectionJobs({ ids: [1, 2], isDeleted: true });
    const request = last();
    expect(request.path.split('?')[0]).toBe('/irisservices/api/v1/public/protectionJobs');
    expect(queryOf(request).get('ids')).toBe('1,2');
  });

  it('logs in without sending credentials, with LOCAL as the default domain', async () => {
    const { status, body } = await client.accessToken.createAccessToken(
      { username: 'admin', password: 'pw' },
      { withResponse: true },
    );
    expect(status).toBe(201);
    expect(body.accessToken).toBe('a.b.c');
    expect(last().headers.apikey).toBeUndefined();
    expect(JSON.parse(last().body.toString())).toEqual({ username: 'admin', password: 'pw', domain: 'LOCAL' });
  });

  it('answers a documented redirect (a web login’s 302) instead of failing on it', async () => {
    const { status, headers, body } = await client.identityProvider.idpsLogin({}, { withResponse: true });
    expect(status).toBe(302);
    expect(headers.get('location')).toBe('https://idp.example/sso');
    expect(body).toBeUndefined();
  });

  it('rejects an operation the documents do not have, at the call', async () => {
    const group = client.protectionGroup as unknown as Record<string, () => Promise<unknown>>;
    await expect(group.noSuchOperation?.()).rejects.toThrow('protectionGroup.noSuchOperation is not an operation');
  });
});
