// What a run reads before it decides anything: the profile, the cluster of an --existing-cluster kubeconfig,
// and the suites, judged against the API of the profile's minor. A problem here is bad input: it is thrown
// as InputError (or GateRefusalError) with the stage it happened at, and nothing touches a cluster.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorText, InputError } from '../errors.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { loadProfile } from '../profiles/load.js';
import type { ClusterProfile } from '../profiles/types.js';
import type { RunReport } from '../report/types.js';
import { loadSuites, type LoadedSuite } from '../suite/load.js';
import { shippedSuitesDir } from '../suite/shipped.js';
import type { RunOptions } from './options.js';

/** The cluster an --existing-cluster kubeconfig names, as reports show it. */
export type ExistingCluster = NonNullable<RunReport['cluster']['existing']>;

export interface RunInputs {
  profile: ClusterProfile;
  suites: LoadedSuite[];
  existing?: ExistingCluster;
}

/** Where reading the inputs stopped, and what had been read by then (for the report of bad input). */
export class RunInputError extends Error {
  constructor(
    readonly stage: 'input/profile' | 'input/existing-cluster' | 'input/suites',
    /** What was thrown: an InputError or GateRefusalError for bad input, anything else for a bug. */
    readonly error: unknown,
    readonly read: Partial<Pick<RunInputs, 'profile' | 'existing'>>,
  ) {
    super(errorText(error));
  }
}

/** Reads the profile, the --existing-cluster kubeconfig and the suites; any failure is a RunInputError. */
export async function loadRunInputs(
  options: Pick<RunOptions, 'profile' | 'existingCluster' | 'context' | 'suites'>,
): Promise<RunInputs> {
  const read: Partial<RunInputs> = {};
  let stage: RunInputError['stage'] = 'input/profile';
  try {
    const profile = (read.profile = await loadProfile(options.profile));
    if (options.existingCluster) {
      stage = 'input/existing-cluster';
      read.existing = await existingClusterFacts(options.existingCluster, options.context);
    }
    stage = 'input/suites';
    // Pods are judged by the API of the profile's minor and the gates its kube-apiserver runs with.
    const api = [
      {
        minor: profile.minor,
        gates: { ...profile.clusterGates.effective },
        label: `${profile.minor} (profile ${profile.name})`,
      },
    ];
    const suites = await loadSuites(options.suites.length > 0 ? options.suites : [shippedSuitesDir()], { api });
    return { profile, suites, ...(read.existing ? { existing: read.existing } : {}) };
  } catch (e) {
    throw new RunInputError(stage, e, read);
  }
}

/**
 * The cluster an --existing-cluster kubeconfig names (its `context`, else its current-context), read
 * offline: a missing or unusable file, or a context it lacks, is bad input. The file is only read.
 */
export async function existingClusterFacts(kubeconfig: string, context?: string): Promise<ExistingCluster> {
  const problem = (found: string): InputError =>
    new InputError([
      {
        file: kubeconfig,
        line: 0,
        column: 0,
        path: '',
        found,
        expected: `a kubeconfig file of the cluster to run against (--existing-cluster or --kubeconfig)${context ? ` with a context named ${context}` : ''}`,
      },
    ]);
  let text: string;
  try {
    text = await readFile(kubeconfig, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw problem(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory'
          : `an unreadable file (${code ?? String(e)})`,
    );
  }
  try {
    if (text.trim() === '') throw new Error(`kubeconfig ${kubeconfig}: empty file`);
    // client-node reads the file again; certificate and key files are only read when a request is made.
    const { info } = await loadKubeConfig(kubeconfig, context);
    return { kubeconfig: path.resolve(kubeconfig), context: info.context, cluster: info.cluster, server: info.server };
  } catch (e) {
    throw problem(errorText(e));
  }
}
