// Command-line parsing: pure (the environment comes in as a parameter), so every flag error is tested
// offline and exits 2 before anything runs. Each command's flags are one table (COMMAND_OPTIONS) that
// parsing, "did you mean" and shell completion all read.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchOptions } from '../bench/run.js';
import { CERTIFY_DEFAULTS, type CertifyOptions } from '../certify/run.js';
import { errorText } from '../errors.js';
import { closestKey } from '../input/describe.js';
import { DEFAULT_PROFILE } from '../profiles/load.js';
import type { ListOptions } from '../runner/list.js';
import { RUN_DEFAULTS, type RunOptions } from '../runner/options.js';
import type { SetupOptions } from '../setup/index.js';
import { parseShard } from '../verdict/shard.js';

/** `run`: the runner's options, as flags set them. */
export interface RunArgs extends Omit<RunOptions, 'crashExitCode' | 'color'> {
  command: 'run';
  /** --setup: first bring up Docker, get the node image and kind (lib/setup), as `npm run e2e` does. */
  setup: boolean;
}

/** `setup`: the set-up's options, as flags set them (the log is the CLI's). */
export interface SetupArgs extends Omit<SetupOptions, 'log' | 'buildProgress'> {
  command: 'setup';
  verbose: boolean;
}

/** `list` (or `run --dry-run`): what a run would do with each scenario, per profile. */
export interface ListArgs extends Omit<ListOptions, 'profiles'> {
  command: 'list';
  /** Profile names or files, or every shipped profile (--all-profiles). */
  profiles: string[] | 'all shipped';
  output: OutputFormat;
}

/** `bench`: the benchmark's options, as flags set them. */
export interface BenchArgs extends Omit<BenchOptions, 'crashExitCode'> {
  command: 'bench';
  /** The largest fleet the flags may ask for (checked here, not a benchmark option). */
  maxPods: number;
}

/** `certify`: the certification's options, as flags set them. */
export interface CertifyArgs extends Omit<CertifyOptions, 'crashExitCode'> {
  command: 'certify';
}

export const DEFAULT_BENCH_PROFILE = '1.35-multinode';
const BENCH_SHAPES = ['two-container', 'base', 'one-container'];
const BENCH_STRATEGIES = ['recreate', 'in-place', 'hybrid'] as const;

export type OutputFormat = 'text' | 'json';
export type Shell = 'bash' | 'zsh';

export type CliCommand =
  | RunArgs
  | ListArgs
  | SetupArgs
  | BenchArgs
  | { command: 'bench-report'; reports: string[]; reportDir: string }
  | {
      command: 'validate';
      suites: string[];
      kubernetes?: string;
      profile?: string;
      output: OutputFormat;
      annotations: boolean;
    }
  | {
      command: 'plan';
      profile: string;
      suites: string[];
      nodeImage?: string;
      localImage: boolean;
      output: OutputFormat;
    }
  | { command: 'cleanup'; dryRun: boolean; names: string[] }
  | { command: 'node-image-build'; kubernetes: string; moduleVersion?: string; tag?: string; verbose: boolean }
  | { command: 'profiles'; output: OutputFormat }
  | { command: 'report-html'; files: string[]; out: string; suites: string[] }
  | CertifyArgs
  | { command: 'certify-verify'; bundle: string }
  | { command: 'completion'; shell: Shell }
  | { command: 'help'; topic?: string }
  | { command: 'version' };

/** The option table of one command, as node:util parseArgs takes it. */
type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** Every command accepts these. */
const COMMON: Options = { 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
const OUTPUT: Options = { output: { type: 'string', short: 'o' } };
const CLUSTER: Options = {
  profile: { type: 'string' },
  'node-image': { type: 'string' },
  'local-image': { type: 'boolean' },
  keep: { type: 'boolean' },
  reuse: { type: 'string' },
  'existing-cluster': { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'allow-node-actions': { type: 'boolean' },
  'report-dir': { type: 'string' },
};
const SELECTION: Options = {
  grep: { type: 'string' },
  exclude: { type: 'string' },
  shard: { type: 'string' },
  control: { type: 'boolean' },
  'allow-skips': { type: 'boolean' },
};

/** The flags of each command (subcommands share their command's row). Completion and suggestions read it. */
export const COMMAND_OPTIONS = {
  run: {
    ...COMMON,
    ...CLUSTER,
    ...SELECTION,
    parallel: { type: 'string' },
    'fail-fast': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    setup: { type: 'boolean' },
  },
  setup: {
    ...COMMON,
    profile: { type: 'string' },
    'node-image': { type: 'string' },
    'local-image': { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  list: {
    ...COMMON,
    ...OUTPUT,
    ...SELECTION,
    profile: { type: 'string', multiple: true },
    'all-profiles': { type: 'boolean' },
  },
  bench: {
    ...COMMON,
    ...CLUSTER,
    shapes: { type: 'string' },
    reps: { type: 'string' },
    'reps-per-pod': { type: 'string' },
    'fleet-sizes': { type: 'string' },
    'fleet-reps': { type: 'string' },
    strategies: { type: 'string' },
    'setup-seconds': { type: 'string' },
    'cold-setup-seconds': { type: 'string' },
    'max-pods': { type: 'string' },
    'time-limit': { type: 'string' },
  },
  validate: {
    ...COMMON,
    ...OUTPUT,
    kubernetes: { type: 'string' },
    profile: { type: 'string' },
    annotations: { type: 'string' },
  },
  plan: {
    ...COMMON,
    ...OUTPUT,
    profile: { type: 'string' },
    'node-image': { type: 'string' },
    'local-image': { type: 'boolean' },
  },
  cleanup: { ...COMMON, 'dry-run': { type: 'boolean' } },
  'node-image': {
    ...COMMON,
    kubernetes: { type: 'string' },
    'module-version': { type: 'string' },
    tag: { type: 'string' },
    verbose: { type: 'boolean' },
  },
  profiles: { ...COMMON, ...OUTPUT },
  'report-html': { ...COMMON, out: { type: 'string' }, suites: { type: 'string', multiple: true } },
  certify: {
    ...COMMON,
    'node-image': { type: 'string', multiple: true },
    out: { type: 'string' },
    'no-upstream': { type: 'boolean' },
    references: { type: 'string' },
    'write-reference': { type: 'string' },
    parallel: { type: 'string' },
  },
  completion: { ...COMMON },
} satisfies Record<string, Options>;

export type CommandName = keyof typeof COMMAND_OPTIONS | 'help' | 'version';
export const COMMAND_NAMES: CommandName[] = [...(Object.keys(COMMAND_OPTIONS) as CommandName[]), 'help', 'version'];
/** The words after a command that name a subcommand. */
export const SUBCOMMANDS: Partial<Record<CommandName, string[]>> = {
  bench: ['report'],
  'node-image': ['build'],
  certify: ['verify'],
  completion: ['bash', 'zsh'],
};
/** The values a flag takes, where they are a fixed set (completion offers them; parsing checks them). */
export const FLAG_VALUES: Record<string, string[]> = { output: ['text', 'json'], annotations: ['github', 'none'] };

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE: Record<string, string> = {
  main: `inplace-e2e — prove Kubernetes in-place pod restart (RestartAllContainers) on real kind clusters

Usage:
  inplace-e2e run [suites...] [options]     create a kind cluster, run scenarios, write reports
  inplace-e2e list [suites...] [options]    what a run would run, skip (and why) or run as a control (offline)
  inplace-e2e setup [--profile P]           Docker, the node image and kind a run needs (npm run e2e does it)
  inplace-e2e bench [options]               measure restart latency and fleet recovery on a real cluster
  inplace-e2e bench report JSON...          render several bench.json (e.g. one per version) together
  inplace-e2e validate [files...]           check suites, Kubernetes manifests, profiles (offline)
  inplace-e2e plan [--profile P] [suites...] print the kind config, gates and manifests (offline)
  inplace-e2e cleanup [NAME...] [--dry-run] delete every cluster this harness created (or the named ones)
  inplace-e2e node-image build [options]    build a kind node image from Go modules (no registry)
  inplace-e2e profiles                      list the shipped cluster profiles
  inplace-e2e certify --node-image IMG...   judge node images against this project's reference, into a bundle
  inplace-e2e certify verify BUNDLE         check a certify bundle's integrity and print its summary
  inplace-e2e report-html FILE... [--out F] draw report.json files or recorded observations as one page
  inplace-e2e completion bash|zsh           print a shell completion script

Suites are files, directories or names of shipped suites (core, validation, gate-off).
Without suites, every shipped suite runs. Run 'inplace-e2e help <command>' for a command's options.
Every command takes --no-color (also NO_COLOR=1; no colour either when the output is not a terminal).
Exit codes: 0 all passed, 1 scenario failures, 2 bad input, 3 environment or preflight failure.`,
  run: `Usage: inplace-e2e run [suites...] [options]

Options:
  --profile P             cluster profile: a shipped name or a file (default ${DEFAULT_PROFILE})
  --node-image IMG        kind node image for every node (overrides the profile)
  --local-image           use the profile's locally built image (also: INPLACE_E2E_LOCAL_IMAGE=1)
  --grep RE               only scenarios whose "suite id name" matches RE
  --exclude RE            leave out scenarios whose "suite id name" matches RE (the complement of --grep)
  --shard I/N             run share I of N (1-based) of the selected scenarios: the same split on every
                          machine, each scenario in exactly one shard (an empty shard is refused, exit 2)
  --fail-fast             start no further scenario after one fails (running ones finish; the rest are
                          reported skipped, naming the failure)
  --parallel N            scenarios at a time (default ${RUN_DEFAULTS.parallel})
  --keep                  keep the cluster (and failed scenarios' namespaces) afterwards
  --reuse NAME            reuse a cluster this harness created and kept
  --kubeconfig KC         run against the cluster of kubeconfig file KC (never created or deleted; the
                          file is only read); --existing-cluster KC is the same
  --context NAME          the context of that kubeconfig to use (default its current-context, which is
                          never changed); alone: the context of $KUBECONFIG, else ~/.kube/config
  --dry-run               print what would run, be skipped or act as a control, and stop (inplace-e2e list)
  --setup                 first bring up Docker, get the node image and kind (inplace-e2e setup), then run
                          with that image; a set-up that fails exits 3 before any report is written
  --report-dir DIR        where junit.xml, report.json and summary.md go (default ${RUN_DEFAULTS.reportDir})
  --control               control run (a gate-off or rules-off profile): scenarios that need a gate the profile
                          has off run with the control's own expectations and must fail their positive ones
  --allow-node-actions    let scenarios restart the kubelet of, stop or start nodes of an --existing-cluster
                          the harness did not create (harness clusters need no flag; other clusters are refused)
  --allow-skips           let a run pass whose selected scenarios are all skipped (otherwise: nothing was
                          proven, so it fails; a --grep or --exclude that leaves nothing always fails)

Exit codes: 0 passed, 1 scenario failures (or every scenario skipped), 2 bad input or an empty selection
(before anything starts), 3 environment or preflight failure. Reports are written in every case.`,
  bench: `Usage: inplace-e2e bench [options]
       inplace-e2e bench report BENCH_JSON... [--report-dir DIR]   (offline: one Markdown/HTML over several runs)

Measures, on a real cluster, what in-place restart promises:
  restart latency  a restart-all repeated on each pod shape: from the trigger container's exit to
                   AllContainersRestarting True, the first and the last container running again and the
                   pod Ready again; p50/p95/p99/max per phase, and whether p99 meets KEP-5532's 5 s target;
  fleet recovery   N workers (init setup, main, watcher sidecar), one failure, three ways back: recreate
                   all (delete, the StatefulSet recreates), in place (every watcher exits 42), and after a
                   node loss (a worker's node stopped: its pods recreated elsewhere, the rest in place);
                   failure → all N Running and Ready with init done, p50/p95, ratios, growth with N.
Writes bench.json, bench.md, bench.html and SVG charts to the report directory.

Cluster:
  --profile P             cluster profile (default ${DEFAULT_BENCH_PROFILE}: two workers, for the fleet)
  --node-image IMG        kind node image for every node
  --local-image           use the profile's locally built image (also: INPLACE_E2E_LOCAL_IMAGE=1)
  --keep / --reuse NAME   keep the created cluster / reuse a kept one
  --kubeconfig KC         a cluster you own (kubeconfig KC; --existing-cluster KC is the same): the benchmark
                          works in its own labelled namespace, bounded by --max-pods and --time-limit, removes
                          all it created, and stops no node unless --allow-node-actions
  --context NAME          that kubeconfig's context (default its current-context, never changed)
  --allow-node-actions    let the node-loss strategy stop a worker node of a cluster this run did not create
Latency:
  --shapes LIST           pod shapes: ${BENCH_SHAPES.join(', ')}, or none (default two-container,base)
  --reps N                repetitions per shape (default 100)
  --reps-per-pod K        a fresh pod every K repetitions (default 25)
Fleet:
  --fleet-sizes LIST      fleet sizes N, or none (default 1,4,16)
  --fleet-reps N          repetitions per size and strategy (default 5)
  --strategies LIST       ${BENCH_STRATEGIES.join(', ')} (default all)
  --setup-seconds S       the init container's work on every start (default 1)
  --cold-setup-seconds S  more work when the pod's emptyDir is new: a recreated pod (default 0)
Bounds and output:
  --max-pods N            refuse fleet sizes above N (default 64)
  --time-limit MIN        start no repetition after MIN minutes (default 120)
  --report-dir DIR        default reports/bench

Exit codes: 0 every repetition completed, 1 some did not (they count against the target), 2 bad input,
3 environment or preflight failure.`,
  validate: `Usage: inplace-e2e validate [files...] [--kubernetes V | --profile P] [-o json] [--annotations github]

Checks, offline, suite files (schema, gate and container names, version ranges, their pods), plain Kubernetes
manifests (a Pod or the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob; several
documents per file) and cluster profiles. Pods are judged against the API types of the Kubernetes minor in play
and the API server's restart-rule validation (actions, operators, limits, restartPolicy, sidecars, ephemeral
containers), with the server's own error text. Prints file:line:column, the path, what was found and what
was expected, every problem of every file in one pass. Exit 2 on any problem.
  --kubernetes V          judge against Kubernetes V (manifests at its default gates; suites: as each
                          scenario requires)
  --profile P             judge against profile P's Kubernetes minor and kube-apiserver gates
  -o, --output json       one JSON document on stdout: {ok, files, problems} (exit 2 still on a problem)
  --annotations github    also print each problem and warning as a GitHub Actions annotation
                          (::error file=…,line=…,col=…::…; on stderr with -o json); the default under
                          GITHUB_ACTIONS=true; none: never
Without either, manifests are judged against the default profile (${DEFAULT_PROFILE}) and each suite scenario
against every Kubernetes minor of the gate table it can run on.`,
  plan: `Usage: inplace-e2e plan [--profile P] [--node-image IMG] [--local-image] [-o json] [suites...]

Prints what a run would do, offline: the kind cluster config for this host, the resolved feature gates
per component and node, host notes (cgroup v1, capabilities), and every pod manifest exactly as sent.
  -o, --output json       the same as one JSON document`,
  list: `Usage: inplace-e2e list [suites...] [--profile P]... [--all-profiles] [--grep RE] [--exclude RE]
                        [--shard I/N] [--control] [-o json]

Prints, offline, what \`run\` would do with each scenario on each profile: run it, run it as a gate-off
control (--control), or skip it, with the reason (version, gate, --grep, --exclude); with --shard, only
that shard's scenarios. A selection a run would refuse (nothing to run: exit 2) is said so, and list
exits 2 as the run would. \`run --dry-run\` is the same for the run's own profile.
  --profile P             a shipped profile name or a file (repeatable; default ${DEFAULT_PROFILE})
  --all-profiles          every shipped profile
  -o, --output json       one JSON document: a listing per profile`,
  setup: `Usage: inplace-e2e setup [--profile P] [--node-image IMG | --local-image] [--verbose]

Gets this machine ready for \`run\` on profile P (default ${DEFAULT_PROFILE}), saying what it does as it goes:
  1. docker   an engine that answers: started with lib/host/docker-up.sh when this is root on Debian or
              Ubuntu; elsewhere the one command to run is printed (exit 3);
  2. image    --node-image as given (pulled if Docker lacks it); --local-image: the profile's offline build,
              built when absent (inplace-e2e node-image build; needs Go); otherwise the profile's pinned
              upstream image, pulled, and when no registry answers (a pull that has not started within
              20 s counts as no answer) the offline build instead;
  3. kind     $INPLACE_E2E_KIND, the one in the cache, or on PATH; else built from its Go module.
Ends with the flag a run needs for that image. Idempotent: once everything is there it takes seconds.
\`run --setup\` (what \`npm run e2e\` runs) does this first and then runs with the image it found.
  --verbose               stream a node-image build's output (see inplace-e2e help node-image)`,
  completion: `Usage: inplace-e2e completion bash|zsh

Prints a completion script: commands, each command's flags, profile names, output formats.
  bash:  source <(inplace-e2e completion bash)      (or save it under /etc/bash_completion.d/)
  zsh:   source <(inplace-e2e completion zsh)       (or save it as _inplace-e2e on your $fpath)`,
  cleanup: `Usage: inplace-e2e cleanup [NAME...] [--dry-run]

Deletes every kind cluster this harness created (and recorded as its own), or only the named ones (a run
with --keep prints its cluster's name). Never touches other clusters, nor one a running inplace-e2e
process uses. A NAME that is no cluster of this harness is an error (exit 2).`,
  'node-image': `Usage: inplace-e2e node-image build [--kubernetes v1.35.8] [--module-version V] [--tag IMAGE] [--verbose]

Builds a kind node image without any container registry: Kubernetes, etcd, crictl, CNI and pause from Go
modules and C sources, a Debian base from Debian packages. Every stage is cached outside the repository.
  --kubernetes V          Kubernetes release to build (default v1.35.8)
  --module-version V      any k8s.io/kubernetes module version (e.g. a pseudo-version for a commit)
  --tag IMAGE             image name (default inplace-e2e/node:<version>)
  --verbose               stream every stage's output (by default it goes to a log file per stage, named
                          when the stage fails; a terminal gets one live status line with elapsed time and
                          the previous build's timings as the estimate; GitHub Actions gets ::group:: folds)`,
  'report-html': `Usage: inplace-e2e report-html FILE... [--out report.html] [--suites PATH]...

Draws run reports (report.json) and recorded observations (one scenario's observation as JSON, e.g. test/fixtures/
observations/real/*.json) as one self-contained HTML page: a swimlane picture per scenario. An observation is judged
with the scenario of the same suite and name from --suites (default: the shipped suites); without one it is drawn
as recorded, not judged.
  --out F                 the page to write (default report.html)
  --suites PATH           suite file or directory to judge observations with (repeatable)`,
  certify: `Usage: inplace-e2e certify --node-image IMG [--node-image IMG2 ...] [options]
       inplace-e2e certify verify BUNDLE

Judges kind node images: reads the Kubernetes version from each image (/kind/version and kubelet --version,
which must agree), picks the profile of that minor (1.35: 1.35-gates-on, 1.36/1.37: <minor>-defaults), runs every
shipped suite and the gate-off control on it, reads the node's facts (kubelet, containerd, runc, crictl, kernel,
cgroups, each component's feature gates, status.declaredFeatures, image id), runs Kubernetes' own e2e.test for
RestartAllContainers and container restart rules against the same cluster (built from the k8s.io/kubernetes
module of that release and cached), and compares everything with this project's reference of the minor
(references/<minor>.json). Writes one .tar.gz with every report, the node facts, upstream's results, the
suites and profiles used with their sha256, and SHA256SUMS. An image of a minor without a profile and
reference is refused (exit 2).
  --node-image IMG        a local node image (repeatable: several images, judged one after the other)
  --out F                 the bundle (default ${CERTIFY_DEFAULTS.out}); its files are assembled in F's name + .d/
  --no-upstream           do not build or run upstream's e2e.test
  --references DIR        the references to compare with (default: references/ of this package)
  --write-reference DIR   also write each image's verdicts as the reference of its minor (DIR/<minor>.json)
  --parallel N            scenarios at a time (default ${CERTIFY_DEFAULTS.parallel})

certify verify BUNDLE checks that SHA256SUMS covers every file of the bundle with the right hash, that the
layout is complete and the suites and profiles match the sha256 in manifest.json, then prints summary.md.

Exit codes: 0 every image certified (bundle verified), 1 some image not certified (bundle changed or
incomplete), 2 bad input (an unknown minor, an image that is no kind node image), 3 environment (Docker,
a cluster that could not be created).`,
  profiles: `Usage: inplace-e2e profiles [-o json]

Lists the shipped cluster profiles with their Kubernetes version and gates.`,
};

/** What parsing reads from the environment (a parameter, so tests give their own). */
export interface CliEnv {
  INPLACE_E2E_LOCAL_IMAGE?: string | undefined;
  GITHUB_ACTIONS?: string | undefined;
  KUBECONFIG?: string | undefined;
  HOME?: string | undefined;
}

export function parseCli(argv: string[], env: CliEnv = process.env): CliCommand {
  const [command, ...rest] = argv;
  // `inplace-e2e <command> --help` anywhere before a `--` asks for that command's usage.
  const beforeDashes = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'));
  if (command && command !== 'help' && USAGE[command] && beforeDashes.some((a) => a === '--help' || a === '-h')) {
    return { command: 'help', topic: command };
  }
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h': {
      const topic = rest.find((a) => !a.startsWith('-'));
      if (topic !== undefined && !USAGE[topic])
        throw new UsageError(
          unknownWord(
            'command',
            topic,
            Object.keys(USAGE).filter((k) => k !== 'main'),
          ),
          USAGE.main as string,
        );
      return { command: 'help', ...(topic ? { topic } : {}) };
    }
    case 'version':
    case '--version':
      return { command: 'version' };
    case 'run':
      return parseRun(rest, env);
    case 'certify':
      if (rest[0] === 'verify') {
        const { positionals } = parse(rest.slice(1), 'certify', Infinity, COMMON);
        if (positionals.length !== 1)
          throw new UsageError('certify verify needs exactly one bundle', USAGE.certify as string);
        return { command: 'certify-verify', bundle: positionals[0] as string };
      }
      return parseCertify(rest);
    case 'setup': {
      const { values } = parse(rest, 'setup', 0);
      if (values['node-image'] && values['local-image'])
        throw new UsageError('--node-image and --local-image exclude each other', USAGE.setup as string);
      return {
        command: 'setup',
        profile: (values.profile as string | undefined) ?? DEFAULT_PROFILE,
        ...(values['node-image'] ? { nodeImage: values['node-image'] as string } : {}),
        localImage: localImageWanted(values['local-image'] as boolean | undefined, env),
        verbose: Boolean(values.verbose),
      };
    }
    case 'list': {
      const { values, positionals } = parse(rest, 'list');
      if (values['all-profiles'] && values.profile)
        throw new UsageError('--all-profiles and --profile exclude each other', USAGE.list as string);
      const profiles = values['all-profiles']
        ? 'all shipped'
        : ((values.profile as string[] | undefined) ?? [DEFAULT_PROFILE]);
      return {
        command: 'list',
        suites: positionals,
        profiles,
        ...selectionFlags(values, 'list'),
        allowSkips: Boolean(values['allow-skips']),
        output: outputFormat(values, 'list'),
      };
    }
    case 'bench':
      if (rest[0] === 'report') {
        const { values, positionals } = parse(rest.slice(1), 'bench', Infinity, {
          ...COMMON,
          'report-dir': { type: 'string' },
        });
        if (positionals.length === 0)
          throw new UsageError('bench report needs at least one bench.json', USAGE.bench as string);
        return {
          command: 'bench-report',
          reports: positionals,
          reportDir: (values['report-dir'] as string | undefined) ?? 'reports/bench-merged',
        };
      }
      return parseBench(rest, env);
    case 'validate': {
      const { values, positionals } = parse(rest, 'validate');
      const usage = USAGE.validate as string;
      if (values.kubernetes !== undefined && values.profile !== undefined)
        throw new UsageError(
          '--kubernetes and --profile exclude each other: a profile has its Kubernetes version',
          usage,
        );
      const kubernetes = values.kubernetes as string | undefined;
      const m = kubernetes === undefined ? undefined : /^v?(\d+)\.(\d+)(\.\d+(-[0-9A-Za-z.-]+)?)?$/.exec(kubernetes);
      if (kubernetes !== undefined && !m)
        throw new UsageError(`--kubernetes must be a version like 1.35 or v1.36.3, got "${kubernetes}"`, usage);
      const annotations =
        oneOf(values, 'annotations', 'validate') ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'none');
      return {
        command: 'validate',
        suites: positionals,
        ...(m ? { kubernetes: `${m[1]}.${m[2]}` } : {}),
        ...(values.profile !== undefined ? { profile: values.profile as string } : {}),
        output: outputFormat(values, 'validate'),
        annotations: annotations === 'github',
      };
    }
    case 'plan': {
      const { values, positionals } = parse(rest, 'plan');
      return {
        command: 'plan',
        profile: (values.profile as string | undefined) ?? DEFAULT_PROFILE,
        suites: positionals,
        ...(values['node-image'] ? { nodeImage: values['node-image'] as string } : {}),
        localImage: localImageWanted(values['local-image'] as boolean | undefined, env),
        output: outputFormat(values, 'plan'),
      };
    }
    case 'cleanup': {
      const { values, positionals } = parse(rest, 'cleanup');
      return { command: 'cleanup', dryRun: Boolean(values['dry-run']), names: positionals };
    }
    case 'profiles': {
      const { values } = parse(rest, 'profiles', 0);
      return { command: 'profiles', output: outputFormat(values, 'profiles') };
    }
    case 'completion': {
      const { positionals } = parse(rest, 'completion', 1);
      const shell = positionals[0];
      if (shell !== 'bash' && shell !== 'zsh') {
        throw new UsageError(
          shell === undefined ? 'completion needs a shell: bash or zsh' : unknownWord('shell', shell, ['bash', 'zsh']),
          USAGE.completion as string,
        );
      }
      return { command: 'completion', shell };
    }
    case 'report-html': {
      const { values, positionals } = parse(rest, 'report-html');
      if (positionals.length === 0)
        throw new UsageError('report-html needs at least one JSON file', USAGE['report-html'] as string);
      return {
        command: 'report-html',
        files: positionals,
        out: (values.out as string | undefined) ?? 'report.html',
        suites: (values.suites as string[] | undefined) ?? [],
      };
    }
    case 'node-image': {
      const [sub, ...more] = rest;
      if (sub !== 'build')
        throw new UsageError(unknownWord('node-image command', sub ?? '', ['build']), USAGE['node-image'] as string);
      const { values } = parse(more, 'node-image', 0);
      const kubernetes = (values.kubernetes as string | undefined) ?? 'v1.35.8';
      if (!/^v1\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(kubernetes)) {
        throw new UsageError(
          `--kubernetes must be a release like v1.35.8, got "${kubernetes}"`,
          USAGE['node-image'] as string,
        );
      }
      return {
        command: 'node-image-build',
        kubernetes,
        verbose: Boolean(values.verbose),
        ...(values['module-version'] ? { moduleVersion: values['module-version'] as string } : {}),
        ...(values.tag ? { tag: values.tag as string } : {}),
      };
    }
    default:
      throw new UsageError(unknownWord('command', command, COMMAND_NAMES), USAGE.main as string);
  }
}

/** `unknown command "rn" (did you mean "run"?)`, or with the known words when none is close. */
export function unknownWord(what: string, word: string, known: readonly string[]): string {
  const guess = word ? closestKey(word, known) : undefined;
  return `unknown ${what} "${word}" (${guess ? `did you mean "${guess}"?` : `known: ${known.join(', ')}`})`;
}

type Values = ReturnType<typeof parseArgs>['values'];

function parseRun(rest: string[], env: CliEnv): RunArgs | ListArgs {
  const { values, positionals } = parse(rest, 'run');
  const usage = USAGE.run as string;
  const parallelText = (values.parallel as string | undefined) ?? String(RUN_DEFAULTS.parallel);
  const parallel = Number(parallelText);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 32) {
    throw new UsageError(`--parallel must be a whole number from 1 to 32, got "${parallelText}"`, usage);
  }
  const selection = selectionFlags(values, 'run');
  const profile = (values.profile as string | undefined) ?? DEFAULT_PROFILE;
  if (values['dry-run']) {
    return {
      command: 'list',
      suites: positionals,
      profiles: [profile],
      ...selection,
      allowSkips: Boolean(values['allow-skips']),
      output: 'text',
    };
  }
  const cluster = clusterFlags(values, env, 'run');
  if (values.setup && cluster.existingCluster) {
    throw new UsageError(
      '--setup prepares for a cluster the harness creates; with --kubeconfig, --context or --existing-cluster there is none',
      usage,
    );
  }
  if (values.setup && cluster.reuse)
    throw new UsageError('--setup prepares for a new cluster; --reuse names one that exists', usage);
  return {
    command: 'run',
    suites: positionals,
    profile,
    ...cluster,
    ...selection,
    parallel,
    failFast: Boolean(values['fail-fast']),
    reportDir: (values['report-dir'] as string | undefined) ?? RUN_DEFAULTS.reportDir,
    control: Boolean(values.control),
    allowNodeActions: Boolean(values['allow-node-actions']),
    allowSkips: Boolean(values['allow-skips']),
    setup: Boolean(values.setup),
  };
}

function parseCertify(rest: string[]): CertifyArgs {
  const { values } = parse(rest, 'certify', 0);
  const usage = USAGE.certify as string;
  const images = (values['node-image'] as string[] | undefined) ?? [];
  if (images.length === 0) throw new UsageError('certify needs at least one --node-image', usage);
  const dupe = images.find((img, i) => images.indexOf(img) !== i);
  if (dupe) throw new UsageError(`--node-image ${dupe} is given twice`, usage);
  const out = (values.out as string | undefined) ?? CERTIFY_DEFAULTS.out;
  if (!/\.(tar\.gz|tgz)$/.test(out)) throw new UsageError(`--out must name a .tar.gz file, got "${out}"`, usage);
  return {
    command: 'certify',
    nodeImages: images,
    out,
    upstream: !values['no-upstream'],
    ...(values.references ? { references: values.references as string } : {}),
    ...(values['write-reference'] ? { writeReference: values['write-reference'] as string } : {}),
    parallel: wholeNumber(
      (values.parallel as string | undefined) ?? String(CERTIFY_DEFAULTS.parallel),
      '--parallel',
      1,
      32,
      usage,
    ),
  };
}

/** --grep, --exclude, --shard, --control. */
function selectionFlags(values: Values, topic: string): Pick<RunOptions, 'grep' | 'exclude' | 'shard' | 'control'> {
  const usage = USAGE[topic] as string;
  const regex = (flag: 'grep' | 'exclude'): RegExp | undefined => {
    const text = values[flag] as string | undefined;
    if (text === undefined) return undefined;
    try {
      return new RegExp(text);
    } catch (e) {
      throw new UsageError(`--${flag} is not a valid regular expression: ${errorText(e)}`, usage);
    }
  };
  const grep = regex('grep');
  const exclude = regex('exclude');
  const shardText = values.shard as string | undefined;
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  if (shardText !== undefined && !shard) {
    throw new UsageError(
      `--shard must be I/N with whole numbers 1 ≤ I ≤ N ≤ 1000 (e.g. 1/2), got "${shardText}"`,
      usage,
    );
  }
  return {
    ...(grep ? { grep } : {}),
    ...(exclude ? { exclude } : {}),
    ...(shard ? { shard } : {}),
    control: Boolean(values.control),
  };
}

/** --node-image, --local-image, --keep, --reuse, --existing-cluster, --kubeconfig, --context: which cluster. */
function clusterFlags(
  values: Values,
  env: CliEnv,
  topic: string,
): Pick<RunOptions, 'nodeImage' | 'localImage' | 'keep' | 'reuse' | 'existingCluster' | 'context'> {
  const usage = USAGE[topic] as string;
  const str = (k: string) => values[k] as string | undefined;
  const [existing, kubeconfig, context] = [str('existing-cluster'), str('kubeconfig'), str('context')];
  if (existing !== undefined && kubeconfig !== undefined && existing !== kubeconfig) {
    throw new UsageError('--existing-cluster and --kubeconfig name two kubeconfig files: give one', usage);
  }
  if (context === '') throw new UsageError('--context needs a context name', usage);
  // --context alone means the context of the kubeconfig kubectl would read, never changing its current-context.
  const file = existing ?? kubeconfig ?? (context !== undefined ? defaultKubeconfig(env, usage) : undefined);
  if (str('reuse') && file) {
    throw new UsageError(
      '--reuse and --existing-cluster (or --kubeconfig, --context) exclude each other: one names a harness cluster, the other a foreign one',
      usage,
    );
  }
  if (str('node-image') && values['local-image'])
    throw new UsageError('--node-image and --local-image exclude each other', usage);
  return {
    ...(str('node-image') ? { nodeImage: str('node-image') as string } : {}),
    localImage: localImageWanted(values['local-image'] as boolean | undefined, env),
    keep: Boolean(values.keep),
    ...(str('reuse') ? { reuse: str('reuse') as string } : {}),
    ...(file ? { existingCluster: file } : {}),
    ...(context ? { context } : {}),
  };
}

/** The kubeconfig kubectl reads: the one file of $KUBECONFIG, else ~/.kube/config. */
function defaultKubeconfig(env: CliEnv, usage: string): string {
  const files = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  if (files.length > 1)
    throw new UsageError(
      `$KUBECONFIG lists ${files.length} files: name the one with the context with --kubeconfig`,
      usage,
    );
  return files[0] ?? path.join(env.HOME ?? os.homedir(), '.kube', 'config');
}

function outputFormat(values: Values, topic: string): OutputFormat {
  return (oneOf(values, 'output', topic) ?? 'text') as OutputFormat;
}

/** A flag whose value is one of FLAG_VALUES[flag]. */
function oneOf(values: Values, flag: string, topic: string): string | undefined {
  const v = values[flag] as string | undefined;
  const known = FLAG_VALUES[flag] ?? [];
  if (v !== undefined && !known.includes(v))
    throw new UsageError(
      `--${flag} ${unknownWord('value', v, known).replace(/^unknown value /, '')}: expected ${known.join(' or ')}`,
      USAGE[topic] as string,
    );
  return v;
}

function wholeNumber(text: string, flag: string, min: number, max: number, usage: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`, usage);
  }
  return n;
}

function seconds(text: string, flag: string, usage: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600)
    throw new UsageError(`${flag} must be seconds from 0 to 3600, got "${text}"`, usage);
  return n;
}

function list(text: string): string[] {
  return text === 'none'
    ? []
    : text
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
}

function parseBench(rest: string[], env: CliEnv): BenchArgs {
  const usage = USAGE.bench as string;
  const { values } = parse(rest, 'bench', 0);
  const str = (k: string) => values[k] as string | undefined;
  const cluster = clusterFlags(values, env, 'bench');
  const shapes = list(str('shapes') ?? 'two-container,base');
  for (const s of shapes)
    if (!BENCH_SHAPES.includes(s))
      throw new UsageError(`--shapes: unknown pod shape "${s}" (known: ${BENCH_SHAPES.join(', ')})`, usage);
  const strategies = list(str('strategies') ?? BENCH_STRATEGIES.join(','));
  for (const s of strategies)
    if (!(BENCH_STRATEGIES as readonly string[]).includes(s))
      throw new UsageError(`--strategies: unknown strategy "${s}" (known: ${BENCH_STRATEGIES.join(', ')})`, usage);
  const maxPods = wholeNumber(str('max-pods') ?? '64', '--max-pods', 1, 1000, usage);
  const fleetSizes = list(str('fleet-sizes') ?? '1,4,16').map((n) =>
    wholeNumber(n, '--fleet-sizes', 1, maxPods, usage),
  );
  if (shapes.length === 0 && (fleetSizes.length === 0 || strategies.length === 0))
    throw new UsageError('nothing to measure: no pod shapes and no fleet', usage);
  return {
    command: 'bench',
    profile: str('profile') ?? DEFAULT_BENCH_PROFILE,
    ...cluster,
    reportDir: str('report-dir') ?? 'reports/bench',
    shapes,
    reps: wholeNumber(str('reps') ?? '100', '--reps', 1, 100000, usage),
    repsPerPod: wholeNumber(str('reps-per-pod') ?? '25', '--reps-per-pod', 1, 100000, usage),
    fleetSizes: strategies.length === 0 ? [] : fleetSizes,
    fleetReps: wholeNumber(str('fleet-reps') ?? '5', '--fleet-reps', 1, 1000, usage),
    strategies: strategies as BenchArgs['strategies'],
    setupSeconds: seconds(str('setup-seconds') ?? '1', '--setup-seconds', usage),
    coldSetupSeconds: seconds(str('cold-setup-seconds') ?? '0', '--cold-setup-seconds', usage),
    allowNodeActions: Boolean(values['allow-node-actions']),
    maxPods,
    timeLimitMinutes: wholeNumber(str('time-limit') ?? '120', '--time-limit', 1, 24 * 60, usage),
  };
}

function localImageWanted(flag: boolean | undefined, env: CliEnv): boolean {
  return Boolean(flag) || ['1', 'true', 'yes'].includes((env.INPLACE_E2E_LOCAL_IMAGE ?? '').toLowerCase());
}

/**
 * node:util parseArgs over the command's row of COMMAND_OPTIONS (or `options`), strict; its errors become
 * UsageErrors, an unknown flag with the closest known one ("did you mean --parallel?").
 */
function parse(
  args: string[],
  topic: keyof typeof COMMAND_OPTIONS,
  maxPositionals = Infinity,
  options: Options = COMMAND_OPTIONS[topic],
) {
  const usage = USAGE[topic] as string;
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > maxPositionals) {
      throw new Error(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
    }
    return parsed;
  } catch (e) {
    const message = (e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '');
    const unknown =
      (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? /Unknown option '([^']+)'/.exec(message)?.[1]
        : undefined;
    if (unknown !== undefined) throw new UsageError(unknownFlag(unknown, options, topic), usage);
    throw new UsageError(message, usage);
  }
}

/** `unknown option --paralel for run (did you mean --parallel?)`. */
function unknownFlag(flag: string, options: Options, topic: string): string {
  const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
  const long = Object.keys(options);
  const guess = closestKey(name, long);
  const where = topic === 'node-image' ? 'node-image build' : topic;
  return `unknown option ${flag} for ${where} (${guess ? `did you mean --${guess}?` : `inplace-e2e help ${topic} lists the options`})`;
}
