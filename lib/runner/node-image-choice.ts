// Which node image a run uses. --node-image wins; --local-image (or INPLACE_E2E_LOCAL_IMAGE=1) demands the
// offline build; otherwise the profile's upstream pin, falling back to the offline build only when the
// pin cannot be pulled (air-gapped CI) and Docker has the local image.
import { execa } from 'execa';
import { EnvironmentError } from '../errors.js';
import { localImageExists } from '../nodeimage/docker.js';
import { chooseNodeImage, type NodeImageChoice } from '../profiles/node-image.js';
import type { ClusterProfile } from '../profiles/types.js';

const PULL_DEADLINE_MS = 180_000;

export async function chooseImage(
  profile: ClusterProfile,
  args: { nodeImage?: string; localImage: boolean },
  log: (line: string) => void,
): Promise<NodeImageChoice> {
  if (args.nodeImage) return chooseNodeImage(profile, { override: args.nodeImage });
  const local = profile.localImage;
  const localPresent = local ? await localImageExists(local) : false;
  if (args.localImage) {
    if (!local) throw new EnvironmentError(`profile ${profile.name} names no localImage`, 'add `localImage:` to the profile or pass --node-image');
    if (!localPresent) {
      throw new EnvironmentError(
        `the offline node image ${local} is not in Docker`,
        `build it: inplace-e2e node-image build --kubernetes v${profile.kubernetesVersion.replace(/^v/, '')}`,
      );
    }
    return chooseNodeImage(profile, { localImageAvailable: true });
  }
  const upstream = chooseNodeImage(profile, { localImageAvailable: false });
  if (await localImageExists(upstream.image)) return upstream;
  log(`image: pulling ${upstream.image}`);
  const pull = await execa('docker', ['pull', upstream.image], { reject: false, all: true, timeout: PULL_DEADLINE_MS });
  if (pull.exitCode === 0) return upstream;
  const why = String(pull.all ?? '').trim().split('\n').at(-1) ?? `exit ${pull.exitCode}`;
  if (local && localPresent) {
    const chosen = chooseNodeImage(profile, { localImageAvailable: true });
    return { ...chosen, notes: [`${upstream.image} cannot be pulled (${why}); using the offline build`, ...chosen.notes] };
  }
  throw new EnvironmentError(
    `cannot pull node image ${upstream.image}: ${why}`,
    local ? `no registry? build the offline image: inplace-e2e node-image build, then run with --local-image` : 'pass --node-image with an image Docker has',
  );
}
