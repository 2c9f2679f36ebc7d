import { type Command, Option } from 'commander';

export interface ScopeOptions {
  user?: string;
  credential?: string;
  route?: string;
  method?: string;
}

/** --user, --credential, --route and --method, shared by the commands that take a scope. */
export function withScopeOptions(command: Command, routes = true): Command {
  command
    .option('--user <user>', "a user's SID, name (domain LOCAL) or DOMAIN\\name")
    .option('--credential <secret>', 'one token, session id or API key, as clients send it');
  if (routes) {
    command
      .option('--route <pattern>', 'a route pattern, e.g. /v2/clusters or /v2/users/{sid}')
      .addOption(
        new Option('--method <method>', 'with --route: only this method').choices([
          'GET',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
        ]),
      );
  }
  return command;
}

/** The scope fields of the API body; none given means every request. */
export const scopeOf = ({ user, credential, route, method }: ScopeOptions) =>
  Object.fromEntries(Object.entries({ user, credential, route, method }).filter(([, value]) => value !== undefined));
