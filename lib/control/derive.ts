// The control's own expectations for a positive scenario, derived from its pod and trigger. Pure: the same
// scenario always gets the same control expectations, and `npm test` checks that every shipped positive
// scenario gets some (test/unit/control/).
//
// Facts used (read in source, kubernetes v1.35.8, v1.36.3 and v1.37.2, pkg/api/pod/util.go):
// - dropContainerRestartRules clears restartPolicyRules of every init, regular and ephemeral container,
//   the restartPolicy of every regular and ephemeral container, and a non-Always restartPolicy of init
//   containers; it runs when ContainerRestartRules is off, before validation, so nothing is refused.
// - With ContainerRestartRules on and RestartAllContainersOnContainerExits off the validation option
//   AllowRestartAllContainers is false: the action is an unsupported value, and sidecars may carry no rules.
// Texts measured on real API servers with the gate off: v1.35.8 and v1.37.2 (the gate-off control runs,
// suites/gate-off.yaml R23, R23b) and v1.36.3 (certify's gate-off control, references/1.36.json); the same on
// all three. With the action not allowed, "Restart" is the only supported value, whatever the action was.
import type { ContainerSpec } from '../manifest/containers.js';
import { containerSpecs } from '../manifest/containers.js';
import type { ExpectationsT, ScenarioT, StepT, TriggerT, VersionedTextT } from '../suite/schema.js';
import { DEFAULT_FLAG_FILE } from '../suite/schema.js';
import type { ControlKind } from './kind.js';

/** One cause the API server must list when it refuses the pod. */
export interface RefusalCause {
  field: string;
  message: VersionedTextT;
}

export interface DerivedControl {
  kind: ControlKind;
  /** The scenario to run on the control cluster: the original one with the control's expectations. */
  scenario: ScenarioT;
  /** For action-refused: every cause the refusal must list (the expectation names the first). */
  causes: RefusalCause[];
  /** What the control expects, in one sentence, for reports. */
  summary: string;
}

export interface UnderivableControl {
  kind: ControlKind;
  underivable: string;
}

const unsupportedAction = (action: string) => ({
  '>=1.35': `Unsupported value: "${action}": supported values: "Restart"`,
});
const SIDECAR_RULES_TEXT = {
  '>=1.35': 'Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always',
};
/** How long nothing may change after a trigger on a rules-off cluster: a restart-all starts within seconds. */
export const RULES_OFF_QUIET_SECONDS = 20;

const rulesOf = (c: ContainerSpec): Array<Record<string, unknown>> =>
  Array.isArray(c.spec.restartPolicyRules) ? (c.spec.restartPolicyRules as Array<Record<string, unknown>>) : [];

const listIndex = (c: ContainerSpec) => {
  const m = /^\/spec\/(\w+)\/(\d+)$/.exec(c.pointer);
  return m ? `spec.${m[1]}[${m[2]}]` : c.pointer;
};

/** The causes a gate-off API server lists for this pod: each RestartAllContainers action, each sidecar with rules. */
export function refusalCauses(pod: unknown, fieldPrefix = ''): RefusalCause[] {
  const causes: RefusalCause[] = [];
  for (const c of containerSpecs(pod)) {
    const rules = rulesOf(c);
    if (c.kind === 'sidecar' && rules.length > 0) {
      causes.push({ field: `${fieldPrefix}${listIndex(c)}.restartPolicyRules`, message: SIDECAR_RULES_TEXT });
      continue;
    }
    rules.forEach((r, j) => {
      // RestartAllContainers, and any action that is not Restart (R22e's "Foo"): refused, listing Restart alone.
      if (typeof r.action === 'string' && r.action !== 'Restart')
        causes.push({
          field: `${fieldPrefix}${listIndex(c)}.restartPolicyRules[${j}].action`,
          message: unsupportedAction(r.action),
        });
    });
  }
  return causes;
}

/**
 * The scenario without its expectations, setup, trigger or steps: what every control keeps (name, id, pod,
 * requirements, pinning). Known differences are per-version edits of the positive expectations: dropped too.
 */
function bare(s: ScenarioT): ScenarioT {
  const { trigger: _t, setup: _s, steps: _st, expect: _e, knownDifferences: _k, ...rest } = s;
  return rest;
}

/**
 * What the control runs before its own expectation: the setup, then the scenario's first trigger. A
 * scenario with steps keeps its steps up to that trigger (setup, waits, node actions) and is cut there:
 * the first trigger is what must do nothing in place on a control cluster.
 */
function firstTrigger(s: ScenarioT): { trigger?: TriggerT; before?: StepT[] } {
  if (!s.steps) return s.trigger ? { trigger: s.trigger } : {};
  const i = s.steps.findIndex((x) => 'trigger' in x);
  const step = s.steps[i];
  if (!step || !('trigger' in step)) return {};
  return { trigger: step.trigger, before: s.steps.slice(0, i).filter((x) => !('expect' in x)) };
}

/** The control scenario: the positive one cut after its first trigger, with the control's expectations. */
function withExpectations(s: ScenarioT, expect: ExpectationsT): ScenarioT {
  const { trigger, before } = firstTrigger(s);
  if (!s.steps) return { ...bare(s), ...(s.setup ? { setup: s.setup } : {}), ...(trigger ? { trigger } : {}), expect };
  if (!trigger) return { ...bare(s), expect };
  return { ...bare(s), steps: [...(before ?? []), { trigger }, { expect }] };
}

function actionRefused(s: ScenarioT, pod: unknown): DerivedControl | UnderivableControl {
  // A Job is validated with its pod template (measured on v1.35.8: the Job create is refused, the causes
  // under spec.template).
  const causes = refusalCauses(pod, s.job ? 'spec.template.' : '');
  const first = causes[0];
  if (!first) {
    return {
      kind: 'action-refused',
      underivable:
        'the pod uses neither the RestartAllContainers action nor restart rules on a sidecar, so a gate-off API server has nothing to refuse: the scenario does not depend on RestartAllContainersOnContainerExits',
    };
  }
  return {
    kind: 'action-refused',
    scenario: {
      ...bare(s),
      expect: { admission: { rejected: { status: 422, field: first.field, message: first.message } } },
    },
    causes,
    summary: `the API server refuses the pod (${causes.map((c) => c.field).join(', ')})`,
  };
}

/** What the stored pod looks like after dropContainerRestartRules. */
function droppedSpec(containers: ContainerSpec[]): NonNullable<ExpectationsT['stored']> {
  const named: NonNullable<ExpectationsT['stored']> = {};
  for (const c of containers) {
    if (c.kind === 'regular') named[c.name] = { restartPolicy: 'absent', restartPolicyRules: 0 };
    else if (c.kind === 'sidecar') named[c.name] = { restartPolicy: 'Always', restartPolicyRules: 0 };
    else if (c.kind === 'init' && c.spec.restartPolicy !== undefined)
      named[c.name] = { restartPolicy: 'absent', restartPolicyRules: 0 };
  }
  // "*" only for containers left unnamed (plain init containers without a restartPolicy).
  return containers.some((c) => !(c.name in named)) ? { '*': { restartPolicyRules: 0 }, ...named } : named;
}

/** The exit code a container's first RestartAllContainers rule matches with In, if it names one. */
function matchedCode(c: ContainerSpec | undefined): number | undefined {
  const rule = c ? rulesOf(c).find((r) => r.action === 'RestartAllContainers') : undefined;
  const on = rule?.exitCodes as { operator?: string; values?: unknown[] } | undefined;
  const first = on?.operator === 'In' ? on.values?.[0] : undefined;
  return typeof first === 'number' ? first : undefined;
}

const commandText = (c: ContainerSpec) =>
  [c.spec.command, c.spec.args].filter(Array.isArray).flat().map(String).join(' ');

function rulesDropped(s: ScenarioT, pod: Record<string, unknown>): DerivedControl {
  const containers = containerSpecs(pod).filter((c) => c.kind !== 'ephemeral');
  const expect: ExpectationsT = { admission: 'accepted', stored: droppedSpec(containers) };
  const t = firstTrigger(s).trigger;
  const podPolicy =
    typeof (pod.spec as Record<string, unknown> | undefined)?.restartPolicy === 'string'
      ? String((pod.spec as Record<string, unknown>).restartPolicy)
      : 'Always';
  let after = 'no trigger';
  if (t && 'patch' in t) {
    // The rules in the patch are dropped as well (the old pod has none in use), so the update goes through.
    expect.patch = 'accepted';
    after = 'the patch is accepted with its rules dropped';
  } else if (t) {
    expect.conditions = { AllContainersRestarting: { never: 'True' } };
    // At least the positive scenario's own window, so its consistently check is judged on as long a window.
    const quiet = Math.max(RULES_OFF_QUIET_SECONDS, positiveWindow(s));
    const exit =
      'exit' in t
        ? { container: t.exit.container, code: t.exit.code, once: true, flagFile: t.exit.flagFile ?? DEFAULT_FLAG_FILE }
        : undefined;
    // A container that exits on its own exits with a code its RestartAllContainers rule matches.
    const self =
      'self' in t
        ? { container: t.self.container, code: matchedCode(containers.find((c) => c.name === t.self.container)) }
        : undefined;
    const exiting = exit ?? self;
    const target = containers.find((c) => c.name === exiting?.container);
    // The rule and the container's own restartPolicy are gone: the pod's restartPolicy decides (a sidecar keeps Always).
    const restarts =
      target?.kind === 'sidecar' || podPolicy === 'Always' || (podPolicy === 'OnFailure' && exiting?.code !== 0);
    if (
      exiting &&
      target &&
      exiting.code !== undefined &&
      (!restarts || (exit && commandText(target).includes(exit.flagFile)))
    ) {
      const { container, code } = exiting;
      expect.restarts = { '*': 0, [container]: restarts ? 1 : 0 };
      // The pod's phase ends too when nothing restarts and the exit leaves no regular container running: a
      // failed init container, or the pod's only regular container (measured: R26's one-container pod goes
      // Failed on a rules-off v1.35.8 cluster).
      const regulars = containers.filter((c) => c.kind === 'regular');
      const lastRegular = target.kind === 'regular' && regulars.length === 1;
      const failsPod = !restarts && code !== 0 && (target.kind === 'init' || lastRegular);
      const succeedsPod = !restarts && code === 0 && lastRegular;
      expect.final = {
        ...(failsPod ? { phase: 'Failed' as const } : succeedsPod ? { phase: 'Succeeded' as const } : {}),
        containers: { [container]: restarts ? { state: 'running' } : { state: 'terminated', exitCode: code } },
      };
      expect.consistently = quiet;
      after = restarts
        ? `only ${container} restarts, once (the pod's restartPolicy ${podPolicy} applies); AllContainersRestarting never True for ${quiet}s after the trigger`
        : `${container} stays terminated with ${code}${failsPod ? ', the pod Failed,' : succeedsPod ? ', the pod Succeeded,' : ''} and nothing restarts (the pod's restartPolicy ${podPolicy} applies); AllContainersRestarting never True for ${quiet}s after the trigger`;
    } else {
      // What the trigger leads to under the pod's own policy is not known here (an exec, a container that may
      // exit again): only the absence of a restart-all is asserted, until the pod settles.
      after = `AllContainersRestarting never True after the trigger (what else restarts follows the pod's restartPolicy ${podPolicy} and is not asserted)`;
    }
  }
  return {
    kind: 'rules-dropped',
    scenario: withExpectations(s, expect),
    causes: [],
    summary: `the API server accepts the pod with every restart rule dropped; ${after}`,
  };
}

/** The longest consistently-window the positive scenario asks for (the short form's, or any step's). */
function positiveWindow(s: ScenarioT): number {
  const windows = [
    s.expect?.consistently ?? 0,
    ...(s.steps ?? []).map((x) => ('expect' in x ? (x.expect.consistently ?? 0) : 0)),
  ];
  return Math.max(...windows);
}

/** The control expectations of one scenario on a control cluster of this kind. */
export function deriveControl(
  kind: ControlKind,
  scenario: ScenarioT,
  pod: Record<string, unknown>,
): DerivedControl | UnderivableControl {
  return kind === 'action-refused' ? actionRefused(scenario, pod) : rulesDropped(scenario, pod);
}

export function isUnderivable(d: DerivedControl | UnderivableControl): d is UnderivableControl {
  return 'underivable' in d;
}
