// Evidence as collected (structured) → evidence as reported (text a person reads in a report).
import type { Evidence } from '../evidence/collect.js';
import type { EvidenceBundle } from '../report/types.js';

export function evidenceBundle(e: Evidence): EvidenceBundle {
  const bundle: EvidenceBundle = {
    events: e.events
      .map(
        (ev) =>
          `${ev.lastTimestamp ?? ev.firstTimestamp ?? new Date(ev.at).toISOString()} ${ev.type} ${ev.reason} ${ev.fieldPath ?? ''} x${ev.count}: ${ev.message}`,
      )
      .join('\n'),
    logs: e.logs.map((l) => ({
      container: l.container,
      previous: l.previous,
      text: l.error ? `(${l.error}) ${l.text}` : l.text,
    })),
  };
  if (e.journalFile)
    bundle.journalFile = `${e.journalFile.path} (read in ${e.journalFile.container}):\n${e.journalFile.text}`;
  if (e.kubeletJournal) {
    const k = e.kubeletJournal;
    bundle.kubeletJournal = `node ${k.node}, last ${k.sinceSeconds}s, ${k.lines.length} of ${k.totalLines} lines (${k.filter}):\n${k.lines.join('\n')}`;
  }
  if (e.crictl) {
    const c = e.crictl;
    bundle.crictl = [
      `node ${c.node}`,
      ...c.sandboxes.map((s) => `sandbox ${JSON.stringify(s)}`),
      ...c.containers.map((x) => `container ${JSON.stringify(x)}`),
    ].join('\n');
  }
  if (e.errors.length > 0) bundle.errors = e.errors.map((x) => `${x.what}: ${x.error}`);
  return bundle;
}
