// The Kubernetes minors certify can judge: for each, the profile the catalogue runs on, the gate-off
// control, and the reference verdicts (references/<minor>.json) an image is compared with. An image of
// another minor is refused (exit 2) naming the ones known.
import { InputError } from '../errors.js';
import type { ImageVersion } from './image-version.js';

export interface CertifyTarget {
  minor: string;
  /** Shipped profile the catalogue runs on. */
  profile: string;
  /** The gate-off control: a shipped profile (copied into the bundle, as every profile used). */
  control: { profile: string };
}

/**
 * 1.35: the action is alpha, so the catalogue runs with the gates on and the shipped gates-off profile is
 * the control. 1.36 and 1.37: beta and on by default, so the defaults are judged, and the control is the
 * minor's shipped gates-off profile.
 */
export const CERTIFY_TARGETS: readonly CertifyTarget[] = [
  { minor: '1.35', profile: '1.35-gates-on', control: { profile: '1.35-gates-off' } },
  { minor: '1.36', profile: '1.36-defaults', control: { profile: '1.36-gates-off' } },
  { minor: '1.37', profile: '1.37-defaults', control: { profile: '1.37-gates-off' } },
];

export function knownMinors(): string[] {
  return CERTIFY_TARGETS.map((t) => t.minor);
}

/** The target for an image's version; InputError (exit 2, nothing run) for a minor with no profile or reference. */
export function certifyTargetFor(
  image: string,
  version: ImageVersion,
  targets: readonly CertifyTarget[] = CERTIFY_TARGETS,
): CertifyTarget {
  const t = targets.find((x) => x.minor === version.minor);
  if (t) return t;
  const known = targets.map((x) => x.minor).join(', ');
  throw new InputError(
    [
      {
        file: image,
        line: 0,
        column: 0,
        path: '',
        found: `Kubernetes ${version.version} (minor ${version.minor})`,
        expected: `an image of a minor certify knows: ${known}`,
      },
    ],
    `certify has no profile or reference for Kubernetes ${version.minor} (${image} is ${version.version}); it knows ${known}`,
    "certify judges an image against this project's reference of the same minor; a new minor needs a profile in clusters/ and a reference in references/",
  );
}
