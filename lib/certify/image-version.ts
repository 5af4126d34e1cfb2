// The Kubernetes version a node image carries, read from the image itself: kind's `/kind/version` file and
// the kubelet binary's `--version`. Both must name the same release; a retagged or half-rebuilt image
// whose tag, file and kubelet disagree is refused rather than judged against the wrong minor.
import { describeFailure, runHostCommand, type HostCommand } from '../host/command.js';
import { formatVersion, minorOf, parseVersion } from '../k8s-version.js';
import { EnvironmentError, InputError } from '../errors.js';

export interface ImageVersion {
  /** The release both sources name, e.g. v1.35.8. */
  version: string;
  /** "1.35". */
  minor: string;
  /** What /kind/version says, as written. */
  kindVersionFile: string;
  /** What `kubelet --version` printed, as written. */
  kubeletVersion: string;
}

/** `/kind/version` holds one line: the release the image was built for (v1.35.8). */
export function parseKindVersionFile(text: string): string | undefined {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  try {
    return formatVersion(parseVersion(line));
  } catch {
    return undefined;
  }
}

/** `kubelet --version` prints "Kubernetes v1.35.8". */
export function parseKubeletVersion(text: string): string | undefined {
  const m = /Kubernetes\s+(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(text);
  return m?.[1] ? formatVersion(parseVersion(m[1])) : undefined;
}

/**
 * The image's version from what its two sources printed. Pure. Throws InputError (exit 2: nothing was
 * run) when either is unreadable or they disagree.
 */
export function imageVersionFrom(image: string, kindVersionFile: string, kubeletOutput: string): ImageVersion {
  const fromFile = parseKindVersionFile(kindVersionFile);
  const fromKubelet = parseKubeletVersion(kubeletOutput);
  const problem = (found: string, expected: string) =>
    new InputError(
      [{ file: image, line: 0, column: 0, path: '', found, expected }],
      `cannot tell the Kubernetes version of ${image}: ${found}`,
    );
  if (!fromFile)
    throw problem(
      `/kind/version reads "${kindVersionFile.trim().slice(0, 80)}"`,
      'a kind node image whose /kind/version names a release (v1.35.8)',
    );
  if (!fromKubelet)
    throw problem(
      `kubelet --version printed "${kubeletOutput.trim().slice(0, 80)}"`,
      'a kubelet that prints "Kubernetes v1.X.Y"',
    );
  if (fromFile !== fromKubelet) {
    throw problem(
      `/kind/version says ${fromFile} but its kubelet is ${fromKubelet}`,
      'an image whose /kind/version and kubelet name the same release',
    );
  }
  return {
    version: fromFile,
    minor: minorOf(fromFile),
    kindVersionFile: kindVersionFile.trim(),
    kubeletVersion: kubeletOutput.trim(),
  };
}

/** Reads both sources from a local Docker image (no container of it keeps running). */
export async function readImageVersion(image: string, run: HostCommand = runHostCommand): Promise<ImageVersion> {
  const inImage = async (entrypoint: string, args: string[]) => {
    const r = await run('docker', ['run', '--rm', '--network', 'none', '--entrypoint', entrypoint, image, ...args], {
      timeoutMs: 120_000,
    });
    if (r.exitCode !== 0) {
      throw new EnvironmentError(
        `cannot read the Kubernetes version of ${image}: ${describeFailure(r)}`,
        'is it a kind node image Docker has (docker image inspect)?',
      );
    }
    return r.stdout;
  };
  const file = await inImage('cat', ['/kind/version']);
  const kubelet = await inImage('/usr/bin/kubelet', ['--version']);
  return imageVersionFrom(image, file, kubelet);
}

/** The image's id and repo digests (what a reviewer pins), from Docker. */
export async function readImageDigest(
  image: string,
  run: HostCommand = runHostCommand,
): Promise<{ id: string; repoDigests: string[] }> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}} {{json .RepoDigests}}', image], {
    timeoutMs: 60_000,
  });
  if (r.exitCode !== 0) throw new EnvironmentError(`cannot inspect ${image}: ${describeFailure(r)}`);
  const [id = '', ...rest] = r.stdout.trim().split(' ');
  let repoDigests: string[] = [];
  try {
    const parsed: unknown = JSON.parse(rest.join(' ') || '[]');
    if (Array.isArray(parsed)) repoDigests = parsed.filter((d): d is string => typeof d === 'string');
  } catch {
    // none
  }
  return { id, repoDigests };
}
