// kind through its CLI (execa). The user's kubeconfig is never touched: every kind call that
// writes or edits a kubeconfig gets --kubeconfig <private file>, and KUBECONFIG points there too.
//
// Node access (exec in a node, kubelet restart, stop/start) goes through testcontainers' container
// runtime client (node-containers.ts): kind node container names equal node names. Only its runtime
// client is used: no testcontainers-managed containers, so its reaper never starts.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import { describeFailure, runHostCommand, type CommandResult, type HostCommand } from '../host/command.js';
import { hasHarnessPrefix, kindNameProblem } from './names.js';
import { readOwnership, removeClusterDir, writeOwnership } from './ownership.js';
import { clusterDir, kindExecutable, privateKubeconfig } from './paths.js';
import { nodeActionTarget, performNodeAction } from './node-actions.js';
import { runtimeNodeContainers, type NodeContainers } from './node-containers.js';
import type {
  ClusterProvider,
  CreateClusterOptions,
  NodeActionName,
  NodeActionOptions,
  NodeExecOptions,
} from './provider.js';

export interface KindProviderOptions {
  run?: HostCommand;
  /** Cache dir holding clusters/<name>/{kubeconfig,owner.json}; default cacheDir(). */
  cache?: string;
  /** Timeout for `kind create cluster` (default 15 min). */
  createTimeoutMs?: number;
  /** Node containers (default: testcontainers' container runtime client). */
  nodes?: NodeContainers;
}

export class KindProvider implements ClusterProvider {
  readonly kind = 'kind';
  private readonly run: HostCommand;
  private readonly cache: string | undefined;
  private readonly nodeContainers: NodeContainers;

  constructor(private readonly opts: KindProviderOptions = {}) {
    this.run = opts.run ?? runHostCommand;
    this.cache = opts.cache;
    this.nodeContainers = opts.nodes ?? runtimeNodeContainers();
  }

  kubeconfigPath(name: string): string {
    return privateKubeconfig(name, this.cache);
  }

  private env(name: string): Record<string, string> {
    return { KUBECONFIG: this.kubeconfigPath(name) };
  }

  async create(o: CreateClusterOptions): Promise<string> {
    const problem = kindNameProblem(o.name);
    if (problem) throw new EnvironmentError(`cannot create cluster: ${problem}`);
    if (!hasHarnessPrefix(o.name))
      throw new EnvironmentError(`refusing to create "${o.name}": harness clusters are named inplace-e2e-*`);
    if ((await this.list()).includes(o.name))
      throw new EnvironmentError(`a kind cluster named ${o.name} already exists`);
    const kubeconfig = this.kubeconfigPath(o.name);
    await mkdir(clusterDir(o.name, this.cache), { recursive: true, mode: 0o700 });
    // The record comes first: a crash during `kind create` still leaves the cluster findable by cleanup.
    await writeOwnership(
      {
        cluster: o.name,
        state: 'creating',
        ...(o.profile ? { profile: o.profile } : {}),
        ...(o.image ? { image: o.image } : {}),
        configFile: path.resolve(o.configFile),
      },
      this.cache,
    );
    const args = [
      'create',
      'cluster',
      '--name',
      o.name,
      '--config',
      o.configFile,
      '--kubeconfig',
      kubeconfig,
      '--wait',
      '0s',
    ];
    if (o.image) args.push('--image', o.image);
    if (o.retainOnFailure) args.push('--retain');
    const r = await this.run(kindExecutable(this.cache), args, {
      env: this.env(o.name),
      timeoutMs: this.opts.createTimeoutMs ?? 15 * 60_000,
      ...(o.log ? { onLine: o.log } : {}),
    });
    if (r.exitCode !== 0) {
      if (!o.retainOnFailure) {
        // kind removes its node containers on failure; make sure, then drop the record.
        await this.run(
          kindExecutable(this.cache),
          ['delete', 'cluster', '--name', o.name, '--kubeconfig', kubeconfig],
          { env: this.env(o.name), timeoutMs: 120_000 },
        );
        await removeClusterDir(o.name, this.cache);
      }
      throw new EnvironmentError(
        `kind could not create cluster ${o.name}: ${describeFailure(r)}`,
        o.retainOnFailure
          ? `node containers were kept: inspect with \`docker exec ${o.name}-control-plane journalctl -u kubelet\`, delete with \`kind delete cluster --name ${o.name} --kubeconfig ${kubeconfig}\``
          : `rerun with --retain to keep the node containers for inspection`,
      );
    }
    const record = await readOwnership(o.name, this.cache);
    if (record) await writeOwnership({ ...record, state: 'ready' }, this.cache);
    return kubeconfig;
  }

  /** Deletes a harness-owned cluster (prefix + ownership record); anything else is refused. */
  async delete(name: string): Promise<void> {
    const record = await readOwnership(name, this.cache);
    if (!hasHarnessPrefix(name) || !record) {
      throw new EnvironmentError(
        `refusing to delete kind cluster "${name}": it is not a harness cluster (needs the inplace-e2e- prefix and an ownership record in ${clusterDir(name, this.cache)})`,
      );
    }
    const r = await this.run(
      kindExecutable(this.cache),
      ['delete', 'cluster', '--name', name, '--kubeconfig', this.kubeconfigPath(name)],
      {
        env: this.env(name),
        timeoutMs: 5 * 60_000,
      },
    );
    if (r.exitCode !== 0)
      throw new EnvironmentError(
        `could not delete cluster ${name}: ${describeFailure(r)}`,
        `delete it by hand: kind delete cluster --name ${name}`,
      );
    await removeClusterDir(name, this.cache);
  }

  async list(): Promise<string[]> {
    const r = await this.run(kindExecutable(this.cache), ['get', 'clusters'], { timeoutMs: 60_000 });
    if (r.exitCode !== 0) throw new EnvironmentError(`cannot list kind clusters: ${describeFailure(r)}`);
    return r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^No kind clusters found/.test(l));
  }

  /** The private kubeconfig; rewritten from `kind get kubeconfig` when missing (never merged anywhere). */
  async kubeconfig(name: string): Promise<string> {
    const file = this.kubeconfigPath(name);
    try {
      if ((await stat(file)).size > 0) return file;
    } catch {
      // missing: fetch below
    }
    const r = await this.run(kindExecutable(this.cache), ['get', 'kubeconfig', '--name', name], { timeoutMs: 60_000 });
    if (r.exitCode !== 0)
      throw new EnvironmentError(`cannot read the kubeconfig of cluster ${name}: ${describeFailure(r)}`);
    await mkdir(clusterDir(name, this.cache), { recursive: true, mode: 0o700 });
    await writeFile(file, `${r.stdout}\n`, { mode: 0o600 });
    return file;
  }

  async nodes(name: string): Promise<string[]> {
    const r = await this.run(kindExecutable(this.cache), ['get', 'nodes', '--name', name], { timeoutMs: 60_000 });
    if (r.exitCode !== 0) throw new EnvironmentError(`cannot list nodes of cluster ${name}: ${describeFailure(r)}`);
    return r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^No kind nodes found/.test(l));
  }

  nodeExec(node: string, argv: string[], opts: NodeExecOptions = {}): Promise<CommandResult> {
    return this.nodeContainers.exec(node, argv, opts);
  }

  /** Only on nodes of harness-owned clusters (prefix + ownership record of the node's kind cluster). */
  async nodeAction(node: string, action: NodeActionName, opts: NodeActionOptions): Promise<string> {
    await nodeActionTarget(this.nodeContainers, node, {
      allowForeign: false,
      ...(this.cache ? { cache: this.cache } : {}),
    });
    return performNodeAction(this.nodeContainers, node, action, opts);
  }

  /** Copies a local Docker image into every node's containerd (no registry involved). */
  async loadImage(name: string, image: string): Promise<void> {
    const r = await this.run(kindExecutable(this.cache), ['load', 'docker-image', image, '--name', name], {
      timeoutMs: 10 * 60_000,
    });
    if (r.exitCode !== 0) {
      throw new EnvironmentError(
        `could not load image ${image} into cluster ${name}: ${describeFailure(r)}`,
        `is ${image} in the local Docker image store? (docker image inspect ${image})`,
      );
    }
  }

  /** The kubeconfig text, for messages. */
  async readKubeconfig(name: string): Promise<string> {
    return readFile(await this.kubeconfig(name), 'utf8');
  }
}
