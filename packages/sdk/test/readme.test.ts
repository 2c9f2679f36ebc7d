import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApiKey } from './helpers/api-key.js';
import { ADMIN_PASSWORD, startTestCluster, type TestCluster } from './helpers/test-cluster.js';

const run = promisify(execFile);
const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

let cluster: TestCluster;
let env: Record<string, string>;
beforeAll(async () => {
  // With fault injection, for the cohesity-sdk/testing example.
  cluster = await startTestCluster({ faults: true });
  const apiKey = await createAdminApiKey(cluster.server);
  env = {
    COHESITY_CLUSTER: new URL(cluster.server.url).host,
    COHESITY_PASSWORD: ADMIN_PASSWORD,
    COHESITY_API_KEY: apiKey,
    COHESITY_CA_FILE: join(cluster.server.dataDir, 'tls-cert.pem'),
    COHESITY_FINGERPRINT: cluster.server.server.fingerprint256 ?? '',
  };
});
afterAll(() => cluster.close());

describe('README examples', () => {
  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it('has examples that type-check against the built package, strictly', () => {
    // Each example as a module beside this file, so that `cohesity-sdk` resolves as for a user.
    const files = new Map(examples.map((code, i) => [join(import.meta.dirname, `readme-example-${i + 1}.mts`), code]));
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    };
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (name) => files.has(name) || fileExists(name);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    host.getSourceFile = (name, version, ...rest) => {
      const code = files.get(name);
      return code === undefined ? getSourceFile(name, version, ...rest) : ts.createSourceFile(name, code, version);
    };
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName.split('/').at(-1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(problems).toEqual([]);
  }, 120_000);

  it.each(examples.map((code, index) => [index + 1, code] as const))(
    'example %i runs against the server',
    async (_n, code) => {
      const js = ts.transpileModule(code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      // Run from this folder so that `cohesity-sdk` resolves to the built package.
      const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', js], {
        cwd: import.meta.dirname,
        env: { ...process.env, ...env },
        timeout: 20_000,
      });
      expect(stdout.length).toBeGreaterThan(0);
      expect(stdout).not.toContain('false');
      for (const secret of [env.COHESITY_PASSWORD, env.COHESITY_API_KEY, 'eyJ']) {
        expect(`${stdout}${stderr}`).not.toContain(secret);
      }
    },
  );
});
