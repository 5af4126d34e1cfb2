// A scenario as the ordered list of steps it runs. The short form (setup + trigger + expect) is the
// list [setup..., trigger, expect]; the runner, the verdict and the semantic checks only see steps.
// Known differences per Kubernetes version are applied here too, so the runner settles on and the
// verdict judges the very same expectations.
import { inRange } from '../k8s-version.js';
import type {
  ExpectationsT,
  KnownDifferenceT,
  NodeActionT,
  ScenarioT,
  SetupStepT,
  StepT,
  TriggerT,
  WaitSpecT,
} from './schema.js';

interface StepBase {
  /** 0-based position in the list. */
  index: number;
  /** As reports show it: the step's `name`, else a short description. */
  name: string;
  /** JSON pointer of the step in the suite file, e.g. /scenarios/2/steps/3 (short form: /scenarios/2/trigger). */
  pointer: string;
}

/** A difference that changed an `expect` step's expectations on this version. */
export interface AppliedDifference {
  because: string;
  versions: string[];
  /** Expectation kinds it replaced. */
  kinds: string[];
}

/** Checks declared to fail on this version (known upstream bugs), with the reason. */
export interface ExpectedFailure {
  because: string;
  versions: string[];
  checks: string[];
}

export type PlannedStep = StepBase &
  (
    | { kind: 'setup'; setup: SetupStepT }
    | { kind: 'trigger'; trigger: TriggerT }
    | { kind: 'wait'; wait: WaitSpecT }
    | { kind: 'node'; node: NodeActionT }
    | {
        kind: 'expect';
        /** The expectations as they apply on the version planned for (known differences applied). */
        expect: ExpectationsT;
        /** Index of the trigger step whose window this step closes (undefined: none since the previous checkpoint). */
        after?: number;
        /** 0-based number among the expect steps. */
        checkpoint: number;
        differences: AppliedDifference[];
        expectedFailures: ExpectedFailure[];
      }
  );

export type ExpectStep = Extract<PlannedStep, { kind: 'expect' }>;

export interface ScenarioPlan {
  /** Written with `steps` (checks are reported per step); false for the short form. */
  stepped: boolean;
  steps: PlannedStep[];
  /**
   * The short form without a trigger, expecting only the create's outcome (and the stored pod), is about
   * admission only: the run ends after the create. (With steps there is always something to run.)
   */
  admissionOnly: boolean;
  /**
   * The short form without a trigger that expects things of the running pod (R24: where it is bound, whether
   * the kubelet admits it): it is watched from its creation, without waiting for Ready.
   */
  untriggered: boolean;
}

/** Expectations about a pod that exists: anything but the create's outcome, the stored pod and the deadline. */
export function observesThePod(expect: ExpectationsT | undefined): boolean {
  return Object.keys(expect ?? {}).some((k) => k !== 'admission' && k !== 'stored' && k !== 'within');
}

const join = (...parts: Array<string | number>) => parts.map(String).join('/');

export function describeTriggerBriefly(t: TriggerT): string {
  if ('exit' in t) return `exit ${t.exit.code}`;
  if ('exec' in t) return `exec in ${t.exec.container}`;
  if ('self' in t) return `${t.self.container} exits on its own`;
  return `patch${t.patch.subresource ? ` ${t.patch.subresource}` : ''}`;
}

export function describeSetup(s: SetupStepT): string {
  if ('writeFile' in s) return `write ${s.writeFile.path} in ${s.writeFile.container}`;
  if ('exec' in s) return `exec in ${s.exec.container}: ${s.exec.command.join(' ')}`;
  return `wait for ${s.waitForContainer.container} ${s.waitForContainer.state}`;
}

export function describeWait(w: WaitSpecT): string {
  if ('condition' in w) return `${w.condition}=${w.status}`;
  if ('phase' in w) return `phase ${w.phase}`;
  const parts = [w.state, w.restartCount !== undefined ? `restartCount ${w.restartCount}` : undefined].filter(Boolean);
  return `${w.container} ${parts.join(', ')}`;
}

export function describeNodeAction(n: NodeActionT): string {
  const words = { restartKubelet: 'restart the kubelet', stop: 'stop the node', start: 'start the node' } as const;
  return `${words[n.action]}${n.node ? ` ${n.node}` : ''}`;
}

/** "step 4 (exit 3)": how checks of a stepped scenario are prefixed in reports. */
export function stepLabel(step: Pick<PlannedStep, 'index' | 'name'>): string {
  return `step ${step.index + 1} (${step.name})`;
}

type RawStep = { step: StepT | { setup: SetupStepT }; pointer: string };

function rawSteps(s: ScenarioT, pointer: string): RawStep[] {
  if (s.steps) return s.steps.map((step, i) => ({ step, pointer: join(pointer, 'steps', i) }));
  const out: RawStep[] = (s.setup ?? []).map((setup, i) => ({ step: { setup }, pointer: join(pointer, 'setup', i) }));
  if (s.trigger) out.push({ step: { trigger: s.trigger }, pointer: join(pointer, 'trigger') });
  out.push({ step: { expect: s.expect ?? {} }, pointer: join(pointer, 'expect') });
  return out;
}

/**
 * The scenario's steps, with the known differences for `kubernetesVersion` applied (none when no
 * version is given: the steps as written).
 */
export function planScenario(s: ScenarioT, opts: { kubernetesVersion?: string; pointer?: string } = {}): ScenarioPlan {
  const pointer = opts.pointer ?? '';
  const steps: PlannedStep[] = [];
  let opener: number | undefined;
  let checkpoint = 0;
  for (const [index, { step, pointer: at }] of rawSteps(s, pointer).entries()) {
    const base = { index, pointer: at };
    const explicit = 'name' in step && typeof step.name === 'string' ? step.name : undefined;
    if ('setup' in step) {
      steps.push({ ...base, kind: 'setup', name: describeSetup(step.setup), setup: step.setup });
    } else if ('writeFile' in step) {
      const setup = { writeFile: step.writeFile };
      steps.push({ ...base, kind: 'setup', name: explicit ?? describeSetup(setup), setup });
    } else if ('exec' in step) {
      const setup = { exec: step.exec };
      steps.push({ ...base, kind: 'setup', name: explicit ?? describeSetup(setup), setup });
    } else if ('waitForContainer' in step) {
      const setup = { waitForContainer: step.waitForContainer };
      steps.push({ ...base, kind: 'setup', name: explicit ?? describeSetup(setup), setup });
    } else if ('trigger' in step) {
      opener = index;
      steps.push({
        ...base,
        kind: 'trigger',
        name: explicit ?? describeTriggerBriefly(step.trigger),
        trigger: step.trigger,
      });
    } else if ('wait' in step) {
      steps.push({ ...base, kind: 'wait', name: explicit ?? `wait for ${describeWait(step.wait)}`, wait: step.wait });
    } else if ('node' in step) {
      steps.push({ ...base, kind: 'node', name: explicit ?? describeNodeAction(step.node), node: step.node });
    } else {
      const openedBy = opener === undefined ? undefined : steps[opener];
      steps.push({
        ...base,
        kind: 'expect',
        name: explicit ?? openedBy?.name ?? 'checkpoint',
        expect: step.expect,
        ...(opener !== undefined ? { after: opener } : {}),
        checkpoint: checkpoint++,
        differences: [],
        expectedFailures: [],
      });
      opener = undefined;
    }
  }
  if (opts.kubernetesVersion) applyDifferences(s.knownDifferences ?? [], steps, opts.kubernetesVersion);
  const shortUntriggered = s.steps === undefined && s.trigger === undefined;
  const watched = shortUntriggered && observesThePod(s.expect);
  return { stepped: s.steps !== undefined, steps, admissionOnly: shortUntriggered && !watched, untriggered: watched };
}

/** The expect steps a difference's `step` selector names (all of them when it names none). */
export function selectedSteps(d: Pick<KnownDifferenceT, 'step'>, steps: PlannedStep[]): ExpectStep[] {
  const expects = steps.filter((x): x is ExpectStep => x.kind === 'expect');
  const selector = d.step;
  if (selector === undefined) return expects;
  if (typeof selector === 'number') return expects.filter((x) => x.index === selector - 1);
  return expects.filter((x) => x.name === selector);
}

export function differenceApplies(d: Pick<KnownDifferenceT, 'versions'>, kubernetesVersion: string): boolean {
  return d.versions.every((r) => inRange(kubernetesVersion, r));
}

function applyDifferences(differences: KnownDifferenceT[], steps: PlannedStep[], version: string): void {
  for (const d of differences) {
    if (!differenceApplies(d, version)) continue;
    for (const step of selectedSteps(d, steps)) {
      if (d.expect) {
        const kinds = Object.keys(d.expect);
        step.expect = { ...step.expect, ...d.expect };
        step.differences.push({ because: d.because, versions: d.versions, kinds });
      }
      if (d.expectedFailure)
        step.expectedFailures.push({ because: d.because, versions: d.versions, checks: d.expectedFailure.checks });
    }
  }
}

export function expectSteps(plan: ScenarioPlan): ExpectStep[] {
  return plan.steps.filter((x): x is ExpectStep => x.kind === 'expect');
}
