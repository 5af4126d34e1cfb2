// Which node image a cluster is created from: an explicit override (--node-image), the profile's offline
// build when Docker has it, or the profile's upstream image pinned by digest. chooseNodeImage decides from
// facts (pure: `plan` uses it offline); findNodeImage asks Docker for them, pulling the pin when needed.
import { EnvironmentError, InputError } from '../errors.js';
import { imageTagMinor } from './resolve.js';
import type { ClusterProfile } from './types.js';

export interface NodeImageChoice {
  image: string;
  source: 'override' | 'local' | 'upstream';
  notes: string[];
}

export interface NodeImageOptions {
  /** --node-image: used as-is. */
  override?: string;
  /** Whether `docker image inspect <profile.localImage>` succeeds (the cluster lifecycle checks). */
  localImageAvailable?: boolean;
}

export function chooseNodeImage(profile: ClusterProfile, options: NodeImageOptions = {}): NodeImageChoice {
  if (options.override !== undefined) {
    const tagMinor = imageTagMinor(options.override);
    if (tagMinor !== undefined && tagMinor !== profile.minor) {
      // Gates were resolved for the profile's minor; another minor would start with other gates.
      throw new InputError([
        {
          file: '--node-image',
          line: 0,
          column: 0,
          path: '',
          found: `${options.override} (Kubernetes ${tagMinor})`,
          expected: `a node image of Kubernetes ${profile.minor}, the version of profile ${profile.name}, or a profile for ${tagMinor}`,
        },
      ]);
    }
    const notes = [`node image ${options.override}: given with --node-image`];
    if (tagMinor === undefined) {
      notes.push(
        `the tag of ${options.override} is not a version: gates are resolved as for Kubernetes ${profile.minor} (profile ${profile.name}) without a check`,
      );
    }
    return { image: options.override, source: 'override', notes };
  }
  if (profile.localImage !== undefined && options.localImageAvailable === true) {
    return {
      image: profile.localImage,
      source: 'local',
      notes: [
        `node image ${profile.localImage}: the offline build is present in Docker (used instead of ${profile.nodeImage})`,
      ],
    };
  }
  const notes = [
    `node image ${profile.nodeImage}: upstream, pinned by digest (kind pulls it if Docker does not have it)`,
  ];
  if (profile.localImage !== undefined && options.localImageAvailable === undefined) {
    notes.push(
      `${profile.localImage} (the offline build) is used with --local-image, or when this image cannot be pulled and Docker has the offline build`,
    );
  }
  return { image: profile.nodeImage, source: 'upstream', notes };
}

/** What finding a node image asks of Docker (lib/nodeimage/docker.ts answers; tests inject a fake). */
export interface ImageStore {
  has(image: string): Promise<boolean>;
  /** Pulls the image; `why` is the last line Docker said when it could not. */
  pull(image: string): Promise<{ pulled: boolean; why: string }>;
}

/**
 * The node image a run uses. --node-image wins; --local-image (or INPLACE_E2E_LOCAL_IMAGE=1) demands the
 * offline build; otherwise the profile's upstream pin, falling back to the offline build only when the
 * pin cannot be pulled (air-gapped CI) and Docker has the local image.
 */
export async function findNodeImage(
  profile: ClusterProfile,
  want: { nodeImage?: string; localImage: boolean },
  images: ImageStore,
  log: (line: string) => void,
): Promise<NodeImageChoice> {
  if (want.nodeImage) return chooseNodeImage(profile, { override: want.nodeImage });
  const local = profile.localImage;
  const localPresent = local ? await images.has(local) : false;
  if (want.localImage) {
    if (!local)
      throw new EnvironmentError(
        `profile ${profile.name} names no localImage`,
        'add `localImage:` to the profile or pass --node-image',
      );
    if (!localPresent) {
      throw new EnvironmentError(
        `the offline node image ${local} is not in Docker`,
        `build it: inplace-e2e node-image build --kubernetes v${profile.kubernetesVersion.replace(/^v/, '')}`,
      );
    }
    return chooseNodeImage(profile, { localImageAvailable: true });
  }
  const upstream = chooseNodeImage(profile, { localImageAvailable: false });
  if (await images.has(upstream.image)) return upstream;
  log(`image: pulling ${upstream.image}`);
  const pull = await images.pull(upstream.image);
  if (pull.pulled) return upstream;
  if (local && localPresent) {
    const chosen = chooseNodeImage(profile, { localImageAvailable: true });
    return {
      ...chosen,
      notes: [`${upstream.image} cannot be pulled (${pull.why}); using the offline build`, ...chosen.notes],
    };
  }
  throw new EnvironmentError(
    `cannot pull node image ${upstream.image}: ${pull.why}`,
    local
      ? `no registry? build the offline image: inplace-e2e node-image build, then run with --local-image`
      : 'pass --node-image with an image Docker has',
  );
}
