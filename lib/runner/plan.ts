// The plan of a run, decided offline and purely from what was read: each scenario's selection decision
// (run, gate-off control, or skip with its reason), the verdicts known before any cluster exists (the
// skips), and whether the selection leaves anything to run. Nothing here touches a cluster.
import { controlKindOf, deriveControl, type DerivedControl, type UnderivableControl } from '../control/index.js';
import type { ClusterProfile } from '../profiles/types.js';
import type { LoadedScenario, LoadedSuite } from '../suite/load.js';
import { DEFAULT_JOURNAL } from '../suite/schema.js';
import { skipVerdict } from '../verdict/judge.js';
import {
  emptySelection,
  selectionTitle,
  selectScenario,
  type EmptySelection,
  type SelectionDecision,
} from '../verdict/selection.js';
import { shardOf, type Shard } from '../verdict/shard.js';
import type { Verdict } from '../verdict/types.js';
import type { RunOptions } from './options.js';

export interface PlannedScenario {
  loaded: LoadedScenario;
  decision: SelectionDecision;
  /** The journal file of its suite, or false (the suite has none). */
  journal: string | false;
  /** The scenario's test title: "<id> <name>", marked when it runs as a control. */
  title: string;
  /** For a control: the scenario with the control's own expectations (lib/control), or why there are none. */
  control?: DerivedControl | UnderivableControl;
}

export interface RunPlan {
  profile: ClusterProfile;
  /** Every scenario of the suites (of this shard, with one), in suite order. */
  scenarios: PlannedScenario[];
  /** With --shard: which one, and how many scenarios of the suites the other shards have. */
  shard?: Shard & { others: number };
  /** The verdicts known before any cluster exists: the skipped scenarios'. */
  skipped: Map<LoadedScenario, Verdict>;
  /** Set when the selection leaves nothing to run (refused, or accepted with --allow-skips). */
  empty?: EmptySelection;
}

export type PlanOptions = Pick<
  RunOptions,
  'grep' | 'exclude' | 'shard' | 'control' | 'allowSkips' | 'profile' | 'suites'
> &
  Partial<Pick<RunOptions, 'existingCluster'>>;

export function planRun(profile: ClusterProfile, suites: LoadedSuite[], options: PlanOptions): RunPlan {
  const selection = {
    kubernetesVersion: profile.kubernetesVersion,
    gates: profile.clusterGates.effective,
    control: options.control,
    // An existing cluster's nodes are not the profile's: requires.nodeLabels is then not decided offline.
    ...(options.existingCluster ? {} : { nodeLabels: profile.nodes.map((n) => n.labels) }),
    ...(options.grep ? { grep: options.grep } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  };
  // A control run judges each positive scenario by the control's own expectations.
  const controlKind = controlKindOf(profile.clusterGates.effective);
  const all = suites.flatMap((suite) =>
    suite.scenarios.map((loaded): PlannedScenario => {
      const decision = selectScenario(loaded, selection);
      const { id, name } = loaded.scenario;
      const control =
        decision.kind === 'control' && controlKind
          ? deriveControl(controlKind, loaded.scenario, loaded.pod)
          : undefined;
      return {
        loaded,
        decision,
        journal: suite.suite.journal ?? DEFAULT_JOURNAL,
        title: `${id ? `${id} ` : ''}${name}${control ? ` [${control.kind} control]` : ''}`,
        ...(control ? { control } : {}),
      };
    }),
  );
  const shard = options.shard;
  const scenarios = shard
    ? shardOf(
        all,
        shard,
        (p) => selectionTitle(p.loaded),
        (p) => p.decision.kind !== 'skip',
      )
    : all;
  const skipped = new Map<LoadedScenario, Verdict>();
  for (const { loaded, decision } of scenarios) {
    if (decision.kind === 'skip') skipped.set(loaded, skipVerdict(loaded.suiteName, loaded.scenario, decision.reason));
  }
  const empty =
    shard &&
    scenarios.length < all.length &&
    all.some((p) => p.decision.kind !== 'skip') &&
    !scenarios.some((p) => p.decision.kind !== 'skip')
      ? emptyShard(scenarios, shard, all.filter((p) => p.decision.kind !== 'skip').length, options)
      : emptySelection(
          scenarios.map((p) => ({ scenario: p.loaded, decision: p.decision })),
          {
            ...(options.grep ? { grep: options.grep } : {}),
            ...(options.exclude ? { exclude: options.exclude } : {}),
            allowSkips: options.allowSkips,
            profile: options.profile,
            suites: options.suites,
          },
        );
  return {
    profile,
    scenarios,
    skipped,
    ...(shard ? { shard: { ...shard, others: all.length - scenarios.length } } : {}),
    ...(empty ? { empty } : {}),
  };
}

/**
 * A shard left with nothing to run while the selection has work (more shards than scenarios to run): bad
 * input like any empty selection, unless --allow-skips accepts it.
 */
function emptyShard(mine: PlannedScenario[], shard: Shard, runnable: number, options: PlanOptions): EmptySelection {
  if (options.allowSkips) return { refused: false };
  const message = `--shard ${shard.index}/${shard.count} has no scenario to run: the selection has ${runnable} to run, dealt over ${shard.count} shards`;
  return {
    refused: true,
    message,
    hint: `use at most ${runnable} shard(s), or --allow-skips if an empty shard may pass`,
    details: mine.map(
      (p) => `${p.loaded.suiteName}/${p.title}: ${p.decision.kind === 'skip' ? p.decision.reason : ''}`,
    ),
    problems: [
      {
        file: '--shard',
        line: 0,
        column: 0,
        path: '',
        found: message,
        expected: 'a shard with at least one scenario to run',
      },
    ],
  };
}
