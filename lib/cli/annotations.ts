// GitHub Actions workflow commands for input problems: `::error file=F,line=L,col=C,title=T::message`,
// which the job page shows on the line of the file (and in a pull request's diff). Escaping as the
// runner's own toolkit does (@actions/core command.ts): data escapes %, CR and LF; properties also : and ,.
import path from 'node:path';
import type { InputProblem } from '../errors.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line for a problem; the file relative to `cwd` (the workspace) when it lies inside it. */
export function githubAnnotation(level: 'error' | 'warning', p: InputProblem, cwd: string = process.cwd()): string {
  const relative = path.isAbsolute(p.file) ? path.relative(cwd, p.file) : p.file;
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? p.file : relative.split(path.sep).join('/');
  const props = [`file=${escapeProperty(file)}`];
  if (p.line > 0) props.push(`line=${p.line}`, `col=${Math.max(1, p.column)}`);
  props.push(`title=${escapeProperty(`inplace-e2e validate: ${p.path || '/'}`)}`);
  return `::${level} ${props.join(',')}::${escapeData(`found ${p.found}; expected ${p.expected}`)}`;
}
