// Command-line parsing: pure, so every flag error is tested offline and exits 2 before anything runs.
import { parseArgs } from 'node:util';

export const DEFAULT_PROFILE = '1.35-gates-on';

export interface RunArgs {
  command: 'run';
  suites: string[];
  profile: string;
  nodeImage?: string;
  localImage: boolean;
  grep?: RegExp;
  parallel: number;
  keep: boolean;
  reuse?: string;
  existingCluster?: string;
  reportDir: string;
  control: boolean;
  /** Allow scenario node actions on an --existing-cluster the harness did not create. */
  allowNodeActions: boolean;
}

export type CliCommand =
  | RunArgs
  | { command: 'validate'; suites: string[] }
  | { command: 'plan'; profile: string; suites: string[]; nodeImage?: string; localImage: boolean }
  | { command: 'cleanup'; dryRun: boolean }
  | { command: 'node-image-build'; kubernetes: string; moduleVersion?: string; tag?: string }
  | { command: 'profiles' }
  | { command: 'help'; topic?: string }
  | { command: 'version' };

export class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE: Record<string, string> = {
  main: `inplace-e2e — prove Kubernetes in-place pod restart (RestartAllContainers) on real kind clusters

Usage:
  inplace-e2e run [suites...] [options]     create a kind cluster, run scenarios, write reports
  inplace-e2e validate [suites...]          check suites and their pod manifests (offline)
  inplace-e2e plan [--profile P] [suites...] print the kind config, gates and manifests (offline)
  inplace-e2e cleanup [--dry-run]           delete every cluster this harness created
  inplace-e2e node-image build [options]    build a kind node image from Go modules (no registry)
  inplace-e2e profiles                      list the shipped cluster profiles

Suites are files, directories or names of shipped suites (core, validation, gate-off).
Without suites, every shipped suite runs. Run 'inplace-e2e help <command>' for a command's options.
Exit codes: 0 all passed, 1 scenario failures, 2 bad input, 3 environment or preflight failure.`,
  run: `Usage: inplace-e2e run [suites...] [options]

Options:
  --profile P             cluster profile: a shipped name or a file (default ${DEFAULT_PROFILE})
  --node-image IMG        kind node image for every node (overrides the profile)
  --local-image           use the profile's locally built image (also: INPLACE_E2E_LOCAL_IMAGE=1)
  --grep RE               only scenarios whose "suite id name" matches RE
  --parallel N            scenarios at a time (default 2)
  --keep                  keep the cluster (and failed scenarios' namespaces) afterwards
  --reuse NAME            reuse a cluster this harness created and kept
  --existing-cluster KC   run against the cluster of kubeconfig file KC (never created or deleted)
  --report-dir DIR        where junit.xml, report.json and summary.md go (default reports)
  --control               gate-off control: scenarios that need a gate the profile has off must fail for the gate
  --allow-node-actions    let scenarios restart the kubelet of, stop or start nodes of an --existing-cluster
                          the harness did not create (harness clusters need no flag; other clusters are refused)`,
  validate: `Usage: inplace-e2e validate [suites...]

Checks suite files against the schema and their pod manifests against the Kubernetes API types, offline.
Prints file:line:column, the path, what was found and what was expected. Exit 2 on any problem.`,
  plan: `Usage: inplace-e2e plan [--profile P] [--node-image IMG] [--local-image] [suites...]

Prints what a run would do, offline: the kind cluster config for this host, the resolved feature gates
per component and node, host notes (cgroup v1, capabilities), and every pod manifest exactly as sent.`,
  cleanup: `Usage: inplace-e2e cleanup [--dry-run]

Deletes every kind cluster this harness created (and recorded as its own). Never touches other clusters.`,
  'node-image': `Usage: inplace-e2e node-image build [--kubernetes v1.35.8] [--module-version V] [--tag IMAGE]

Builds a kind node image without any container registry: Kubernetes, etcd, crictl, CNI and pause from Go
modules and C sources, a Debian base from Debian packages. Every stage is cached outside the repository.
  --kubernetes V          Kubernetes release to build (default v1.35.8)
  --module-version V      any k8s.io/kubernetes module version (e.g. a pseudo-version for a commit)
  --tag IMAGE             image name (default inplace-e2e/node:<version>)`,
  profiles: `Usage: inplace-e2e profiles

Lists the shipped cluster profiles with their Kubernetes version and gates.`,
};

export function parseCli(argv: string[]): CliCommand {
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
    case '-h':
      return { command: 'help', ...(rest[0] ? { topic: rest[0] } : {}) };
    case 'version':
    case '--version':
      return { command: 'version' };
    case 'run':
      return parseRun(rest);
    case 'validate': {
      const { positionals } = parse(rest, {}, 'validate');
      return { command: 'validate', suites: positionals };
    }
    case 'plan': {
      const { values, positionals } = parse(
        rest,
        { profile: { type: 'string' }, 'node-image': { type: 'string' }, 'local-image': { type: 'boolean' } },
        'plan',
      );
      return {
        command: 'plan',
        profile: (values.profile as string | undefined) ?? DEFAULT_PROFILE,
        suites: positionals,
        ...(values['node-image'] ? { nodeImage: values['node-image'] as string } : {}),
        localImage: localImageWanted(values['local-image'] as boolean | undefined),
      };
    }
    case 'cleanup': {
      const { values } = parse(rest, { 'dry-run': { type: 'boolean' } }, 'cleanup');
      return { command: 'cleanup', dryRun: Boolean(values['dry-run']) };
    }
    case 'profiles':
      parse(rest, {}, 'profiles', 0);
      return { command: 'profiles' };
    case 'node-image': {
      const [sub, ...more] = rest;
      if (sub !== 'build') throw new UsageError(`unknown node-image command "${sub ?? ''}" (expected "build")`, USAGE['node-image'] as string);
      const { values } = parse(
        more,
        { kubernetes: { type: 'string' }, 'module-version': { type: 'string' }, tag: { type: 'string' } },
        'node-image',
        0,
      );
      const kubernetes = (values.kubernetes as string | undefined) ?? 'v1.35.8';
      if (!/^v1\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(kubernetes)) {
        throw new UsageError(`--kubernetes must be a release like v1.35.8, got "${kubernetes}"`, USAGE['node-image'] as string);
      }
      return {
        command: 'node-image-build',
        kubernetes,
        ...(values['module-version'] ? { moduleVersion: values['module-version'] as string } : {}),
        ...(values.tag ? { tag: values.tag as string } : {}),
      };
    }
    default:
      throw new UsageError(`unknown command "${command}"`, USAGE.main as string);
  }
}

function parseRun(rest: string[]): RunArgs {
  const { values, positionals } = parse(
    rest,
    {
      profile: { type: 'string' },
      'node-image': { type: 'string' },
      'local-image': { type: 'boolean' },
      grep: { type: 'string' },
      parallel: { type: 'string' },
      keep: { type: 'boolean' },
      reuse: { type: 'string' },
      'existing-cluster': { type: 'string' },
      'report-dir': { type: 'string' },
      control: { type: 'boolean' },
      'allow-node-actions': { type: 'boolean' },
    },
    'run',
  );
  const usage = USAGE.run as string;
  const parallelText = (values.parallel as string | undefined) ?? '2';
  const parallel = Number(parallelText);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 32) {
    throw new UsageError(`--parallel must be a whole number from 1 to 32, got "${parallelText}"`, usage);
  }
  let grep: RegExp | undefined;
  if (values.grep !== undefined) {
    try {
      grep = new RegExp(values.grep as string);
    } catch (e) {
      throw new UsageError(`--grep is not a valid regular expression: ${(e as Error).message}`, usage);
    }
  }
  if (values.reuse && values['existing-cluster']) {
    throw new UsageError('--reuse and --existing-cluster exclude each other: one names a harness cluster, the other a foreign one', usage);
  }
  if (values['node-image'] && values['local-image']) {
    throw new UsageError('--node-image and --local-image exclude each other', usage);
  }
  return {
    command: 'run',
    suites: positionals,
    profile: (values.profile as string | undefined) ?? DEFAULT_PROFILE,
    ...(values['node-image'] ? { nodeImage: values['node-image'] as string } : {}),
    localImage: localImageWanted(values['local-image'] as boolean | undefined),
    ...(grep ? { grep } : {}),
    parallel,
    keep: Boolean(values.keep),
    ...(values.reuse ? { reuse: values.reuse as string } : {}),
    ...(values['existing-cluster'] ? { existingCluster: values['existing-cluster'] as string } : {}),
    reportDir: (values['report-dir'] as string | undefined) ?? 'reports',
    control: Boolean(values.control),
    allowNodeActions: Boolean(values['allow-node-actions']),
  };
}

function localImageWanted(flag: boolean | undefined): boolean {
  return Boolean(flag) || ['1', 'true', 'yes'].includes((process.env.INPLACE_E2E_LOCAL_IMAGE ?? '').toLowerCase());
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse(args: string[], options: Options, topic: string, maxPositionals = Infinity) {
  try {
    const parsed = parseArgs({ args, options: options ?? {}, allowPositionals: true, strict: true });
    if (parsed.positionals.length > maxPositionals) {
      throw new Error(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
    }
    return parsed;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''), USAGE[topic] as string);
  }
}
