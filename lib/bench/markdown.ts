// The benchmark report as Markdown: a heading with what ran where, every table, and the notes.
import { benchTables, type Table } from './tables.js';
import type { BenchReport } from './types.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(t: Table): string {
  const lines = [
    `### ${t.title}`,
    '',
    `| ${t.header.map(cell).join(' | ')} |`,
    `|${t.header.map(() => ' --- ').join('|')}|`,
  ];
  for (const row of t.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

export function benchMarkdown(reports: readonly BenchReport[]): string {
  const out = ['# inplace-e2e bench', ''];
  for (const r of reports) {
    out.push(
      `- **${r.cluster.kubernetesVersion}** on ${r.cluster.created ? 'kind cluster' : 'existing cluster'} \`${r.cluster.name}\`` +
        `${r.cluster.profile ? ` (profile ${r.cluster.profile})` : ''}, ${r.cluster.nodes.length} node(s)` +
        `${r.cluster.nodeImage ? `, image \`${r.cluster.nodeImage}\`` : ''}; host ${r.host.cpus} CPU(s), ${r.host.memoryGiB} GiB${r.host.loadAverage ? `, load ${r.host.loadAverage.start.toFixed(1)} → ${r.host.loadAverage.end.toFixed(1)}` : ''}; ${r.startedAt} → ${r.finishedAt}`,
    );
  }
  for (const t of benchTables(reports)) out.push('', markdownTable(t));
  const notes = reports.flatMap((r) =>
    r.notes.map((n) => (reports.length > 1 ? `${r.cluster.kubernetesVersion}: ${n}` : n)),
  );
  if (notes.length) out.push('', '### Notes', '', ...notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
