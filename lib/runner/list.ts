// `inplace-e2e list` (and `run --dry-run`): what a run would do with each scenario on each profile, offline.
// The same inputs and plan as `run` (inputs.ts, plan.ts), stopped before anything touches a cluster: which
// scenarios run, which run as gate-off controls, which are skipped and why, and whether the run would refuse
// an empty selection.
import type { RunOptions } from './options.js';
import { loadRunInputs, RunInputError } from './inputs.js';
import { planRun } from './plan.js';

export interface ListOptions extends Pick<
  RunOptions,
  'suites' | 'grep' | 'exclude' | 'shard' | 'control' | 'allowSkips'
> {
  /** Profile names or files; each gets its own listing, in this order. */
  profiles: string[];
}

export interface ListedScenario {
  suite: string;
  id?: string;
  name: string;
  /** Where the scenario starts. */
  file: string;
  line: number;
  /** What a run on the profile does with it. */
  action: 'run' | 'control' | 'skip';
  /** Why it is skipped. */
  reason?: string;
  /** The gates a control runs without. */
  gates?: string[];
  /** A control's kind (lib/control) and what it expects, or why no control could be derived (it is not run). */
  control?: { kind: string; expects?: string; underivable?: string };
}

export interface ProfileListing {
  profile: string;
  kubernetesVersion: string;
  /** This shard's scenarios with --shard, else every scenario of the suites. */
  scenarios: ListedScenario[];
  counts: { run: number; control: number; skip: number };
  shard?: { index: number; count: number; others: number };
  /** Set when a run would stop before creating anything: no scenario to run (exit 2). */
  refused?: { message: string; hint: string };
}

/** Reads the suites as `run` would for each profile and plans, offline. Bad input throws (InputError, GateRefusalError). */
export async function listRun(options: ListOptions): Promise<ProfileListing[]> {
  const listings: ProfileListing[] = [];
  for (const name of options.profiles) {
    const inputs = await loadRunInputs({ profile: name, suites: options.suites }).catch((e: unknown) => {
      throw e instanceof RunInputError ? e.error : e;
    });
    const plan = planRun(inputs.profile, inputs.suites, { ...options, profile: name });
    const scenarios = plan.scenarios.map(({ loaded, decision, control }): ListedScenario => ({
      suite: loaded.suiteName,
      ...(loaded.scenario.id ? { id: loaded.scenario.id } : {}),
      name: loaded.scenario.name,
      file: loaded.file,
      line: loaded.position.line,
      action: decision.kind,
      ...(decision.kind === 'skip' ? { reason: decision.reason } : {}),
      ...(decision.kind === 'control' ? { gates: decision.gates } : {}),
      ...(control
        ? {
            control: {
              kind: control.kind,
              ...('underivable' in control ? { underivable: control.underivable } : { expects: control.summary }),
            },
          }
        : {}),
    }));
    const count = (a: ListedScenario['action']) => scenarios.filter((s) => s.action === a).length;
    listings.push({
      profile: name,
      kubernetesVersion: inputs.profile.kubernetesVersion,
      scenarios,
      counts: { run: count('run'), control: count('control'), skip: count('skip') },
      ...(plan.shard ? { shard: plan.shard } : {}),
      ...(plan.empty?.refused ? { refused: { message: plan.empty.message, hint: plan.empty.hint } } : {}),
    });
  }
  return listings;
}
