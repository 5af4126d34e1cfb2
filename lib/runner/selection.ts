// Which scenarios run on a cluster, and why the others are skipped. Pure: decided from the suite, the
// profile's resolved gates and the Kubernetes version, before anything touches a cluster.
import { inRange } from '../k8s-version.js';
import type { LoadedScenario } from '../suite/index.js';

export type ScenarioRole =
  /** Run and judged as written. */
  | { kind: 'run' }
  /** Gate-off control: run although its gate requirement is not met; it passes only if it fails for the gate. */
  | { kind: 'control'; gates: string[] }
  | { kind: 'skip'; reason: string };

export interface SelectionInput {
  kubernetesVersion: string;
  /** Effective gate states on the API server (and every node) of the profile. */
  gates: Record<string, boolean>;
  grep?: RegExp;
  control: boolean;
}

export function selectScenario(s: LoadedScenario, input: SelectionInput): ScenarioRole {
  const title = `${s.suiteName} ${s.scenario.id ?? ''} ${s.scenario.name}`;
  if (input.grep && !input.grep.test(title)) return { kind: 'skip', reason: `does not match --grep ${input.grep.source}` };
  for (const range of s.scenario.requires?.versions ?? []) {
    if (!inRange(input.kubernetesVersion, range)) {
      return { kind: 'skip', reason: `requires Kubernetes ${range}; cluster is ${input.kubernetesVersion}` };
    }
  }
  const unmet = Object.entries(s.scenario.requires?.gates ?? {}).filter(
    ([gate, wanted]) => (input.gates[gate] ?? false) !== wanted,
  );
  if (unmet.length === 0) return { kind: 'run' };
  const words = unmet.map(([g, wanted]) => `${g}=${wanted}`).join(', ');
  // In a control run, scenarios that need a gate ON are run against the gate-OFF cluster on purpose.
  if (input.control && unmet.every(([, wanted]) => wanted)) return { kind: 'control', gates: unmet.map(([g]) => g) };
  return { kind: 'skip', reason: `requires ${words}; the profile has ${unmet.map(([g]) => `${g}=${input.gates[g] ?? false}`).join(', ')}` };
}
