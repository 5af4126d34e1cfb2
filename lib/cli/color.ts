// Colour on the console, by the conventions of https://no-color.org and most CLIs: never with --no-color
// or a non-empty NO_COLOR, never when the stream is not a terminal (a file, a pipe, most CI logs) or
// TERM=dumb; FORCE_COLOR (not "0") asks for it anyway, for CI logs that render it.

export interface ColorFacts {
  argv: string[];
  env: { NO_COLOR?: string | undefined; FORCE_COLOR?: string | undefined; TERM?: string | undefined };
  isTTY: boolean;
}

export function colorWanted({ argv, env, isTTY }: ColorFacts): boolean {
  const dashes = argv.indexOf('--');
  if ((dashes === -1 ? argv : argv.slice(0, dashes)).includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
}

/** SGR colours when `on`, the text unchanged otherwise. */
export function paint(on: boolean): Paint {
  const sgr = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), bold: sgr(1, 22) };
}
