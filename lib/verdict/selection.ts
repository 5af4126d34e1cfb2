// Which scenarios run on a cluster, and why the others are skipped; and whether a selection leaves anything
// to run. Pure: decided from the suites, the profile's resolved gates and the Kubernetes version, before
// anything touches a cluster.
import type { InputProblem } from '../errors.js';
import { inRange } from '../k8s-version.js';
import type { LoadedScenario } from '../suite/load.js';

/** What the selection decided for one scenario. */
export type SelectionDecision =
  /** Run and judged as written. */
  | { kind: 'run' }
  /** Control: run although its gate requirement is not met, judged by the control's own expectations (lib/control). */
  | { kind: 'control'; gates: string[] }
  | { kind: 'skip'; reason: string };

export interface SelectionInput {
  kubernetesVersion: string;
  /** Effective gate states on the API server (and every node) of the profile. */
  gates: Record<string, boolean>;
  /** Labels of each node of the profile; unknown (an existing cluster): requires.nodeLabels is not checked. */
  nodeLabels?: Array<Record<string, string>>;
  grep?: RegExp;
  /** Scenarios whose "suite id name" matches are left out (the complement of grep). */
  exclude?: RegExp;
  control: boolean;
}

/** What --grep and --exclude match: "suite id name". */
export function selectionTitle(s: LoadedScenario): string {
  return `${s.suiteName} ${s.scenario.id ?? ''} ${s.scenario.name}`;
}

/** Whether --grep and --exclude leave the scenario in. */
export function matchesNames(s: LoadedScenario, names: { grep?: RegExp; exclude?: RegExp }): boolean {
  const title = selectionTitle(s);
  return (!names.grep || names.grep.test(title)) && !names.exclude?.test(title);
}

export function selectScenario(s: LoadedScenario, input: SelectionInput): SelectionDecision {
  const title = selectionTitle(s);
  if (input.grep && !input.grep.test(title))
    return { kind: 'skip', reason: `does not match --grep ${input.grep.source}` };
  if (input.exclude?.test(title)) return { kind: 'skip', reason: `matches --exclude ${input.exclude.source}` };
  for (const range of s.scenario.requires?.versions ?? []) {
    if (!inRange(input.kubernetesVersion, range)) {
      return { kind: 'skip', reason: `requires Kubernetes ${range}; cluster is ${input.kubernetesVersion}` };
    }
  }
  const labels = s.scenario.requires?.nodeLabels;
  if (
    labels &&
    input.nodeLabels &&
    !input.nodeLabels.some((node) => Object.entries(labels).every(([k, v]) => node[k] === v))
  ) {
    const words = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return { kind: 'skip', reason: `requires a node labelled ${words}; the profile has none` };
  }
  const unmet = Object.entries(s.scenario.requires?.gates ?? {}).filter(
    ([gate, wanted]) => (input.gates[gate] ?? false) !== wanted,
  );
  if (unmet.length === 0) return { kind: 'run' };
  const words = unmet.map(([g, wanted]) => `${g}=${wanted}`).join(', ');
  // In a control run, scenarios that need a gate ON are run against the gate-OFF cluster on purpose.
  if (input.control && unmet.every(([, wanted]) => wanted)) return { kind: 'control', gates: unmet.map(([g]) => g) };
  return {
    kind: 'skip',
    reason: `requires ${words}; the profile has ${unmet.map(([g]) => `${g}=${input.gates[g] ?? false}`).join(', ')}`,
  };
}

/** A selection that leaves no scenario to run: bad input, unless --allow-skips accepts a run of skips. */
export type EmptySelection =
  | { refused: false }
  /** `details`: each scenario filtered out and why (for reports); `problems`: the same as input problems. */
  | { refused: true; message: string; hint: string; details: string[]; problems: InputProblem[] };

/**
 * The rule for an empty selection: a selection that leaves nothing to run proves nothing (README, "Empty is
 * an error"). --grep and --exclude leaving nothing is always bad input; otherwise it is bad input too,
 * unless --allow-skips accepts a run of skips (then nothing is created and the run passes). Undefined
 * when something is left to run.
 */
export function emptySelection(
  decided: Array<{ scenario: LoadedScenario; decision: SelectionDecision }>,
  input: { grep?: RegExp; exclude?: RegExp; allowSkips: boolean; profile: string; suites: string[] },
): EmptySelection | undefined {
  if (decided.some((d) => d.decision.kind !== 'skip')) return undefined;
  const { grep, exclude } = input;
  const byName =
    (grep !== undefined || exclude !== undefined) && decided.every(({ scenario: s }) => !matchesNames(s, input));
  if (!byName && input.allowSkips) return { refused: false };
  const problems: InputProblem[] = decided.map(({ scenario: s, decision }) => ({
    file: s.file,
    line: s.position.line,
    column: s.position.column,
    path: s.scenario.id ?? s.scenario.name,
    found: `${s.suiteName}/${s.scenario.id ? `${s.scenario.id} ` : ''}${s.scenario.name} filtered out: ${decision.kind === 'skip' ? decision.reason : ''}`,
    expected: 'a scenario the selection leaves to run',
  }));
  return {
    refused: true,
    message: byName
      ? `${byNameWords(grep, exclude)} none of the ${decided.length} scenario(s): no scenario to run`
      : `no scenario to run: all ${decided.length} selected scenario(s) are filtered out by version or gate requirements on profile ${input.profile}`,
    hint: byName
      ? 'check the --grep and --exclude expressions against "suite id name" of the scenarios (inplace-e2e list shows them)'
      : 'use a profile these scenarios are for (a gate-off profile needs --control for positive suites), or --allow-skips if a run of skips may pass',
    details: problems.map((p) => p.found),
    problems: problems.length
      ? problems
      : [
          {
            file: input.suites.join(' ') || 'suites',
            line: 0,
            column: 0,
            path: '',
            found: 'no scenario at all',
            expected: 'a scenario to run',
          },
        ],
  };
}

function byNameWords(grep: RegExp | undefined, exclude: RegExp | undefined): string {
  if (grep && exclude) return `--grep ${grep.source} with --exclude ${exclude.source} leave`;
  return grep ? `--grep ${grep.source} matches` : `--exclude ${exclude?.source ?? ''} leaves`;
}
