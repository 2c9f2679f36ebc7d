// @ts-check
import { spawn } from 'node:child_process';

/**
 * Runs `node script '<options JSON>'` and parses the JSON it prints on stdout; fails with
 * its stderr when it exits non-zero.
 * @param {string} script
 * @param {unknown} options
 * @returns {Promise<unknown>}
 */
export async function runJsonChild(script, options) {
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
    stderr += chunk.toString();
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} failed (${code}):\n${stderr}`);
  return JSON.parse(stdout);
}
