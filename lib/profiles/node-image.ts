// Which node image a cluster is created from: an explicit override (--node-image), the profile's offline
// build when Docker has it, or the profile's upstream image pinned by digest.
import { InputError } from '../errors.js';
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
      notes.push(`the tag of ${options.override} is not a version: gates are resolved as for Kubernetes ${profile.minor} (profile ${profile.name}) without a check`);
    }
    return { image: options.override, source: 'override', notes };
  }
  if (profile.localImage !== undefined && options.localImageAvailable === true) {
    return {
      image: profile.localImage,
      source: 'local',
      notes: [`node image ${profile.localImage}: the offline build is present in Docker (used instead of ${profile.nodeImage})`],
    };
  }
  const notes = [`node image ${profile.nodeImage}: upstream, pinned by digest (kind pulls it if Docker does not have it)`];
  if (profile.localImage !== undefined && options.localImageAvailable === undefined) {
    notes.push(`${profile.localImage} (the offline build) is used with --local-image, or when this image cannot be pulled and Docker has the offline build`);
  }
  return { image: profile.nodeImage, source: 'upstream', notes };
}
