import type { Command } from 'commander';
import type { GlobalOptions } from '../../global-options.js';
import { note, printJson, printRecord } from '../../output.js';
import { withClient } from '../../with-client.js';

const FAULTS = '/_stand-in/faults';

/** One call to the stand-in's faults API with the profile's login, printed as JSON or a record. */
export async function faultsRequest(
  command: Command,
  method: string,
  path: string,
  body: unknown,
  done: string,
): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const result = await withClient(globals, (client) =>
    client.request<object | undefined>(method, `${FAULTS}${path}`, body === undefined ? {} : { body }),
  );
  if (globals.json) printJson(result ?? {});
  else {
    note(done);
    if (result) printRecord(result);
  }
}
