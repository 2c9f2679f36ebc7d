// @ts-check

/**
 * Prints the banner the bench waits for (`listening on <url>`) once `server` listens, and
 * closes it (connections included) on SIGTERM: what every baseline server does the same way.
 * @param {import('node:http').Server} server
 * @param {boolean} secure
 */
export function announceAndStopOnSigterm(server, secure) {
  const banner = () => {
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    process.stderr.write(`listening on ${secure ? 'https' : 'http'}://127.0.0.1:${address.port}\n`);
  };
  if (server.listening) banner();
  else server.once('listening', banner);
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
