// The workloads the benchmark measures. Latency: pods whose `trigger` container waits for a flag file
// and exits with the code written in it (the harness's exit trigger), with a RestartAllContainers rule
// on 42. Fleet: a StatefulSet of workers shaped like a synchronous training job. Every container writes
// clock stamps (clock-stamps.ts) into the pod's emptyDir.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { shippedPodFile } from '../suite/shipped.js';
import { withClockStamps } from './clock-stamps.js';

export const BENCH_IMAGE = 'registry.k8s.io/e2e-test-images/busybox:1.37.0-1';
/** Label on everything the benchmark creates. */
export const BENCH_LABEL = 'inplace-e2e.dev/bench';

type Manifest = Record<string, unknown>;

export interface PodShape {
  name: string;
  description: string;
  /** The container whose exit 42 restarts the pod. */
  trigger: string;
  /** A pod manifest named `podName` (no namespace), clock stamps included. */
  manifest(podName: string): { manifest: Manifest; stamped: string[] };
}

const shared = { name: 'shared', mountPath: '/shared' };
const restartOn42 = [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }];
// Polls every 0.2 s (busybox sleep takes fractions); the exit is timed by its own stamp, not by the flag write.
const triggerScript =
  'while [ ! -f /shared/go ]; do sleep 0.2; done; [ -s /shared/go ] || sleep 0.2; code=$(cat /shared/go); rm -f /shared/go; exit ${code:-42}';
// Exits at once on SIGTERM: `wait` returns when a trapped signal arrives, sleep alone (PID 1) would ignore it.
const mainScript = "trap 'exit 0' TERM; sleep 100000 & wait";

function container(name: string, script: string, extra: Manifest = {}): Manifest {
  return {
    name,
    image: BENCH_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', script],
    volumeMounts: [shared],
    ...extra,
  };
}

function pod(podName: string, spec: Manifest): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, labels: { [BENCH_LABEL]: 'latency' } },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 30,
      volumes: [{ name: 'shared', emptyDir: {} }],
      ...spec,
    },
  };
}

function stamped(m: Manifest): { manifest: Manifest; stamped: string[] } {
  const s = withClockStamps(m);
  return { manifest: s.manifest, stamped: s.stamped };
}

/** KEP-5532's "simple two-container pod": the trigger and one main container that stops on SIGTERM. */
export const twoContainerShape: PodShape = {
  name: 'two-container',
  description: 'trigger (rule RestartAllContainers on 42) + main (stops on SIGTERM); no init containers',
  trigger: 'trigger',
  manifest: (podName) =>
    stamped(
      pod(podName, {
        containers: [
          container('trigger', triggerScript, { restartPolicy: 'Never', restartPolicyRules: restartOn42 }),
          container('main', mainScript),
        ],
      }),
    ),
};

/** One container alone: 1.35 restarts it only at the kubelet's periodic resync (kubernetes#136966). */
export const oneContainerShape: PodShape = {
  name: 'one-container',
  description: 'the trigger alone (1.35 waits for the periodic resync, kubernetes#136966)',
  trigger: 'trigger',
  manifest: (podName) =>
    stamped(
      pod(podName, {
        containers: [container('trigger', triggerScript, { restartPolicy: 'Never', restartPolicyRules: restartOn42 })],
      }),
    ),
};

/** The harness's shipped S-BASE pod (suites/pods/base.yaml) as it is, plus clock stamps. */
export const basePodShape: PodShape = {
  name: 'base',
  description:
    'suites/pods/base.yaml: init, sidecar, trigger, bystander (sidecar and bystander run `exec sleep`, which ignores SIGTERM)',
  trigger: 'trigger',
  manifest: (podName) => {
    const m = parse(readFileSync(shippedPodFile('base'), 'utf8')) as Manifest & { metadata?: Manifest };
    m.metadata = { ...(m.metadata ?? {}), name: podName, labels: { [BENCH_LABEL]: 'latency' } };
    return stamped(m);
  },
};

export const POD_SHAPES: Record<string, PodShape> = {
  [twoContainerShape.name]: twoContainerShape,
  [basePodShape.name]: basePodShape,
  [oneContainerShape.name]: oneContainerShape,
};

export interface FleetSpec {
  name: string;
  replicas: number;
  /** Seconds of setup the init container does on every start. */
  setupSeconds: number;
  /** Seconds more when the pod's emptyDir is new (a recreated pod: image pulls, a dataset download). */
  coldSetupSeconds: number;
}

/** Label of the fleet's pods (value: the StatefulSet's name). */
export const FLEET_LABEL = 'inplace-e2e.dev/fleet';
/** Flag files the harness writes by exec: into `main` to fail it, into `watcher` to restart the pod in place. */
export const FAIL_FLAG = '/shared/fail';
export const RESTART_FLAG = '/shared/restart';

/**
 * A synchronous training job's workers: init `setup` (its cost is the parameter), sidecar `watcher`
 * carrying the RestartAllContainers rule (exits 42 when the coordinator writes the restart flag), and
 * `main` (exits 1 when the failure flag is written; the failure the coordinator reacts to). Every
 * container stops at once on SIGTERM, so deletion and in-place restart time the kubelet, not a grace period.
 */
export function fleetStatefulSet(f: FleetSpec): Manifest {
  const labels = { [FLEET_LABEL]: f.name, [BENCH_LABEL]: 'fleet' };
  const cold =
    f.coldSetupSeconds > 0
      ? `if [ ! -f /shared/warm ]; then sleep ${f.coldSetupSeconds}; touch /shared/warm; fi; `
      : '';
  const setup = `${cold}sleep ${f.setupSeconds}`;
  const waitFor = (flag: string, code: number) =>
    `trap 'exit 0' TERM; while [ ! -f ${flag} ]; do sleep 0.2; done; rm -f ${flag}; exit ${code}`;
  const template: Manifest = {
    metadata: { labels },
    spec: {
      terminationGracePeriodSeconds: 30,
      volumes: [{ name: 'shared', emptyDir: {} }],
      topologySpreadConstraints: [
        // ScheduleAnyway: after a node loss the cordoned node still counts as a domain, and a hard constraint would strand the pods.
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { [FLEET_LABEL]: f.name } },
        },
      ],
      initContainers: [
        container('setup', setup),
        container('watcher', waitFor(RESTART_FLAG, 42), { restartPolicy: 'Always', restartPolicyRules: restartOn42 }),
      ],
      containers: [container('main', waitFor(FAIL_FLAG, 1))],
    },
  };
  const stampedTemplate = withClockStamps({ spec: template.spec }).manifest as Manifest;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: f.name, labels },
    spec: {
      replicas: f.replicas,
      podManagementPolicy: 'Parallel',
      serviceName: f.name,
      selector: { matchLabels: { [FLEET_LABEL]: f.name } },
      template: { ...template, spec: stampedTemplate.spec },
    },
  };
}
