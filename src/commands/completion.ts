// flis completion bash|zsh: a completion script for the shell, made from the program itself (cli.ts), so that it
// cannot drift from the commands and options flis has: their names, what each option's value is (one of a fixed
// set, a file, a folder, or something flis cannot guess: nothing is offered), and each command's argument.

import { Argument, type Command, Option } from 'commander';
import { COMPLETION_VALUES } from '../cli.js';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

/** What is offered for a value. */
type Completion = { readonly values: readonly string[] } | 'files' | 'folders' | 'nothing';

interface OptionSpec {
  /** -h and --help, or --period alone. */
  readonly names: readonly string[];
  readonly description: string;
  /** Undefined for a flag that takes no value. */
  readonly value?: Completion;
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** What each argument (in order) takes. */
  readonly arguments: readonly Completion[];
}

/** A name or value as it is written into a script: nothing a shell would read as more than a word. */
const WORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$|^--?[A-Za-z0-9][A-Za-z0-9-]*$/;

function word(text: string): string {
  if (!WORD.test(text)) throw new Error(`flis completion: "${text}" is not a plain word`);
  return text;
}

function completionOf(item: Option | Argument, commandNames: readonly string[]): Completion {
  const values = COMPLETION_VALUES.get(item);
  if (values) return { values: values.map(word) };
  const placeholder = item instanceof Option ? (/<(\w+)>|\[(\w+)\]/.exec(item.flags)?.slice(1).find(Boolean) ?? '') : item.name();
  if (placeholder === 'file') return 'files';
  if (placeholder === 'dir') return 'folders';
  // `flis help COMMAND`
  if (item instanceof Argument && placeholder === 'command') return { values: commandNames };
  return 'nothing';
}

function optionsOf(command: Command, commandNames: readonly string[]): OptionSpec[] {
  return command
    .createHelp()
    .visibleOptions(command)
    .map((option) => ({
      names: [option.short, option.long].filter((n): n is string => n !== undefined).map(word),
      description: option.description,
      ...(option.required || option.optional ? { value: completionOf(option, commandNames) } : {}),
    }));
}

/** The program's commands (help's own among them), their options and arguments, as the program declares them. */
export function commandSpecs(program: Command): { options: OptionSpec[]; commands: CommandSpec[] } {
  const commands = program.createHelp().visibleCommands(program);
  const names = commands.map((c) => word(c.name()));
  return {
    options: optionsOf(program, names),
    commands: commands.map((command) => ({
      name: word(command.name()),
      description: command.description(),
      options: optionsOf(command, names),
      arguments: command.registeredArguments.map((argument) => completionOf(argument, names)),
    })),
  };
}

// bash ---------------------------------------------------------------------------------------------------------

function bashOffer(completion: Completion): string {
  if (completion === 'files') return '_flis_reply -f';
  if (completion === 'folders') return '_flis_reply -d';
  if (completion === 'nothing') return 'COMPREPLY=()';
  return `_flis_reply -W '${completion.values.join(' ')}'`;
}

function bashCommand(command: CommandSpec): string {
  const valued = command.options.filter((o) => o.value !== undefined);
  const cases = valued.map((o) => `        ${o.names.join('|')}) ${bashOffer(o.value!)}; return ;;`);
  const names = command.options.flatMap((o) => o.names).join(' ');
  const valuedNames = valued.flatMap((o) => o.names).join(' ');
  const argumentCases = command.arguments.map((a, i) => `          ${i}) ${bashOffer(a)}; return ;;`);
  return [
    `    ${command.name})`,
    ...(cases.length > 0 ? ['      case $prev in', ...cases, '      esac'] : []),
    ...(argumentCases.length > 0
      ? [
          `      if [[ $cur != -* ]]; then`,
          `        case $(_flis_arguments "$at" '${valuedNames}') in`,
          ...argumentCases,
          '        esac',
          '      fi',
        ]
      : []),
    `      _flis_reply -W '${names}'`,
    '      ;;',
  ].join('\n');
}

export function bashScript(program: Command, version: string): string {
  const spec = commandSpecs(program);
  return `# bash completion for flis ${version}, made by \`flis completion bash\` from flis's own commands and options.
# For this shell:  source <(flis completion bash)
# For good:        flis completion bash > ~/.local/share/bash-completion/completions/flis

# The words that complete the current one ($cur), one to a line (file names with spaces stay whole).
_flis_reply() {
  case $1 in -f | -d) compopt -o filenames 2>/dev/null ;; esac
  mapfile -t COMPREPLY < <(compgen "$@" -- "$cur")
}

# How many arguments (not options, nor their values) follow the command at word $1; $2: its options that take a value.
_flis_arguments() {
  local n=0 i
  for (( i = $1 + 1; i < COMP_CWORD; i++ )); do
    case \${COMP_WORDS[i]} in
      -*) if [[ " $2 " == *" \${COMP_WORDS[i]} "* ]]; then
            if [[ \${COMP_WORDS[i+1]} == = ]]; then (( i += 2 )); else (( i += 1 )); fi
          elif [[ \${COMP_WORDS[i+1]} == = ]]; then (( i += 2 ))
          fi ;;
      *) (( n++ )) ;;
    esac
  done
  echo "$n"
}

_flis() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev= command= at= i
  (( COMP_CWORD > 0 )) && prev=\${COMP_WORDS[COMP_CWORD-1]}
  # --option=value: bash splits the word at the =
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case \${COMP_WORDS[i]} in -* | =) ;; *) command=\${COMP_WORDS[i]} at=$i; break ;; esac
  done
  case $command in
    '')
      if [[ $cur == -* ]]; then _flis_reply -W '${spec.options.flatMap((o) => o.names).join(' ')}'; else _flis_reply -W '${spec.commands.map((c) => c.name).join(' ')}'; fi
      ;;
${spec.commands.map(bashCommand).join('\n')}
  esac
}

complete -F _flis flis
`;
}

// zsh ----------------------------------------------------------------------------------------------------------

/** Text inside '…' for zsh's _arguments and _describe: no quote, and [ ] : \ escaped. */
function zshText(text: string): string {
  return text.replace(/[\\[\]:]/g, (c) => `\\${c}`).replace(/'/g, `'\\''`);
}

function zshAction(completion: Completion): string {
  if (completion === 'files') return '_files';
  if (completion === 'folders') return '_files -/';
  if (completion === 'nothing') return ' ';
  return `(${completion.values.join(' ')})`;
}

function zshOption(option: OptionSpec): string[] {
  const exclusive = option.names.length > 1 ? `(${option.names.join(' ')})` : '';
  return option.names.map((name) => {
    const value = option.value === undefined ? '' : `${name.startsWith('--') ? '=' : ''}`;
    const action = option.value === undefined ? '' : `:${name.replace(/^-+/, '')}:${zshAction(option.value)}`;
    return `'${exclusive}${name}${value}[${zshText(option.description)}]${action}'`;
  });
}

function zshCommand(command: CommandSpec): string {
  const specs = [
    ...command.options.flatMap(zshOption),
    ...command.arguments.map((a, i) => `'${i + 1}:argument:${zshAction(a)}'`),
  ];
  return [`        ${command.name})`, `          _arguments -s -S \\`, ...specs.map((s, i) => `            ${s}${i < specs.length - 1 ? ' \\' : ''}`), '          ;;'].join('\n');
}

export function zshScript(program: Command, version: string): string {
  const spec = commandSpecs(program);
  return `#compdef flis
# zsh completion for flis ${version}, made by \`flis completion zsh\` from flis's own commands and options.
# For this shell (after compinit):  source <(flis completion zsh)
# For good: save it as _flis in a folder of $fpath, before compinit runs.

_flis() {
  local curcontext=$curcontext state line ret=1
  local -a commands
  commands=(
${spec.commands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join('\n')}
  )
  _arguments -C \\
${spec.options.flatMap(zshOption).map((s) => `    ${s} \\`).join('\n')}
    '1:command:->command' \\
    '*::argument:->argument' && ret=0
  case $state in
    command) _describe -t commands 'flis command' commands && ret=0 ;;
    argument)
      curcontext=\${curcontext%:*:*}:flis-$line[1]:
      case $line[1] in
${spec.commands.map(zshCommand).join('\n')}
      esac && ret=0
      ;;
  esac
  return ret
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _flis "$@"
else
  compdef _flis flis
fi
`;
}

export const SHELLS = { bash: bashScript, zsh: zshScript } as const;

export function completionCommand(shell: string, program: Command, context: CommandContext): number {
  const wanted = shell.trim().toLowerCase();
  if (!(wanted in SHELLS)) throw new UsageError(`flis completion: unknown shell "${shell}"`, `flis writes completion for ${Object.keys(SHELLS).join(' and ')}.`);
  context.stdout.write(SHELLS[wanted as keyof typeof SHELLS](program, context.version));
  return 0;
}
