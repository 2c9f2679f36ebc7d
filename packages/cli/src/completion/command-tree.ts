import type { Command } from 'commander';

/** One command's place in the tree: its words from the root, its subcommands and its long options. */
export interface CommandNode {
  path: string[];
  subcommands: string[];
  options: string[];
}

/** Every command, root first, read from commander's own tree so completion never drifts. */
export function commandTree(root: Command): CommandNode[] {
  const nodes: CommandNode[] = [];
  const globals = root.options.map((option) => option.long).filter((long): long is string => Boolean(long));
  const walk = (command: Command, path: string[]) => {
    const own = command.options.map((option) => option.long).filter((long): long is string => Boolean(long));
    nodes.push({
      path,
      subcommands: command.commands.map((sub) => sub.name()),
      options: [...new Set([...own, ...globals, '--help'])],
    });
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(root, []);
  return nodes;
}
