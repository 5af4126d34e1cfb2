// The suite format, defined once: TypeScript types (Static<>), runtime validation (ajv) and the
// shipped JSON Schema (schemas/suite.schema.json, written by `npm run schemas`) all come from here.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  containerName,
  DNS_LABEL,
  GateName,
  Seconds,
  StrictMap,
  strict,
  VersionedText,
  VersionRange,
} from '../input/schema-parts.js';

/** Where the shipped pods journal container starts (see suites/pods/base.yaml). */
export const DEFAULT_JOURNAL = '/shared/journal';
/** Where the shipped trigger container waits for its exit code (see suites/pods/base.yaml). */
export const DEFAULT_FLAG_FILE = '/shared/go';
/** Deadlines where a scenario names none, in seconds: the schema shows them as defaults, the runner uses them. */
export const DEFAULT_SECONDS = { ready: 120, wait: 120, within: 180, nodeAction: 120 } as const;

const ContainerName = containerName();

const JsonPatchOperation = Type.Object(
  {
    op: Type.Union(['add', 'remove', 'replace', 'move', 'copy', 'test'].map((o) => Type.Literal(o))),
    path: Type.String({ pattern: '^(/[^/]*)*$', description: 'RFC 6901 JSON pointer.' }),
    value: Type.Optional(Type.Unknown()),
    from: Type.Optional(Type.String()),
  },
  { ...strict, description: 'An RFC 6902 JSON patch operation applied to the pod manifest before it is sent.' },
);

export const PodSource = Type.Union(
  [
    Type.Object(
      {
        file: Type.String({ description: 'Pod manifest file, relative to the suite file.' }),
        patches: Type.Optional(Type.Array(JsonPatchOperation)),
      },
      strict,
    ),
    Type.Object(
      {
        builtin: Type.String({
          pattern: '^[a-z0-9-]+$',
          description:
            'A pod shipped with inplace-e2e (suites/pods/<name>.yaml), e.g. "base" (init, sidecar, trigger and bystander).',
        }),
        patches: Type.Optional(Type.Array(JsonPatchOperation)),
      },
      strict,
    ),
    Type.Object(
      {
        manifest: Type.Object(
          {},
          {
            additionalProperties: true,
            description:
              'An inline v1 Pod manifest. Checked against the Pod API (field names, types, required keys) before anything is sent.',
          },
        ),
        patches: Type.Optional(Type.Array(JsonPatchOperation)),
      },
      strict,
    ),
  ],
  { description: 'The scenario pod: a file, a shipped pod, or an inline manifest; optionally patched.' },
);

// ---- setup steps -------------------------------------------------------------------------------

const WaitForContainerBody = Type.Object(
  {
    container: ContainerName,
    state: Type.Union([Type.Literal('running'), Type.Literal('ready'), Type.Literal('terminated')]),
    timeoutSeconds: Type.Optional(Seconds('Deadline for this wait.', DEFAULT_SECONDS.wait)),
  },
  strict,
);

const WriteFileBody = Type.Object(
  {
    container: ContainerName,
    path: Type.String({ pattern: '^/', description: 'Absolute path inside the container.' }),
    content: Type.Optional(
      Type.String({ description: 'File content. Omitted: a random token, remembered for `files[].preserved`.' }),
    ),
  },
  strict,
);

const ExecBody = Type.Object(
  {
    container: ContainerName,
    command: Type.Array(Type.String(), { minItems: 1 }),
    expectExitCode: Type.Optional(Type.Integer({ minimum: 0, maximum: 255, default: 0 })),
  },
  strict,
);

const WaitForContainer = Type.Object({ waitForContainer: WaitForContainerBody }, strict);
const WriteFile = Type.Object({ writeFile: WriteFileBody }, strict);
const ExecStep = Type.Object({ exec: ExecBody }, strict);

export const SetupStep = Type.Union([WaitForContainer, WriteFile, ExecStep], {
  description: 'A step run after the pod is ready and before the trigger.',
});

// ---- triggers ----------------------------------------------------------------------------------

export const ExitTrigger = Type.Object(
  {
    exit: Type.Object(
      {
        container: ContainerName,
        code: Type.Integer({ minimum: 0, maximum: 255, description: 'Exit code the container exits with.' }),
        flagFile: Type.Optional(
          Type.String({
            pattern: '^/',
            default: DEFAULT_FLAG_FILE,
            description:
              'Cooperating flag file: the container waits for it and exits with the code written in it (see suites/pods/base.yaml). The shipped pods give a file they find empty one more second to be written; an empty file means exit code 42.',
          }),
        ),
        via: Type.Optional(
          containerName('Container to exec in to write the flag file (default: the exiting container itself).'),
        ),
      },
      strict,
    ),
  },
  strict,
);

export const ExecTrigger = Type.Object(
  {
    exec: Type.Object({ container: ContainerName, command: Type.Array(Type.String(), { minItems: 1 }) }, strict),
  },
  strict,
);

export const SelfTrigger = Type.Object(
  {
    self: Type.Object(
      {
        container: ContainerName,
        description: Type.Optional(Type.String()),
      },
      { ...strict, description: 'The pod exits on its own; `container` is the one expected to exit first.' },
    ),
  },
  strict,
);

export const PatchTrigger = Type.Object(
  {
    patch: Type.Object(
      {
        subresource: Type.Optional(Type.Union([Type.Literal('ephemeralcontainers'), Type.Literal('status')])),
        type: Type.Union([Type.Literal('strategic'), Type.Literal('merge'), Type.Literal('json')]),
        body: Type.Unknown({ description: 'The patch body sent to the API server as-is.' }),
      },
      strict,
    ),
  },
  { ...strict, description: 'Patch the running pod (for update-validation negatives).' },
);

export const Trigger = Type.Union([ExitTrigger, ExecTrigger, SelfTrigger, PatchTrigger]);

// ---- expectations ------------------------------------------------------------------------------

const Continuity = Type.Union([Type.Literal('preserved'), Type.Literal('changed')]);

export const IdentityExpectation = Type.Object(
  {
    uid: Type.Optional(Continuity),
    creationTimestamp: Type.Optional(Continuity),
    node: Type.Optional(Continuity),
    podIP: Type.Optional(Continuity),
    sandbox: Type.Optional(Continuity),
    netns: Type.Optional(Continuity),
  },
  {
    ...strict,
    description:
      'Before (right before the trigger) vs after (settled) pod identity. sandbox: CRI sandbox id on the node plus no SandboxChanged event; netns: the journal netns= values.',
  },
);

export const ApiRejection = Type.Object(
  {
    status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599, default: 422 })),
    reason: Type.Optional(Type.String({ description: 'Status reason, e.g. Invalid.' })),
    field: Type.Optional(Type.String({ description: 'A status.details.causes[].field that must be present.' })),
    message: Type.Optional(VersionedText),
  },
  strict,
);

const ConditionExpectation = Type.Object(
  {
    seen: Type.Optional(
      Type.Array(Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')]), {
        minItems: 1,
        description: 'Statuses observed after the trigger, in order (repeats collapsed), as a subsequence.',
      }),
    ),
    never: Type.Optional(
      Type.Union(
        [
          Type.Literal('True'),
          Type.Literal('False'),
          Type.Array(Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')]), {
            minItems: 1,
          }),
        ],
        { description: 'A status (or a list of statuses, "Absent" included) that must not occur after the trigger.' },
      ),
    ),
    reason: Type.Optional(VersionedText),
    message: Type.Optional(VersionedText),
    timesTrue: Type.Optional(Type.Integer({ minimum: 0, description: 'Exact number of transitions to True.' })),
    before: Type.Optional(
      Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')], {
        description:
          'Status right before the trigger (R17: a pod with the action carries AllContainersRestarting=False from the start).',
      }),
    ),
    transitions: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Exact number of times lastTransitionTime moved after the trigger (compared with the snapshot before it). API times have whole seconds.',
      }),
    ),
  },
  strict,
);

const FileExpectation = Type.Object(
  {
    path: Type.String({ pattern: '^/' }),
    container: Type.Optional(ContainerName),
    exists: Type.Optional(Type.Boolean()),
    preserved: Type.Optional(
      Type.Boolean({ description: 'Content after equals content before the trigger (or the written token).' }),
    ),
    lines: Type.Optional(Type.Integer({ minimum: 0, description: 'Exact line count after.' })),
    contains: Type.Optional(Type.String()),
  },
  strict,
);

const ContainerFinalState = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('running'), Type.Literal('terminated'), Type.Literal('waiting')])),
    exitCode: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
    reason: Type.Optional(Type.String()),
    ready: Type.Optional(Type.Boolean()),
  },
  strict,
);

const FinalCondition = Type.Object(
  {
    status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')]),
    reason: Type.Optional(VersionedText),
    message: Type.Optional(VersionedText),
  },
  { ...strict, description: 'A pod condition in the settled state; reason and message are substrings.' },
);

export const JobExpectation = Type.Object(
  {
    status: Type.Optional(
      Type.Object(
        {
          active: Type.Optional(Type.Integer({ minimum: 0 })),
          ready: Type.Optional(Type.Integer({ minimum: 0 })),
          succeeded: Type.Optional(Type.Integer({ minimum: 0 })),
          failed: Type.Optional(Type.Integer({ minimum: 0 })),
          terminating: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        {
          ...strict,
          description:
            'Exact Job status counters at the checkpoint (an absent counter is 0); the harness waits for them. status.failed only grows, so failed: 0 at a checkpoint means no pod failure counted against backoffLimit up to it.',
        },
      ),
    ),
    conditions: Type.Optional(
      StrictMap(
        Type.String({
          pattern: '^[A-Z][A-Za-z]+$',
          description: 'A Job condition type, e.g. Complete, Failed, FailureTarget, SuccessCriteriaMet.',
        }),
        Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')], {
                description: 'Status at the checkpoint; the harness waits for it.',
              }),
            ),
            never: Type.Optional(
              Type.Union([Type.Literal('True'), Type.Literal('False')], {
                description: "A status the condition never had in this step's window.",
              }),
            ),
            reason: Type.Optional(Type.String({ description: 'Exact reason at the checkpoint.' })),
          },
          strict,
        ),
      ),
    ),
  },
  {
    ...strict,
    description:
      'The status of the Job that owns the pod (scenarios with `job`): counters and conditions, e.g. R27: failed stays 0 through in-place restarts.',
  },
);

export const FinalExpectation = Type.Object(
  {
    phase: Type.Optional(Type.Union(['Pending', 'Running', 'Succeeded', 'Failed'].map((p) => Type.Literal(p)))),
    ready: Type.Optional(Type.Boolean({ description: 'Pod condition Ready.' })),
    containers: Type.Optional(StrictMap(ContainerName, ContainerFinalState)),
    conditions: Type.Optional(
      StrictMap(Type.String({ pattern: '^[A-Z][A-Za-z]+$', description: 'A pod condition type.' }), FinalCondition, {
        description:
          'Pod conditions in the settled state, e.g. AllContainersRestarting False with reason PodFailed (R19).',
      }),
    ),
  },
  { ...strict, description: 'The settled state. The runner waits (eventually, within `within`) for it.' },
);

const PhaseName = Type.Union(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].map((p) => Type.Literal(p)));

export const PhaseExpectation = Type.Object(
  {
    seen: Type.Optional(
      Type.Array(PhaseName, {
        minItems: 1,
        description:
          'Phases after the trigger, in order (repeats collapsed), as a subsequence of what the watch delivered.',
      }),
    ),
    sequence: Type.Optional(
      Type.Array(PhaseName, {
        minItems: 1,
        description: 'The exact phase sequence after the trigger (repeats collapsed), up to the settled state.',
      }),
    ),
    never: Type.Optional(
      Type.Array(PhaseName, { minItems: 1, description: 'Phases that must not occur after the trigger.' }),
    ),
  },
  { ...strict, description: 'Pod phase while the restart runs (KEP-5532 says Pending throughout).' },
);

/**
 * A container state in the words reports use: running, waiting, waiting(Reason), terminated,
 * terminated(Code), terminated(Code Reason), and for lastState also "none".
 */
const StateToken = Type.String({
  pattern: '^(none|running|waiting(\\([A-Za-z]+\\))?|terminated(\\([0-9]{1,3}( [A-Za-z]+)?\\))?)$',
  description:
    'A container state: running, waiting, waiting(Reason), terminated, terminated(Code) or terminated(Code Reason); "none" for an empty lastState.',
});

const NullOrSet = Type.Union([Type.Null(), Type.Literal('set')], {
  description: 'null: absent or null; "set": present.',
});

export const LastStateExpectation = Type.Union(
  [
    Type.Literal('none'),
    Type.Object(
      {
        exitCode: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
        reason: Type.Optional(Type.String()),
        message: Type.Optional(Type.String({ description: 'Substring of lastState.terminated.message.' })),
        startedAt: Type.Optional(NullOrSet),
        finishedAt: Type.Optional(NullOrSet),
        containerID: Type.Optional(NullOrSet),
      },
      { ...strict, description: 'lastState.terminated in the settled state.' },
    ),
  ],
  {
    description:
      '"none": the settled status has no lastState (1.35 loses it, kubernetes/kubernetes#136964); else lastState.terminated.',
  },
);

const ContainerStatesExpectation = Type.Object(
  {
    seen: Type.Optional(
      Type.Array(StateToken, {
        minItems: 1,
        description:
          'States after the trigger, in order, as a subsequence (repeats collapsed; a new startedAt/finishedAt is a new step).',
      }),
    ),
    sequence: Type.Optional(
      Type.Array(StateToken, {
        minItems: 1,
        description:
          'The exact state sequence after the trigger (repeats collapsed, a new startedAt/finishedAt is a new step), one pattern per step.',
      }),
    ),
    never: Type.Optional(
      Type.Array(StateToken, { minItems: 1, description: 'States that must not occur after the trigger.' }),
    ),
    waitingMessage: Type.Optional(
      Type.String({
        description: 'Substring of state.waiting.message when the container was seen waiting with a reason of `seen`.',
      }),
    ),
    lastStateSeen: Type.Optional(
      Type.Array(StateToken, {
        minItems: 1,
        description: 'lastState after the trigger, in order, as a subsequence ("none" for empty).',
      }),
    ),
    lastState: Type.Optional(LastStateExpectation),
  },
  strict,
);

const TimePoint = Type.String({
  pattern: `^(trigger|${DNS_LABEL.slice(1, -1)}\\.(finishedAt|startedAt|killing)|[A-Z][A-Za-z]+\\.(True|False))$`,
  description:
    'trigger (the harness acted); <container>.finishedAt (first termination after the trigger, API time), <container>.startedAt (first new start after the trigger, API time), <container>.killing (its first Killing event, receive time); <Condition>.True|False (first step to that status, receive time).',
});

export const TimingWindow = Type.Object(
  {
    min: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds from `from` to `to`, at least.' })),
    max: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds from `from` to `to`, at most.' })),
  },
  strict,
);

export const TimingBound = Type.Object(
  {
    from: TimePoint,
    to: TimePoint,
    min: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds from `from` to `to`, at least.' })),
    max: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds from `from` to `to`, at most.' })),
    windows: Type.Optional(
      Type.Array(TimingWindow, {
        minItems: 2,
        description:
          'Instead of min/max: the time falls in one of these disjoint windows, for a kubelet that is known to take one of two paths (a race), each exact. The report names the window it fell in.',
      }),
    ),
  },
  { ...strict, description: 'Bound on the time between two observed moments. API times are whole seconds: allow 1 s.' },
);

const StoredContainerExpectation = Type.Object(
  {
    restartPolicy: Type.Optional(
      Type.Union(
        ['absent', 'Always', 'OnFailure', 'Never'].map((v) => Type.Literal(v)),
        {
          description:
            'The container-level restartPolicy as stored; "absent": not in the stored pod (never set, or dropped).',
        },
      ),
    ),
    restartPolicyRules: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Exact number of restartPolicyRules stored; 0: none (never set, or dropped).',
      }),
    ),
  },
  strict,
);

export const PlacementExpectation = Type.Object(
  {
    scheduled: Type.Optional(
      Type.Boolean({ description: 'The pod was bound to a node (spec.nodeName set) by the end of the run.' }),
    ),
    nodeDeclares: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: "Features the pod's node lists in status.declaredFeatures (NodeDeclaredFeatures).",
      }),
    ),
    nodeLacks: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: "Features the pod's node does not list in status.declaredFeatures.",
      }),
    ),
    kubeletRejection: Type.Optional(
      Type.Object(
        {
          reason: Type.String({
            minLength: 1,
            description: 'Pod status.reason the kubelet wrote when it refused the pod.',
          }),
          message: Type.Optional(VersionedText),
        },
        {
          ...strict,
          description: 'The kubelet refused to admit the pod: phase Failed with this status reason (and message).',
        },
      ),
    ),
  },
  {
    ...strict,
    description:
      'Where the pod ended up (R24): bound or not, what its node declares, and a kubelet admission rejection.',
  },
);

export const Expectations = Type.Object(
  {
    admission: Type.Optional(
      Type.Union([Type.Literal('accepted'), Type.Object({ rejected: ApiRejection }, strict)], {
        description:
          'What the API server does with the pod create (strict field validation). Default: accepted. With `rejected`, the pod manifest may deliberately carry unknown fields or wrong types (a negative test for the API server): those structural findings become warnings instead of errors. Such a scenario can have no trigger, setup or other expectation, because the pod never exists.',
      }),
    ),
    patch: Type.Optional(
      Type.Union([Type.Literal('accepted'), Type.Object({ rejected: ApiRejection }, strict)], {
        description:
          'What the API server does with a `patch` trigger (needs one). With `rejected`, structural findings in the patch body become warnings instead of errors.',
      }),
    ),
    stored: Type.Optional(
      StrictMap(
        Type.String({
          pattern: `^(\\*|${DNS_LABEL.slice(1, -1)})$`,
          maxLength: 63,
          description: 'A container name, or "*" for every container not named.',
        }),
        StoredContainerExpectation,
        {
          description:
            "The restart fields of the pod as the API server stored it (the create response). With ContainerRestartRules off the API server silently drops restartPolicyRules and regular containers' restartPolicy (dropContainerRestartRules in pkg/api/pod/util.go; docs/behaviour.md R23).",
        },
      ),
    ),
    placement: Type.Optional(PlacementExpectation),
    identity: Type.Optional(IdentityExpectation),
    restarts: Type.Optional(
      StrictMap(
        Type.String({
          pattern: `^(\\*|${DNS_LABEL.slice(1, -1)})$`,
          maxLength: 63,
          description: 'A container name, or "*" for every container not named.',
        }),
        Type.Integer({ minimum: 0 }),
        {
          description:
            'Exact restartCount delta per container between before and after. "*" applies to every container not named.',
        },
      ),
    ),
    runs: Type.Optional(
      StrictMap(ContainerName, Type.Integer({ minimum: 0 }), {
        description:
          'Exact number of journal lines per container (how often it started), read after settling. Needs the journal.',
      }),
    ),
    startOrder: Type.Optional(
      Type.Array(Type.Union([ContainerName, Type.Array(ContainerName, { minItems: 2 })]), {
        minItems: 2,
        description:
          'Order of the journal lines written after the trigger. A nested list is a group whose members may start in any order. Needs the journal.',
      }),
    ),
    conditions: Type.Optional(
      StrictMap(
        Type.String({ pattern: '^[A-Z][A-Za-z]+$', description: 'A pod condition type.' }),
        ConditionExpectation,
        {
          description: 'Pod conditions by type, e.g. AllContainersRestarting, Initialized, Ready.',
        },
      ),
    ),
    phases: Type.Optional(PhaseExpectation),
    states: Type.Optional(
      StrictMap(ContainerName, ContainerStatesExpectation, {
        description:
          'Container states and lastState seen after the trigger, per container (R18: waiting reason RestartingAllContainers, lastState per version).',
      }),
    ),
    timing: Type.Optional(
      Type.Array(TimingBound, { minItems: 1, description: 'Time bounds between observed moments (R08, R26).' }),
    ),
    files: Type.Optional(Type.Array(FileExpectation)),
    events: Type.Optional(
      Type.Object(
        {
          absent: Type.Optional(Type.Array(Type.String(), { description: 'Event reasons that must not occur.' })),
          present: Type.Optional(Type.Array(Type.String(), { description: 'Event reasons that must occur.' })),
        },
        strict,
      ),
    ),
    final: Type.Optional(FinalExpectation),
    job: Type.Optional(JobExpectation),
    within: Type.Optional(
      Seconds('Deadline for reaching the settled state after the trigger.', DEFAULT_SECONDS.within),
    ),
    consistently: Type.Optional(
      Seconds('After settling, nothing may change (restart counts, condition, phase) for this many seconds.'),
    ),
  },
  strict,
);

// ---- steps -------------------------------------------------------------------------------------

const StepName = Type.Optional(
  Type.String({
    minLength: 1,
    description:
      'Name of the step in reports: checks of an `expect` step read "step 4 (exit 3) restarts.trigger". Default: the trigger\'s short description (an `expect` step takes the name of the trigger it follows).',
  }),
);

const WaitTimeout = Type.Optional(
  Seconds(
    'Deadline for this wait; missing it ends the run (the verdict fails with what was last seen).',
    DEFAULT_SECONDS.wait,
  ),
);

export const WaitSpec = Type.Union(
  [
    Type.Object(
      {
        condition: Type.String({
          pattern: '^[A-Z][A-Za-z]+$',
          description: 'A pod condition type, e.g. AllContainersRestarting.',
        }),
        status: Type.Union([Type.Literal('True'), Type.Literal('False'), Type.Literal('Absent')]),
        timeoutSeconds: WaitTimeout,
      },
      { ...strict, description: 'Until the pod condition has this status.' },
    ),
    Type.Object(
      {
        container: ContainerName,
        state: Type.Optional(
          Type.Union([
            Type.Literal('running'),
            Type.Literal('ready'),
            Type.Literal('terminated'),
            Type.Literal('waiting'),
          ]),
        ),
        restartCount: Type.Optional(
          Type.Integer({ minimum: 0, description: "The container's restartCount equals this." }),
        ),
        timeoutSeconds: WaitTimeout,
      },
      { ...strict, description: 'Until the container is in this state (and, when given, has this restartCount).' },
    ),
    Type.Object(
      {
        phase: Type.Union(['Pending', 'Running', 'Succeeded', 'Failed'].map((p) => Type.Literal(p))),
        timeoutSeconds: WaitTimeout,
      },
      { ...strict, description: 'Until the pod is in this phase.' },
    ),
  ],
  {
    description:
      "Wait, driven by the pod watch (never a sleep), until the pod's current state satisfies this; a state that came and went before the wait started does not count.",
  },
);

export const NodeAction = Type.Object(
  {
    action: Type.Union([Type.Literal('restartKubelet'), Type.Literal('stop'), Type.Literal('start')], {
      description:
        'restartKubelet: `systemctl restart kubelet` in the node container; stop / start: the node container itself. Only on nodes of clusters the harness created (or with --allow-node-actions).',
    }),
    node: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Node name (kind: the node container). Default: the node the pod runs on.',
      }),
    ),
    timeoutSeconds: Type.Optional(Seconds('Deadline for the action.', DEFAULT_SECONDS.nodeAction)),
  },
  {
    ...strict,
    description: "Act on a node through its kind node container (testcontainers' container runtime client).",
  },
);

const named = <T extends Record<string, TSchema>>(body: T, description: string) =>
  Type.Object({ name: StepName, ...body }, { ...strict, description });

export const Step = Type.Union(
  [
    named({ waitForContainer: WaitForContainerBody }, 'Setup: wait for a container state.'),
    named({ writeFile: WriteFileBody }, 'Setup: write a file by exec (a random token when no content is given).'),
    named({ exec: ExecBody }, 'Setup: run a command by exec; it must exit with expectExitCode.'),
    named(
      { trigger: Trigger },
      'Set the pod off. It opens the window of the next `expect` step: that step\'s "before" is the pod right before this trigger.',
    ),
    named({ wait: WaitSpec }, 'Wait for a pod state, watch-driven, with a deadline.'),
    named({ node: NodeAction }, "Act on the pod's node: restart the kubelet, stop or start the node container."),
    named(
      { expect: Expectations },
      'Judge what happened since the previous checkpoint: the harness waits until the pod settles (within `within`), keeps watching for `consistently`, then takes the "after" snapshot. "Before" is the pod right before the last trigger since the previous `expect` step (without one: the previous checkpoint\'s "after").',
    ),
  ],
  {
    description:
      'One step of a scenario: exactly one of writeFile, exec, waitForContainer, trigger, wait, node, expect.',
  },
);

export const Requirements = Type.Object(
  {
    versions: Type.Optional(
      Type.Array(VersionRange, { description: 'Kubernetes versions the scenario applies to (all must match).' }),
    ),
    gates: Type.Optional(
      StrictMap(GateName, Type.Boolean(), {
        description: 'Feature gates the cluster profile must have in this state; otherwise the scenario is skipped.',
      }),
    ),
    nodeLabels: Type.Optional(
      StrictMap(Type.String({ minLength: 1 }), Type.String(), {
        minProperties: 1,
        description:
          "Labels one node of the cluster profile must carry (e.g. the mixed-nodes profile's node without the gate); otherwise the scenario is skipped.",
      }),
    ),
  },
  strict,
);

export const KnownDifference = Type.Object(
  {
    versions: Type.Array(VersionRange, {
      minItems: 1,
      description: 'Kubernetes versions this difference applies to (all ranges must match), e.g. ["<1.36"].',
    }),
    because: Type.String({
      minLength: 1,
      description:
        'Why this version behaves differently: an upstream issue or PR link (required for `expectedFailure`), plus words if useful. Shown next to every check it changes.',
    }),
    step: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 1 })], {
        description:
          'In a scenario with `steps`: the `expect` step this applies to, by name or 1-based position. Default: every `expect` step.',
      }),
    ),
    expect: Type.Optional(
      Type.Object(Expectations.properties, {
        ...strict,
        description:
          "Expectation kinds that replace the scenario's own for these versions, kind by kind (a `restarts` here replaces the whole `restarts`; kinds not named stay as written). Use it for behaviour a version has by design or by a known bug, never to loosen a check.",
      }),
    ),
    expectedFailure: Type.Optional(
      Type.Object(
        {
          checks: Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            description:
              'Checks (as named in reports without the "step N (...)" prefix, e.g. "restarts.trigger") that fail on these versions. Each must fail and nothing else may: the scenario is then reported as an expected failure. If a listed check passes, the scenario FAILS (the bug may be fixed: remove the declaration).',
          }),
        },
        strict,
      ),
    ),
  },
  {
    ...strict,
    description:
      'A known difference for some Kubernetes versions: either replaced expectations (`expect`) or an expected failure with an upstream link (`expectedFailure`), exactly one.',
  },
);

export const Scenario = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Unique within the suite; used for the namespace and reports.' }),
    id: Type.Optional(Type.String({ pattern: '^[A-Z][0-9]{2}[a-z]?$', description: 'Catalogue id, e.g. R01.' })),
    description: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(Type.String())),
    requires: Type.Optional(Requirements),
    pod: Type.Optional(PodSource),
    job: Type.Optional(
      Type.Union(PodSource.anyOf, {
        description:
          "Instead of `pod`: a batch/v1 Job (a file, a shipped manifest or inline, optionally patched). The harness creates the Job, follows the pod it creates (label batch.kubernetes.io/job-name) and records the Job's status for the `job` expectation.",
      }),
    ),
    setup: Type.Optional(Type.Array(SetupStep)),
    trigger: Type.Optional(Trigger),
    readyTimeoutSeconds: Type.Optional(
      Seconds('Deadline for the pod to become Ready before setup.', DEFAULT_SECONDS.ready),
    ),
    pinToNode: Type.Optional(
      Type.Object(
        {
          labels: StrictMap(Type.String({ minLength: 1 }), Type.String(), {
            minProperties: 1,
            description: 'Labels that exactly one node of the cluster carries (e.g. a profile node label).',
          }),
        },
        {
          ...strict,
          description:
            "Bind the pod to that node by setting spec.nodeName before it is sent, bypassing the scheduler (the node's kubelet still admits or refuses it).",
        },
      ),
    ),
    expect: Type.Optional(Expectations),
    steps: Type.Optional(
      Type.Array(Step, {
        minItems: 1,
        description:
          'Instead of setup + trigger + expect: an ordered list of steps, each judged where it stands. The short form is the same as steps [setup..., trigger, expect].',
      }),
    ),
    knownDifferences: Type.Optional(
      Type.Array(KnownDifference, {
        description: 'Known differences per Kubernetes version range, per expectation (see KnownDifference).',
      }),
    ),
  },
  {
    ...strict,
    description:
      'A scenario: a pod (or a Job that makes one), then either `trigger` + `expect` (with optional `setup`) or `steps`.',
  },
);

export const Suite = Type.Object(
  {
    $schema: Type.Optional(
      Type.String({ description: 'Path or URL of suite.schema.json, for editors; ignored by the harness.' }),
    ),
    apiVersion: Type.Literal('inplace-e2e.dev/v1alpha1'),
    kind: Type.Literal('Suite'),
    name: Type.String({
      pattern: DNS_LABEL,
      maxLength: 40,
      description: 'Suite name: lowercase letters, digits and dashes.',
    }),
    description: Type.Optional(Type.String()),
    journal: Type.Optional(
      Type.Union(
        [Type.String({ pattern: '^/', description: 'Absolute path inside the containers.' }), Type.Literal(false)],
        {
          default: DEFAULT_JOURNAL,
          description:
            'Journal file every container appends "<epoch> <name> netns=<ns>" to; false: none (then `runs`, `startOrder` and `identity.netns` cannot be checked).',
        },
      ),
    ),
    scenarios: Type.Array(Scenario, { minItems: 1 }),
  },
  {
    ...strict,
    title: 'inplace-e2e suite',
    description: 'Scenarios that drive a pod on a real cluster and judge what was observed.',
  },
);

export type VersionedTextT = Static<typeof VersionedText>;
export type PodSourceT = Static<typeof PodSource>;
export type SetupStepT = Static<typeof SetupStep>;
export type TriggerT = Static<typeof Trigger>;
export type ExpectationsT = Static<typeof Expectations>;
export type ApiRejectionT = Static<typeof ApiRejection>;
export type FinalExpectationT = Static<typeof FinalExpectation>;
export type ScenarioT = Static<typeof Scenario>;
export type StepT = Static<typeof Step>;
export type WaitSpecT = Static<typeof WaitSpec>;
export type NodeActionT = Static<typeof NodeAction>;
export type KnownDifferenceT = Static<typeof KnownDifference>;
export type SuiteT = Static<typeof Suite>;
export type TimingWindowT = Static<typeof TimingWindow>;
