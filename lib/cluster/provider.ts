// A cluster provider (kind-style): one small interface, one implementation per backend.
import type { CommandResult } from '../host/command.js';

/** What the harness may do to a node: restart its kubelet, stop or start it (kind: its container). */
export type NodeActionName = 'restartKubelet' | 'stop' | 'start';

export interface NodeActionOptions {
  timeoutSeconds: number;
}

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
  /** Runs argv inside a node (kind: exec in the node container). Never throws for a non-zero exit. */
  nodeExec(node: string, argv: string[], opts?: NodeExecOptions): Promise<CommandResult>;
  /**
   * Restarts the node's kubelet, or stops or starts the node. Only on nodes of clusters the harness
   * created unless the user allowed more; NodeAccessError otherwise. Resolves with what was done.
   */
  nodeAction(node: string, action: NodeActionName, opts: NodeActionOptions): Promise<string>;
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
