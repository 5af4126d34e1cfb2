// The journal convention (suites/pods/base.yaml): every container appends "<epoch> <name> netns=<ns>" to a file in a
// shared emptyDir when it starts. Line order is the authoritative start order (appends are sequential);
// the epoch has one-second resolution, so it is evidence, not an ordering key.
import type { JournalLine } from './types.js';

const LINE = /^(\d+)\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\s+netns=(\S+))?/;

export function parseJournal(text: string): JournalLine[] {
  const lines: JournalLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const m = LINE.exec(raw.trim());
    // Lines that do not follow the convention are kept (as container "?") so a count never silently shrinks.
    lines.push({
      index: lines.length,
      epochSeconds: m ? Number(m[1]) : 0,
      container: m ? (m[2] as string) : '?',
      ...(m?.[4] ? { netns: m[4] } : {}),
      raw,
    });
  }
  return lines;
}
