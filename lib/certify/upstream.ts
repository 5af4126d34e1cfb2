// Kubernetes' own e2e tests for the feature, offline: `e2e.test` built from the k8s.io/kubernetes module
// of the image's release (scripts/build-e2e-test.sh, cached like the node-image stages), run against the
// same cluster with --provider skeleton, its ginkgo JSON report read into UpstreamSpecs and set beside the
// harness's verdicts. Parsing and the agreement are pure; building and running are I/O.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import { describeFailure, runHostCommand, type HostCommand } from '../host/command.js';
import { cacheDir, packageRoot } from '../package.js';
import { NODE_ACTIONS_TAINT } from '../profiles/types.js';
import type { Agreement, ScenarioFact, UpstreamResults, UpstreamSpec, UpstreamState } from './types.js';

/** The specs of RestartAllContainers (KEP-5532) and of container restart rules (KEP-5307). */
export const UPSTREAM_FOCUS = 'RestartAllContainers|container restart policy';

/** Taint keys e2e.test must not wait out: its own default (the control plane's) and the harness's reservation. */
export const UPSTREAM_NON_BLOCKING_TAINTS = ['node-role.kubernetes.io/control-plane', NODE_ACTIONS_TAINT.key];

const STATES: readonly UpstreamState[] = [
  'passed',
  'failed',
  'skipped',
  'pending',
  'panicked',
  'interrupted',
  'aborted',
  'timedout',
];

/**
 * Specs from a ginkgo v2 JSON report (`--ginkgo.json-report`): the It nodes that ran, or that skipped
 * themselves with a reason; specs left out by the focus (skipped without a message) are not listed.
 */
export function parseGinkgoJson(text: string): UpstreamSpec[] {
  const doc: unknown = JSON.parse(text);
  const reports = Array.isArray(doc) ? doc : [doc];
  const specs: UpstreamSpec[] = [];
  for (const report of reports) {
    const list = (report as { SpecReports?: unknown }).SpecReports;
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const s = raw as {
        LeafNodeType?: string;
        LeafNodeText?: string;
        ContainerHierarchyTexts?: string[] | null;
        State?: string;
        RunTime?: number;
        Failure?: { Message?: string };
      };
      if (s.LeafNodeType !== 'It') continue;
      const state = (STATES as readonly string[]).includes(s.State ?? '') ? (s.State as UpstreamState) : 'failed';
      const failure = s.Failure?.Message?.trim();
      if (state === 'skipped' && !failure) continue;
      specs.push({
        name: [...(s.ContainerHierarchyTexts ?? []), s.LeafNodeText ?? ''].filter(Boolean).join(' '),
        state,
        seconds: Math.round((s.RunTime ?? 0) / 1e7) / 100,
        ...(failure ? { failure: failure.split('\n').slice(0, 6).join('\n') } : {}),
      });
    }
  }
  return specs.sort((a, b) => a.name.localeCompare(b.name));
}

/** The feature areas upstream's specs and the harness's scenarios are set beside each other in. */
export type Area = 'RestartAllContainers' | 'container restart rules';

/** Upstream's area of a spec, from its name. */
export function upstreamArea(spec: UpstreamSpec): Area {
  return /RestartAllContainers/i.test(spec.name) ? 'RestartAllContainers' : 'container restart rules';
}

/** The harness's area of a scenario, from its pod: the action RestartAllContainers, else any restart rule. */
export function harnessArea(pod: unknown): Area | undefined {
  const text = JSON.stringify(pod);
  if (text.includes('"RestartAllContainers"')) return 'RestartAllContainers';
  if (text.includes('"restartPolicyRules"')) return 'container restart rules';
  return undefined;
}

const green = (status: ScenarioFact['status']) => status === 'passed' || status === 'expected-failure';

/**
 * Per area: how many upstream specs and harness scenarios passed, and whether they agree (both all green
 * or both not). Scenarios that were skipped count on neither side. Pure.
 */
export function agreement(
  specs: UpstreamSpec[],
  scenarios: ScenarioFact[],
  areaOf: (s: ScenarioFact) => Area | undefined,
): Agreement[] {
  const areas: Area[] = ['RestartAllContainers', 'container restart rules'];
  return areas.map((area) => {
    const up = specs.filter((s) => upstreamArea(s) === area && s.state !== 'skipped');
    const ours = scenarios.filter((s) => areaOf(s) === area && s.status !== 'skipped');
    const upstream = {
      passed: up.filter((s) => s.state === 'passed').length,
      total: up.length,
      failing: up.filter((s) => s.state !== 'passed').map((s) => s.name),
    };
    const harness = {
      passed: ours.filter((s) => green(s.status)).length,
      total: ours.length,
      failing: ours.filter((s) => !green(s.status)).map((s) => s.id ?? `${s.suite}/${s.scenario}`),
    };
    const counts = `upstream ${upstream.passed}/${upstream.total} specs passed, harness ${harness.passed}/${harness.total} scenarios passed`;
    if (upstream.total === 0 || harness.total === 0) {
      return { area, upstream, harness, agree: true, text: `${area}: ${counts}: nothing to set side by side` };
    }
    const upGreen = upstream.failing.length === 0;
    const ourGreen = harness.failing.length === 0;
    const agree = upGreen === ourGreen;
    const text = agree
      ? `${area}: ${counts}: agree`
      : upGreen
        ? `${area}: ${counts}: DISAGREE: upstream passes every spec, the harness fails ${harness.failing.join(', ')}`
        : `${area}: ${counts}: DISAGREE: the harness passes every scenario, upstream fails ${upstream.failing.length} spec(s): ${upstream.failing.join('; ')}`;
    return { area, upstream, harness, agree, text };
  });
}

/** `e2e.test --list-images`: one image reference a line. */
export function parseListImages(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9.-]+(:\d+)?\/[^\s]+:[^\s]+$/.test(l));
}

/**
 * The busybox tags e2e.test asks for that the harness's own busybox must stand in for: e2e.test v1.37.2 names
 * busybox:1.37.0-2 where the harness builds 1.37.0-1 (the specs then fail on ImagePullBackOff with no registry).
 */
export function busyboxStandIns(listed: string[], harnessBusybox: string): string[] {
  const repo = harnessBusybox.slice(0, harnessBusybox.lastIndexOf(':'));
  return listed.filter((i) => i.startsWith(`${repo}:`) && i !== harnessBusybox);
}

// ---- I/O: building and running e2e.test --------------------------------------------------------------------

/** Where the e2e.test of a release is cached: <cache>/bin/e2e-test-<version>/e2e.test. */
export function e2eTestBinary(version: string, cache = cacheDir()): string {
  return path.join(cache, 'bin', `e2e-test-${version}`, 'e2e.test');
}

/**
 * The e2e.test of a release, built when the cache lacks it (about 5 minutes with a warm Go cache, 15 cold),
 * under `flock` on <cache>/go-build.lock when flock exists, so two Go builds never run at once.
 */
export async function ensureE2eTest(
  version: string,
  log: (line: string) => void,
  run: HostCommand = runHostCommand,
  cache = cacheDir(),
): Promise<string> {
  const binary = e2eTestBinary(version, cache);
  if (existsSync(binary)) return binary;
  const script = path.join(packageRoot(), 'lib', 'certify', 'scripts', 'build-e2e-test.sh');
  const work = path.join(cache, 'build', `e2e-test-${version}`);
  const lock = process.env.INPLACE_E2E_GOBUILD_LOCK?.trim() || path.join(cache, 'go-build.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  log(`upstream: building e2e.test ${version} from the k8s.io/kubernetes module (cached at ${binary})`);
  const started = Date.now();
  const hasFlock = (await run('flock', ['--version'])).exitCode === 0;
  const r = hasFlock
    ? await run('flock', [lock, 'bash', script, version, binary, work], {
        timeoutMs: 60 * 60_000,
        onLine: (l) => log(`upstream: ${l}`),
      })
    : await run('bash', [script, version, binary, work], {
        timeoutMs: 60 * 60_000,
        onLine: (l) => log(`upstream: ${l}`),
      });
  if (r.exitCode !== 0 || !existsSync(binary))
    throw new EnvironmentError(
      `cannot build e2e.test ${version}: ${describeFailure(r)}`,
      'Go and the module proxy (or a warm module cache) are needed once per release',
    );
  log(`upstream: e2e.test ${version} built in ${Math.round((Date.now() - started) / 1000)}s`);
  return binary;
}

/**
 * Makes the busybox images e2e.test names available in the cluster without a registry: a tag Docker lacks is
 * the harness's busybox under that name (`docker tag`), then each is loaded into the cluster's nodes.
 * Returns what it did, one line each, for the results.
 */
export async function stageUpstreamImages(
  o: { binary: string; harnessBusybox: string; loadImage: (image: string) => Promise<void> },
  log: (line: string) => void,
  run: HostCommand = runHostCommand,
): Promise<string[]> {
  const listed = await run(o.binary, ['--list-images'], { timeoutMs: 60_000 });
  if (listed.exitCode !== 0) return [`e2e.test --list-images failed: ${describeFailure(listed)}`];
  const notes: string[] = [];
  for (const image of busyboxStandIns(parseListImages(listed.stdout), o.harnessBusybox)) {
    const has = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image])).exitCode === 0;
    if (!has) {
      const tagged = await run('docker', ['tag', o.harnessBusybox, image]);
      if (tagged.exitCode !== 0) {
        notes.push(`cannot tag ${o.harnessBusybox} as ${image}: ${describeFailure(tagged)}`);
        continue;
      }
      notes.push(`${image}: the harness's ${o.harnessBusybox} under the name e2e.test uses`);
    }
    log(`upstream: loading ${image} into the cluster`);
    await o.loadImage(image);
  }
  return notes;
}

/**
 * Runs upstream's focused specs against a cluster; writes junit.xml, ginkgo.json and e2e.log into `dir`.
 * Never throws for failing specs: they are results. An e2e.test that reports nothing is an error value.
 */
export async function runUpstream(
  o: { binary: string; version: string; kubeconfig: string; dir: string; focus?: string; timeoutMinutes?: number },
  log: (line: string) => void,
  run: HostCommand = runHostCommand,
): Promise<UpstreamResults> {
  const focus = o.focus ?? UPSTREAM_FOCUS;
  await mkdir(o.dir, { recursive: true });
  const json = path.join(o.dir, 'ginkgo.json');
  const args = [
    '--provider',
    'skeleton',
    '--kubeconfig',
    o.kubeconfig,
    '--ginkgo.focus',
    focus,
    // Before any spec, the framework waits (up to 30 min) until every node is schedulable, and a taint
    // not in this list counts as unschedulable: the worker the profiles keep for node actions has one.
    '--non-blocking-taints',
    UPSTREAM_NON_BLOCKING_TAINTS.join(','),
    '--ginkgo.junit-report',
    path.join(o.dir, 'junit.xml'),
    '--ginkgo.json-report',
    json,
    '--ginkgo.no-color',
    '--ginkgo.timeout',
    `${o.timeoutMinutes ?? 30}m`,
  ];
  log(`upstream: e2e.test ${o.version} --ginkgo.focus '${focus}'`);
  const started = Date.now();
  const lines: string[] = [];
  const r = await run(o.binary, args, {
    timeoutMs: ((o.timeoutMinutes ?? 30) + 5) * 60_000,
    onLine: (l) => {
      lines.push(l);
      if (/^\s*(•|\[FAIL\]|Ran \d+|FAIL!|SUCCESS!|PASS|FAIL)/.test(l)) log(`upstream: ${l.trim()}`);
    },
  });
  await writeFile(path.join(o.dir, 'e2e.log'), `${lines.join('\n')}\n`);
  const seconds = Math.round((Date.now() - started) / 1000);
  let specs: UpstreamSpec[] = [];
  let error: string | undefined;
  try {
    specs = parseGinkgoJson(await readFile(json, 'utf8'));
  } catch (e) {
    error = `no ginkgo report from e2e.test (${(e as Error).message}); ${describeFailure(r)}`;
  }
  if (!error && specs.length === 0)
    error = `e2e.test selected no spec for --ginkgo.focus '${focus}' (${describeFailure(r)})`;
  return { version: o.version, focus, seconds, specs, ...(error ? { error } : {}) };
}
