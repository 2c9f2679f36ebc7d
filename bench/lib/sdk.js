// @ts-check
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child.js';

const DRIVER = fileURLToPath(new URL('./sdk-driver.js', import.meta.url));

/**
 * Runs the SDK driver in a child process and parses what it prints.
 * @template T
 * @param {import('./sdk-driver.js').DriverOptions} options
 * @returns {Promise<T>}
 */
export async function runDriver(options) {
  return /** @type {T} */ (await runJsonChild(DRIVER, options));
}
