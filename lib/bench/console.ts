// Plain-text tables for the terminal: columns padded to their widest cell.
import type { Table } from './tables.js';

export function formatTable(t: Table): string {
  const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [t.title, line(t.header), ...t.rows.map(line)].join('\n');
}
