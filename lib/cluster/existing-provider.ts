// A cluster the user gave explicitly (--existing-cluster KUBECONFIG): used as it is, never created
// or deleted. Node access works only when its nodes are local kind node containers; node actions
// (kubelet restart, stop, start) only on nodes of clusters the harness created, or with
// --allow-node-actions.
import { EnvironmentError } from '../errors.js';
import { KubeClient } from '../kube/client.js';
import { KubeAccess } from '../kube/kubeconfig.js';
import { nameOf } from '../kube/json.js';
import type { CommandResult } from '../host/command.js';
import { nodeActionTarget, performNodeAction } from './node-actions.js';
import { KIND_CLUSTER_LABEL, runtimeNodeContainers, type NodeContainers } from './node-containers.js';
import {
  NodeAccessError,
  type ClusterProvider,
  type NodeActionName,
  type NodeActionOptions,
  type NodeExecOptions,
} from './provider.js';

export interface ExistingClusterOptions {
  context?: string;
  /** The user allowed node actions on nodes of clusters the harness did not create. */
  allowNodeActions?: boolean;
  nodes?: NodeContainers;
  cache?: string;
}

export class ExistingClusterProvider implements ClusterProvider {
  readonly kind = 'existing';
  private readonly nodeAccess = new Map<string, true | string>();
  private readonly nodeContainers: NodeContainers;
  readonly context: string | undefined;

  constructor(
    /** The kubeconfig file the user named. Only its given (or current) context is used. */
    readonly kubeconfigFile: string,
    private readonly options: ExistingClusterOptions = {},
  ) {
    this.context = options.context;
    this.nodeContainers = options.nodes ?? runtimeNodeContainers();
  }

  async create(): Promise<string> {
    throw new EnvironmentError('--existing-cluster: the harness does not create clusters in this mode');
  }

  async delete(name: string): Promise<void> {
    throw new EnvironmentError(`--existing-cluster: the harness never deletes an existing cluster (${name})`);
  }

  async list(): Promise<string[]> {
    return [await this.clusterName()];
  }

  async kubeconfig(): Promise<string> {
    return this.kubeconfigFile;
  }

  async nodes(): Promise<string[]> {
    return (await (await KubeClient.fromFile(this.kubeconfigFile, this.context)).listNodes()).map(nameOf);
  }

  /** Exec when `node` is a local kind node container; NodeAccessError otherwise. */
  async nodeExec(node: string, argv: string[], opts: NodeExecOptions = {}): Promise<CommandResult> {
    let access = this.nodeAccess.get(node);
    if (access === undefined) {
      const c = await this.nodeContainers.inspect(node).catch(() => undefined);
      access = c?.labels[KIND_CLUSTER_LABEL]
        ? true
        : 'it is not a local kind node container (no container by that name with a kind cluster label)';
      this.nodeAccess.set(node, access);
    }
    if (access !== true)
      throw new NodeAccessError(
        node,
        `${access}; node evidence (kubelet journal, crictl) is unavailable for --existing-cluster`,
      );
    return this.nodeContainers.exec(node, argv, opts);
  }

  async nodeAction(node: string, action: NodeActionName, opts: NodeActionOptions): Promise<string> {
    await nodeActionTarget(this.nodeContainers, node, {
      allowForeign: this.options.allowNodeActions === true,
      ...(this.options.cache ? { cache: this.options.cache } : {}),
    });
    return performNodeAction(this.nodeContainers, node, action, opts);
  }

  private async clusterName(): Promise<string> {
    return (await KubeAccess.fromFile(this.kubeconfigFile, this.context)).info.cluster;
  }
}
