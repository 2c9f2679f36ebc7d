import type { CommandNode } from './command-tree.js';

const key = (path: string[]) => path.join(':');

/** bash: the deepest known command among the words typed so far picks the candidates. */
export function bashScript(nodes: CommandNode[]): string {
  const cases = nodes
    .map((node) => `    '${key(node.path)}') words='${[...node.subcommands, ...node.options].join(' ')}' ;;`)
    .join('\n');
  return `# cohesity completion for bash: source <(cohesity completion bash)
_cohesity() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" candidate words="" i
  local known=' ${nodes.map((node) => key(node.path)).join(' ')} '
  for ((i = 1; i < COMP_CWORD; i++)); do
    candidate="\${path:+$path:}\${COMP_WORDS[i]}"
    [[ "$known" == *" $candidate "* ]] && path="$candidate"
  done
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _cohesity cohesity
`;
}

/** zsh: the bash function through zsh's bashcompinit. */
export function zshScript(nodes: CommandNode[]): string {
  return `# cohesity completion for zsh: source <(cohesity completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashScript(nodes).replace(/^# cohesity completion for bash.*\n/, '')}`;
}

/** fish: one `complete` line per subcommand and option, conditioned on the words typed so far. */
export function fishScript(nodes: CommandNode[]): string {
  const lines = ['# cohesity completion for fish: cohesity completion fish | source', 'complete -c cohesity -f'];
  for (const node of nodes) {
    const condition =
      node.path.length === 0
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${node.path.at(-1)}${node.path.length > 1 ? `; and __fish_seen_subcommand_from ${node.path[0]}` : ''}`;
    for (const sub of node.subcommands) lines.push(`complete -c cohesity -n '${condition}' -a ${sub}`);
    for (const option of node.options) lines.push(`complete -c cohesity -n '${condition}' -l ${option.slice(2)}`);
  }
  return `${lines.join('\n')}\n`;
}
