// The plan of a run, decided offline and purely from what was read: each scenario's selection decision
// (run, gate-off control, or skip with its reason), the verdicts known before any cluster exists (the
// skips), and whether the selection leaves anything to run. Nothing here touches a cluster.
import type { ClusterProfile } from '../profiles/types.js';
import type { LoadedScenario, LoadedSuite } from '../suite/load.js';
import { DEFAULT_JOURNAL } from '../suite/schema.js';
import { skipVerdict } from '../verdict/judge.js';
import { emptySelection, selectScenario, type EmptySelection, type SelectionDecision } from '../verdict/selection.js';
import type { Verdict } from '../verdict/types.js';
import type { RunOptions } from './options.js';

export interface PlannedScenario {
  loaded: LoadedScenario;
  decision: SelectionDecision;
  /** The journal file of its suite, or false (the suite has none). */
  journal: string | false;
  /** The scenario's test title: "<id> <name>", marked when it runs as a gate-off control. */
  title: string;
}

export interface RunPlan {
  profile: ClusterProfile;
  /** Every scenario of the suites, in suite order. */
  scenarios: PlannedScenario[];
  /** The verdicts known before any cluster exists: the skipped scenarios'. */
  skipped: Map<LoadedScenario, Verdict>;
  /** Set when the selection leaves nothing to run (refused, or accepted with --allow-skips). */
  empty?: EmptySelection;
}

export type PlanOptions = Pick<RunOptions, 'grep' | 'control' | 'allowSkips' | 'profile' | 'suites'>;

export function planRun(profile: ClusterProfile, suites: LoadedSuite[], options: PlanOptions): RunPlan {
  const selection = {
    kubernetesVersion: profile.kubernetesVersion,
    gates: profile.clusterGates.effective,
    control: options.control,
    ...(options.grep ? { grep: options.grep } : {}),
  };
  const scenarios = suites.flatMap((suite) =>
    suite.scenarios.map((loaded): PlannedScenario => {
      const decision = selectScenario(loaded, selection);
      const { id, name } = loaded.scenario;
      return {
        loaded,
        decision,
        journal: suite.suite.journal ?? DEFAULT_JOURNAL,
        title: `${id ? `${id} ` : ''}${name}${decision.kind === 'control' ? ' [gate-off control]' : ''}`,
      };
    }),
  );
  const skipped = new Map<LoadedScenario, Verdict>();
  for (const { loaded, decision } of scenarios) {
    if (decision.kind === 'skip') skipped.set(loaded, skipVerdict(loaded.suiteName, loaded.scenario, decision.reason));
  }
  const empty = emptySelection(
    scenarios.map((p) => ({ scenario: p.loaded, decision: p.decision })),
    {
      ...(options.grep ? { grep: options.grep } : {}),
      allowSkips: options.allowSkips,
      profile: options.profile,
      suites: options.suites,
    },
  );
  return { profile, scenarios, skipped, ...(empty ? { empty } : {}) };
}
