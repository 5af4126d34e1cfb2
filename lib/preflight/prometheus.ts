// Prometheus text exposition, parsed (pure): enough for the gauges preflight reads.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    labels[m[1] as string] = (m[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (re.lastIndex >= text.length) break;
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

/** Every sample line (comments and blank lines skipped; lines that do not parse are skipped too). */
export function parsePrometheusText(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/.exec(line);
    if (!m) continue;
    const value = parseValue(m[3] as string);
    if (Number.isNaN(value) && m[3] !== 'NaN') continue;
    out.push({ name: m[1] as string, labels: m[2] ? parseLabels(m[2]) : {}, value });
  }
  return out;
}

export interface GateMetric {
  enabled: boolean;
  /** ALPHA, BETA, DEPRECATED, or "" (GA). */
  stage: string;
  value: number;
}

/** `kubernetes_feature_enabled{name="X",stage="S"} 1|0` by gate name. */
export function featureGatesFromMetrics(samples: Sample[]): Map<string, GateMetric> {
  const gates = new Map<string, GateMetric>();
  for (const s of samples) {
    if (s.name !== 'kubernetes_feature_enabled' || !s.labels.name) continue;
    gates.set(s.labels.name, { enabled: s.value === 1, stage: s.labels.stage ?? '', value: s.value });
  }
  return gates;
}

/** kubelet_cgroup_version: 1, 2, or undefined (not reported). */
export function cgroupVersionFromMetrics(samples: Sample[]): number | undefined {
  return samples.find((s) => s.name === 'kubelet_cgroup_version')?.value;
}
