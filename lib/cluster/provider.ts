// A cluster provider (kind-style): one small interface, one implementation per backend.
import type { CommandResult } from './command.js';

export interface CreateClusterOptions {
  /** Cluster name (harness clusters: inplace-e2e-<profile>-<random>). */
  name: string;
  /** The rendered kind v1alpha4 Cluster config file. */
  configFile: string;
  /** Node image for every node (overrides the config). */
  image?: string;
  /** Profile name, recorded in the ownership record. */
  profile?: string;
  /** Keep node containers when creation fails (kind --retain), for debugging. */
  retainOnFailure?: boolean;
  /** Progress lines from the tool. */
  log?: (line: string) => void;
}

export interface NodeExecOptions {
  timeoutMs?: number;
  input?: string;
}

export interface ClusterProvider {
  /** Backend name for messages: "kind", "existing". */
  readonly kind: string;
  /** Creates the cluster and writes its private kubeconfig; returns that kubeconfig's path. */
  create(opts: CreateClusterOptions): Promise<string>;
  /** Deletes a cluster the harness owns. */
  delete(name: string): Promise<void>;
  /** Clusters this backend can see. */
  list(): Promise<string[]>;
  /** Path of the cluster's private kubeconfig (materialised if missing). */
  kubeconfig(name: string): Promise<string>;
  /** Node names of the cluster. */
  nodes(name: string): Promise<string[]>;
  /** Makes a local image available on every node without a registry (kind: `kind load docker-image`). */
  loadImage?(name: string, image: string): Promise<void>;
  /** Runs argv inside a node (kind: `docker exec` in the node container). Never throws for a non-zero exit. */
  nodeExec(node: string, argv: string[], opts?: NodeExecOptions): Promise<CommandResult>;
}

/** Node-level access is not possible (e.g. an existing cluster whose nodes are not local containers). */
export class NodeAccessError extends Error {
  constructor(
    readonly node: string,
    detail: string,
  ) {
    super(`no access to node ${node}: ${detail}`);
    this.name = 'NodeAccessError';
  }
}
