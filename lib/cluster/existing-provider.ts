// A cluster the user gave explicitly (--existing-cluster KUBECONFIG): used as it is, never created
// or deleted. Node access works only when its nodes are local kind node containers.
import { EnvironmentError } from '../errors.js';
import { KubeClient } from '../kube/client.js';
import { KubeAccess } from '../kube/kubeconfig.js';
import { nameOf } from '../kube/json.js';
import { runCommand, type CommandResult, type RunCommand } from './command.js';
import { dockerExec } from './kind-provider.js';
import { NodeAccessError, type ClusterProvider, type NodeExecOptions } from './provider.js';

export class ExistingClusterProvider implements ClusterProvider {
  readonly kind = 'existing';
  private readonly run: RunCommand;
  private readonly nodeAccess = new Map<string, true | string>();

  constructor(
    /** The kubeconfig file the user named. Only its given (or current) context is used. */
    readonly kubeconfigFile: string,
    readonly context?: string,
    run?: RunCommand,
  ) {
    this.run = run ?? runCommand;
  }

  async create(): Promise<string> {
    throw new EnvironmentError('--existing-cluster: the harness does not create clusters in this mode');
  }

  async delete(name: string): Promise<void> {
    throw new EnvironmentError(`--existing-cluster: the harness never deletes an existing cluster (${name})`);
  }

  async list(): Promise<string[]> {
    return [this.clusterName()];
  }

  async kubeconfig(): Promise<string> {
    return this.kubeconfigFile;
  }

  async nodes(): Promise<string[]> {
    return (await KubeClient.fromFile(this.kubeconfigFile, this.context).listNodes()).map(nameOf);
  }

  /** docker exec when `node` is a local kind node container; NodeAccessError otherwise. */
  async nodeExec(node: string, argv: string[], opts: NodeExecOptions = {}): Promise<CommandResult> {
    let access = this.nodeAccess.get(node);
    if (access === undefined) {
      const r = await this.run('docker', ['inspect', '--format', '{{index .Config.Labels "io.x-k8s.kind.cluster"}}', node], { timeoutMs: 20_000 });
      access = r.exitCode === 0 && r.stdout.trim() ? true : 'it is not a local kind node container (docker inspect found no kind node by that name)';
      this.nodeAccess.set(node, access);
    }
    if (access !== true) throw new NodeAccessError(node, `${access}; node evidence (kubelet journal, crictl) is unavailable for --existing-cluster`);
    return dockerExec(this.run, node, argv, opts);
  }

  private clusterName(): string {
    return KubeAccess.fromFile(this.kubeconfigFile, this.context).config.cluster;
  }
}
