// `inplace-e2e completion bash|zsh`: a completion script made from the same table the parser reads
// (COMMAND_OPTIONS), so a new flag completes without touching this file. Profile names and shipped suite
// names are written into the script when it is printed.
import { COMMAND_NAMES, COMMAND_OPTIONS, FLAG_VALUES, SUBCOMMANDS, type Shell } from './args.js';

export interface CompletionWords {
  /** Shipped profile names (--profile also completes YAML files). */
  profiles: string[];
  /** Shipped suite names (positionals also complete files). */
  suites: string[];
}

/** Flags whose value is a file, or a directory. */
const FILE_FLAGS = ['kubeconfig', 'existing-cluster', 'suites'];
const DIR_FLAGS = ['report-dir'];

interface Table {
  commands: string[];
  flags: Record<string, string[]>;
  subcommands: Record<string, string[]>;
  /** Every flag that takes a value, and the words it completes to (empty: nothing to offer). */
  values: Record<string, string[]>;
}

function table(words: CompletionWords): Table {
  const flags: Record<string, string[]> = {};
  const values: Record<string, string[]> = {};
  for (const [command, options] of Object.entries(COMMAND_OPTIONS)) {
    flags[command] = [];
    for (const [name, spec] of Object.entries(options) as Array<[string, { type: string; short?: string }]>) {
      flags[command].push(`--${name}`);
      if (spec.short) flags[command].push(`-${spec.short}`);
      if (spec.type === 'string') {
        values[`--${name}`] = name === 'profile' ? words.profiles : (FLAG_VALUES[name] ?? []);
        if (spec.short) values[`-${spec.short}`] = values[`--${name}`] ?? [];
      }
    }
  }
  const subcommands: Record<string, string[]> = { help: COMMAND_NAMES.filter((c) => c !== 'help' && c !== 'version') };
  for (const [c, subs] of Object.entries(SUBCOMMANDS)) subcommands[c] = subs ?? [];
  return { commands: COMMAND_NAMES, flags, subcommands, values };
}

const q = (words: string[]) => words.join(' ');

export function completionScript(shell: Shell, words: CompletionWords): string {
  return shell === 'bash' ? bashScript(table(words), words) : zshScript(table(words), words);
}

function bashScript(t: Table, words: CompletionWords): string {
  const valueCases = Object.entries(t.values)
    .map(([flag, vs]) => {
      const name = flag.replace(/^-+/, '');
      const files = FILE_FLAGS.includes(name)
        ? ' $(compgen -f -- "$cur")'
        : DIR_FLAGS.includes(name)
          ? ' $(compgen -d -- "$cur")'
          : name === 'profile'
            ? ` $(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur")`
            : '';
      return `    ${flag}) COMPREPLY=( $(compgen -W "${q(vs)}" -- "$cur")${files} ); return 0 ;;`;
    })
    .join('\n');
  const flagCases = Object.entries(t.flags)
    .map(([c, fs]) => `    ${c}) opts="${q(fs)}" ;;`)
    .join('\n');
  const subCases = Object.entries(t.subcommands)
    .map(
      ([c, subs]) =>
        `    ${c}) [ "$COMP_CWORD" -eq 2 ] && { COMPREPLY=( $(compgen -W "${q(subs)}" -- "$cur") ); return 0; } ;;`,
    )
    .join('\n');
  return `# inplace-e2e completion for bash. Load it: source <(inplace-e2e completion bash)
_inplace_e2e() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${q(t.commands)}" -- "$cur") )
    return 0
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$prev" in
${valueCases}
  esac
  case "$cmd" in
${flagCases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return 0
  fi
  case "$cmd" in
${subCases}
  esac
  case "$cmd" in
    run|list|validate|plan) COMPREPLY=( $(compgen -W "${q(words.suites)}" -- "$cur") $(compgen -f -- "$cur") ) ;;
    report-html|bench) COMPREPLY=( $(compgen -f -- "$cur") ) ;;
  esac
  return 0
}
complete -o filenames -F _inplace_e2e inplace-e2e
`;
}

function zshScript(t: Table, words: CompletionWords): string {
  const valueCases = Object.entries(t.values)
    .map(([flag, vs]) => {
      const name = flag.replace(/^-+/, '');
      const files =
        FILE_FLAGS.includes(name) || name === 'profile' ? '; _files' : DIR_FLAGS.includes(name) ? '; _files -/' : '';
      return `    ${flag}) compadd -- ${q(vs)}${files}; return ;;`;
    })
    .join('\n');
  const flagCases = Object.entries(t.flags)
    .map(([c, fs]) => `      ${c}) compadd -- ${q(fs)} ;;`)
    .join('\n');
  const subCases = Object.entries(t.subcommands)
    .map(([c, subs]) => `    ${c}) (( CURRENT == 3 )) && { compadd -- ${q(subs)}; return; } ;;`)
    .join('\n');
  return `#compdef inplace-e2e
# inplace-e2e completion for zsh. Load it: source <(inplace-e2e completion zsh), or save it as _inplace-e2e on $fpath.
_inplace_e2e() {
  local cmd=\${words[2]} prev=\${words[CURRENT-1]}
  if (( CURRENT == 2 )); then
    compadd -- ${q(t.commands)}
    return
  fi
  case $prev in
${valueCases}
  esac
  if [[ $PREFIX == -* ]]; then
    case $cmd in
${flagCases}
    esac
    return
  fi
  case $cmd in
${subCases}
  esac
  case $cmd in
    run|list|validate|plan) compadd -- ${q(words.suites)}; _files ;;
    report-html|bench) _files ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _inplace_e2e "$@"
else
  compdef _inplace_e2e inplace-e2e
fi
`;
}
