/** A setting that cannot be used; `main` prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
