// One image's certification, as a value: its version, the verdicts of the catalogue, the control and
// upstream, the pass/fail decision with its reasons, and, apart from it, the differences from the
// reference of its minor. `decide` is pure.
import type { ImageVersion } from './image-version.js';
import type { ImageFacts, NodeFacts } from './node-facts.js';
import type { Agreement, Difference, ImageVerdicts, RunFacts } from './types.js';

export interface CertifiedImage {
  image: string;
  slug: string;
  version: ImageVersion;
  imageFacts: ImageFacts;
  verdicts: ImageVerdicts;
  /** Pass/fail: every run green (catalogue, gate-off control, upstream when run). */
  certified: boolean;
  /** Why not, one line each (empty when certified). */
  reasons: string[];
  /** The reference compared with, or why none was. */
  reference: { file: string; minor: string; image: string; generatedAt: string } | { missing: string };
  differences: Difference[];
  agreement: Agreement[];
  nodeFacts: NodeFacts[];
}

function runReasons(label: string, r: RunFacts): string[] {
  if (r.end === 'passed') return [];
  const out: string[] = [];
  if (r.error) out.push(`${label}: ${r.error}`);
  for (const s of r.scenarios) {
    if (s.status !== 'failed') continue;
    const failed = Object.entries(s.checks)
      .filter(([, c]) => !c.passed && !c.soft)
      .map(([name, c]) => `${name}: ${c.observed.length > 120 ? `${c.observed.slice(0, 119)}…` : c.observed}`);
    out.push(
      `${label}: ${s.id ?? s.suite + '/' + s.scenario} ${s.scenario} failed${failed.length ? ` (${failed.slice(0, 3).join('; ')}${failed.length > 3 ? `; +${failed.length - 3} more` : ''})` : ''}`,
    );
  }
  if (out.length === 0) out.push(`${label}: ended ${r.end}`);
  return out;
}

/** Whether the image is certified, and every reason it is not. */
export function decide(v: ImageVerdicts): { certified: boolean; reasons: string[] } {
  const reasons = [...runReasons('catalogue', v.harness), ...runReasons('gate-off control', v.control)];
  if (v.upstream) {
    if (v.upstream.error) reasons.push(`upstream e2e.test: ${v.upstream.error}`);
    for (const s of v.upstream.specs)
      if (s.state !== 'passed' && s.state !== 'skipped') reasons.push(`upstream e2e.test: ${s.state}: ${s.name}`);
  }
  return { certified: reasons.length === 0, reasons };
}
