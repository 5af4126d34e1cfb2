// Host tools the harness drives: docker (daemon answering), kind (new enough), kubectl (optional).
// Version parsing is pure; the checks turn problems into EnvironmentErrors that say how to fix them.
import { EnvironmentError } from '../errors.js';
import { compareVersions, formatVersion, parseVersion, type KubeVersion } from '../k8s-version.js';
import { runHostCommand, describeFailure, type HostCommand } from '../host/command.js';
import { kindExecutable } from './paths.js';

/** kind releases that render the kubeadm/kubelet patch shapes each supported Kubernetes needs (v1beta4 from 1.36). */
export const MIN_KIND_VERSION = 'v0.32.0';

export const KIND_INSTALL_HINT =
  `install kind ${MIN_KIND_VERSION} or newer: \`go install sigs.k8s.io/kind@${MIN_KIND_VERSION}\` (binary lands in $(go env GOPATH)/bin), ` +
  `or the release binary: \`curl -Lo kind https://kind.sigs.k8s.io/dl/${MIN_KIND_VERSION}/kind-linux-amd64 && chmod +x kind && sudo mv kind /usr/local/bin/\``;
export const DOCKER_INSTALL_HINT =
  'install Docker (https://docs.docker.com/engine/install/) and start the daemon; on a bare Debian host without systemd, `sudo lib/host/docker-up.sh` does both';
export const KUBECTL_INSTALL_HINT =
  'optional: https://kubernetes.io/docs/tasks/tools/ (the harness talks to the API itself)';

/** "kind v0.32.0 go1.25.1 linux/amd64" → v0.32.0 (pre-release and build suffixes kept). */
export function parseKindVersion(output: string): KubeVersion | undefined {
  const m = /\bkind\s+(v?\d+\.\d+\.\d+\S*)/.exec(output);
  if (!m) return undefined;
  try {
    return parseVersion(m[1] as string);
  } catch {
    return undefined;
  }
}

/** `kubectl version --client -o json` → clientVersion.gitVersion. */
export function parseKubectlClientVersion(output: string): string | undefined {
  try {
    const v = (JSON.parse(output) as { clientVersion?: { gitVersion?: unknown } }).clientVersion?.gitVersion;
    return typeof v === 'string' ? v : undefined;
  } catch {
    const m = /Client Version:\s*(v\S+)/.exec(output);
    return m ? m[1] : undefined;
  }
}

/** Whether `found` is at least `min`; a pre-release of the minimum release does not count. */
export function isAtLeast(found: KubeVersion, min: string): boolean {
  return compareVersions(found, parseVersion(min)) >= 0;
}

export interface ToolReport {
  tool: 'docker' | 'kind' | 'kubectl';
  found: boolean;
  version?: string;
  note?: string;
}

/** The docker CLI is there and its daemon answers. Throws EnvironmentError otherwise. */
export async function checkDocker(run: HostCommand = runHostCommand): Promise<ToolReport> {
  const r = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 });
  if (r.notFound) throw new EnvironmentError('docker is not installed (no `docker` on PATH)', DOCKER_INSTALL_HINT);
  if (r.exitCode !== 0 || !r.stdout.trim()) {
    throw new EnvironmentError(`the Docker daemon is not answering: ${describeFailure(r)}`, DOCKER_INSTALL_HINT);
  }
  return { tool: 'docker', found: true, version: r.stdout.trim() };
}

/** kind is on PATH and at least `min`. Throws EnvironmentError otherwise. */
export async function checkKind(run: HostCommand = runHostCommand, min = MIN_KIND_VERSION): Promise<ToolReport> {
  const r = await run(kindExecutable(), ['version'], { timeoutMs: 20_000 });
  if (r.notFound)
    throw new EnvironmentError(
      'kind is not installed (no `kind` on PATH, none built in the cache, INPLACE_E2E_KIND unset)',
      KIND_INSTALL_HINT,
    );
  if (r.exitCode !== 0) throw new EnvironmentError(`kind does not run: ${describeFailure(r)}`, KIND_INSTALL_HINT);
  const v = parseKindVersion(r.stdout);
  if (!v) throw new EnvironmentError(`cannot read the kind version from: ${r.stdout.trim()}`, KIND_INSTALL_HINT);
  if (!isAtLeast(v, min)) {
    throw new EnvironmentError(
      `kind ${formatVersion(v)} is too old: the harness needs ${min} or newer`,
      KIND_INSTALL_HINT,
    );
  }
  return { tool: 'kind', found: true, version: formatVersion(v) };
}

/** kubectl is optional: reported, never required. */
export async function checkKubectl(run: HostCommand = runHostCommand): Promise<ToolReport> {
  const r = await run('kubectl', ['version', '--client', '-o', 'json'], { timeoutMs: 20_000 });
  if (r.notFound) return { tool: 'kubectl', found: false, note: `not found (${KUBECTL_INSTALL_HINT})` };
  const v = parseKubectlClientVersion(r.stdout);
  return v
    ? { tool: 'kubectl', found: true, version: v }
    : { tool: 'kubectl', found: true, note: `version unreadable: ${describeFailure(r)}` };
}
