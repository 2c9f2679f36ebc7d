export { buildApp, V1_PREFIX, V2_PREFIX } from './app.js';
export { printBanner } from './banner.js';
export {
  ConfigError,
  loadConfig,
  resolveConfig,
  type ServerConfig,
  type ServerFlags,
  type ServerOption,
  serverOptions,
} from './config.js';
export { runServer } from './run-server.js';
export { type RunningServer, type StartOptions, startServer } from './server.js';
