// How flis reports what went wrong, on stderr:
//
//   flis: error: roster.csv:3: unknown municipality: "Odens" is not a Danish municipality
//       3 | Odens;2024-01-01;;;
//         | ^^^^^
//     Did you mean Odense (461)?

import type { FlisError, InputProblem } from '../errors.js';
import { InputError, MAX_PROBLEMS } from '../errors.js';

export interface Painter {
  readonly error: (text: string) => string;
  readonly dim: (text: string) => string;
}

const PLAIN: Painter = { error: (t) => t, dim: (t) => t };

function where(problem: InputProblem): string {
  return problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
}

export function renderProblem(problem: InputProblem, paint: Painter = PLAIN, label = 'error'): string {
  const lines = [`${paint.error(`flis: ${label}:`)} ${where(problem)}: ${problem.message}`];
  if (problem.excerpt !== undefined && problem.line !== undefined) {
    const gutter = String(problem.line);
    const excerpt = problem.excerpt.replace(/\t/g, ' ');
    lines.push(`  ${paint.dim(`${gutter} |`)} ${excerpt}`);
    const at = problem.culprit ? excerpt.indexOf(problem.culprit) : -1;
    if (at !== -1) {
      const marker = `${' '.repeat([...excerpt.slice(0, at)].length)}${'^'.repeat(Math.max(1, [...problem.culprit!].length))}`;
      lines.push(`  ${paint.dim(`${' '.repeat(gutter.length)} |`)} ${paint.error(marker)}`);
    }
  }
  if (problem.hint) lines.push(`  ${problem.hint}`);
  return lines.join('\n');
}

export function renderError(error: FlisError, paint: Painter = PLAIN): string {
  if (error instanceof InputError) {
    const blocks = error.problems.map((p) => renderProblem(p, paint));
    const count = error.problems.length;
    const tail = count > 1 ? `\nflis: ${count} problems${count >= MAX_PROBLEMS ? ` (the first ${MAX_PROBLEMS})` : ''}; nothing was written.` : '';
    return `${blocks.join('\n\n')}${tail}\n`;
  }
  return `${paint.error('flis: error:')} ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`;
}
