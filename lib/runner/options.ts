// What one `run` is asked to do. The runner's own options: the CLI maps its flags onto them, and the
// package API (lib/api.ts) takes them with RUN_DEFAULTS filled in.
import type { Shard } from '../verdict/shard.js';

/** Which cluster a command works on: the same choices for `run`, `bench` and the cluster stage. */
export interface ClusterTarget {
  /** kind node image for every node instead of the profile's pin. */
  nodeImage?: string;
  /** Use the profile's offline build of the node image (inplace-e2e node-image build). */
  localImage: boolean;
  /** Keep the cluster (and failed scenarios' namespaces) afterwards. */
  keep: boolean;
  /** Reuse a cluster this harness created and kept. */
  reuse?: string;
  /** Run against the cluster of this kubeconfig file (never created or deleted). */
  existingCluster?: string;
  /** The context of existingCluster to use (default its current-context); the file is only read, never written. */
  context?: string;
}

export interface RunOptions extends ClusterTarget {
  /** Suite files, folders or shipped names; empty: every shipped suite. */
  suites: string[];
  /** Profile name or file. */
  profile: string;
  /** Only scenarios whose "suite id name" matches. */
  grep?: RegExp;
  /** Leave out scenarios whose "suite id name" matches (the complement of grep). */
  exclude?: RegExp;
  /** Run only this shard of the selected scenarios (lib/verdict/shard.ts: the same split on every machine). */
  shard?: Shard;
  /** Start no further scenario once one has failed (those still running finish; the rest are skipped, saying why). */
  failFast: boolean;
  /** Scenarios at a time. */
  parallel: number;
  /** Where junit.xml, report.json, summary.md and report.html go. */
  reportDir: string;
  /** Gate-off control: scenarios that need a gate the profile has off must fail for the gate. */
  control: boolean;
  /** Allow scenario node actions on an existing cluster the harness did not create. */
  allowNodeActions: boolean;
  /** Accept a run whose selected scenarios are all skipped (otherwise nothing was proven, and it fails). */
  allowSkips: boolean;
  /** Colour in the console output (the CLI decides: a terminal, no NO_COLOR, no --no-color). */
  color?: boolean;
  /** The process exit code when the run crashes while it owns a cluster (the cleanup registry deletes it first). */
  crashExitCode?: number;
}

/** The defaults of the options a caller may leave out (the CLI's flags have the same). */
export const RUN_DEFAULTS = {
  suites: [] as string[],
  localImage: false,
  parallel: 2,
  failFast: false,
  keep: false,
  reportDir: 'reports',
  control: false,
  allowNodeActions: false,
  allowSkips: false,
} satisfies Partial<RunOptions>;

/** Progress and result lines of a run. */
export interface Output {
  line(text: string): void;
}
