import { Argument, Command } from 'commander';
import { commandTree } from '../completion/command-tree.js';
import { bashScript, fishScript, zshScript } from '../completion/scripts.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

function completion(shell: keyof typeof SCRIPTS, _options: object, command: Command): void {
  const root = command.parent ?? command;
  process.stdout.write(SCRIPTS[shell](commandTree(root)));
}

export function completionCommand(): Command {
  return new Command('completion')
    .description('Print a shell completion script (commands, subcommands and options)')
    .addArgument(new Argument('<shell>').choices(Object.keys(SCRIPTS)))
    .addHelpText(
      'after',
      `
Examples:
  $ source <(cohesity completion bash)                       # now; add it to ~/.bashrc to keep it
  $ source <(cohesity completion zsh)                        # in ~/.zshrc
  $ cohesity completion fish > ~/.config/fish/completions/cohesity.fish`,
    )
    .action(completion);
}
