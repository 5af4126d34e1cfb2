// Node-level evidence through a provider's nodeExec: the kubelet journal and the CRI view of a
// pod (sandboxes and containers, via crictl inside the node). Parsers are pure and tested offline.
import { arrayAt, at, isObject, numberAt, stringAt } from '../kube/json.js';
import { describeFailure, type CommandResult } from '../host/command.js';
import type { NodeExecOptions } from './provider.js';

export type NodeExec = (node: string, argv: string[], opts?: NodeExecOptions) => Promise<CommandResult>;

const CRICTL = ['crictl', '--runtime-endpoint', 'unix:///run/containerd/containerd.sock'];

export interface CriSandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  /** SANDBOX_READY or SANDBOX_NOTREADY */
  state: string;
  /** ISO time. */
  createdAt?: string;
}

export interface CriContainer {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  /** CONTAINER_RUNNING, CONTAINER_EXITED, CONTAINER_CREATED, CONTAINER_UNKNOWN */
  state: string;
  createdAt?: string;
  image?: string;
}

export interface CriSandboxDetail {
  id: string;
  state?: string;
  ip?: string;
  /** Network namespace path of the sandbox (e.g. /var/run/netns/cni-...). */
  netns?: string;
  raw: unknown;
}

/** CRI timestamps are nanoseconds since the epoch, as a decimal string (or number). */
export function criTimeToIso(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  try {
    const ns = BigInt(value);
    if (ns <= 0n) return undefined;
    return new Date(Number(ns / 1_000_000n)).toISOString();
  } catch {
    return undefined;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what}: output is not JSON: ${text.slice(0, 200)}`);
  }
}

/** `crictl pods -o json` → sandboxes, newest first. */
export function parseCrictlPods(text: string): CriSandbox[] {
  return arrayAt(parseJson(text, 'crictl pods'), 'items')
    .filter(isObject)
    .map((p) => {
      const createdAt = criTimeToIso(at(p, 'createdAt'));
      return {
        id: stringAt(p, 'id') ?? '',
        name: stringAt(p, 'metadata', 'name') ?? '',
        namespace: stringAt(p, 'metadata', 'namespace') ?? '',
        uid: stringAt(p, 'metadata', 'uid') ?? '',
        attempt: numberAt(p, 'metadata', 'attempt') ?? 0,
        state: stringAt(p, 'state') ?? '',
        ...(createdAt ? { createdAt } : {}),
      };
    })
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/** `crictl ps -a -o json` → containers. */
export function parseCrictlContainers(text: string): CriContainer[] {
  return arrayAt(parseJson(text, 'crictl ps'), 'containers')
    .filter(isObject)
    .map((c) => {
      const createdAt = criTimeToIso(at(c, 'createdAt'));
      const image = stringAt(c, 'image', 'image') ?? stringAt(c, 'imageRef');
      return {
        id: stringAt(c, 'id') ?? '',
        sandboxId: stringAt(c, 'podSandboxId') ?? '',
        name: stringAt(c, 'metadata', 'name') ?? '',
        attempt: numberAt(c, 'metadata', 'attempt') ?? 0,
        state: stringAt(c, 'state') ?? '',
        ...(createdAt ? { createdAt } : {}),
        ...(image ? { image } : {}),
      };
    });
}

/** `crictl inspectp -o json` → state, IP and network namespace path. */
export function parseCrictlInspectPod(text: string): CriSandboxDetail {
  const raw = parseJson(text, 'crictl inspectp');
  const nsList = arrayAt(raw, 'info', 'runtimeSpec', 'linux', 'namespaces');
  const netns = nsList.find((n) => stringAt(n, 'type') === 'network');
  const id = stringAt(raw, 'status', 'id') ?? '';
  const state = stringAt(raw, 'status', 'state');
  const ip = stringAt(raw, 'status', 'network', 'ip');
  const netnsPath = stringAt(netns, 'path');
  return { id, ...(state ? { state } : {}), ...(ip ? { ip } : {}), ...(netnsPath ? { netns: netnsPath } : {}), raw };
}

async function nodeText(exec: NodeExec, node: string, argv: string[], opts?: NodeExecOptions): Promise<string> {
  const r = await exec(node, argv, opts);
  if (r.exitCode !== 0) throw new Error(`on node ${node}: ${describeFailure(r)}`);
  return r.stdout;
}

/** The kubelet's journal of the last `sinceSeconds` seconds (precise ISO timestamps). */
export function kubeletJournal(exec: NodeExec, node: string, sinceSeconds: number): Promise<string> {
  return nodeText(
    exec,
    node,
    ['journalctl', '-u', 'kubelet', '--no-pager', '-o', 'short-iso-precise', `--since=-${Math.ceil(sinceSeconds)}s`],
    {
      timeoutMs: 60_000,
    },
  );
}

/** Every CRI sandbox of the pod with this UID on the node (more than one: the sandbox was recreated). */
export async function crictlPods(exec: NodeExec, node: string, podUid: string): Promise<CriSandbox[]> {
  return parseCrictlPods(
    await nodeText(exec, node, [...CRICTL, 'pods', '--label', `io.kubernetes.pod.uid=${podUid}`, '-o', 'json']),
  );
}

export async function crictlInspectPod(exec: NodeExec, node: string, sandboxId: string): Promise<CriSandboxDetail> {
  return parseCrictlInspectPod(await nodeText(exec, node, [...CRICTL, 'inspectp', '-o', 'json', sandboxId]));
}

/** All containers (running and exited) of a sandbox. */
export async function crictlContainers(exec: NodeExec, node: string, sandboxId: string): Promise<CriContainer[]> {
  return parseCrictlContainers(await nodeText(exec, node, [...CRICTL, 'ps', '-a', '--pod', sandboxId, '-o', 'json']));
}

/** The pod's current sandbox id: the ready one, else the newest; undefined when the node has none. */
export async function sandboxIdOf(exec: NodeExec, node: string, podUid: string): Promise<string | undefined> {
  const pods = await crictlPods(exec, node, podUid);
  return (pods.find((p) => p.state === 'SANDBOX_READY') ?? pods[0])?.id;
}

/** "cgroup2fs" (v2) or "tmpfs" (v1) for /sys/fs/cgroup inside the node. */
export async function nodeCgroupVersion(exec: NodeExec, node: string): Promise<'v1' | 'v2' | 'unknown'> {
  const r = await exec(node, ['stat', '-fc', '%T', '/sys/fs/cgroup'], { timeoutMs: 20_000 });
  const t = r.stdout.trim();
  return t === 'cgroup2fs' ? 'v2' : t === 'tmpfs' ? 'v1' : 'unknown';
}
