// Kubernetes versions and version ranges as used in suites and profiles ("1.35", ">=1.36", "v1.35.8").

export interface KubeVersion {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release suffix without the dash, e.g. "rc.1"; empty for releases. */
  pre: string;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/;

export function parseVersion(text: string): KubeVersion {
  const m = VERSION.exec(text.trim());
  if (!m) throw new Error(`not a Kubernetes version: "${text}" (expected e.g. v1.35.8 or 1.36)`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

export function formatVersion(v: KubeVersion): string {
  return `v${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}`;
}

/** "1.35" for v1.35.8: the granularity feature gates change at. */
export function minorOf(v: KubeVersion | string): string {
  const p = typeof v === 'string' ? parseVersion(v) : v;
  return `${p.major}.${p.minor}`;
}

/** Compares release numbers; a pre-release sorts before its release. */
export function compareVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePreRelease(a.pre, b.pre);
}

/**
 * Semantic Versioning 2.0.0 §11 precedence of pre-release suffixes: identifiers compared left to right,
 * numeric ones as numbers ("alpha.10" after "alpha.9", "rc.2" after "rc.1"), numeric before
 * alphanumeric, a shorter list first when it is a prefix of the longer; no suffix (a release) last.
 */
export function comparePreRelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] as string;
    const y = bs[i] as string;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Number(x) - Number(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

const RANGE = /^(\*|(>=|<=|>|<|=)?\s*(v?\d+\.\d+(?:\.\d+)?))$/;

/**
 * Whether `version` lies in `range`. A bare "1.35" means the whole minor; operators compare
 * release numbers, with a two-part bound meaning that minor's first release (">=1.36" includes
 * v1.36.0-rc.1, because gates and messages change with the minor, not with the patch).
 */
export function inRange(version: KubeVersion | string, range: string): boolean {
  const v = typeof version === 'string' ? parseVersion(version) : version;
  const m = RANGE.exec(range.trim());
  if (!m) throw new Error(`not a version range: "${range}" (expected "*", "1.35", ">=1.36", "<1.36", "=1.35.8")`);
  if (m[1] === '*') return true;
  const op = m[2];
  const boundText = m[3] as string;
  const twoPart = boundText.replace(/^v/, '').split('.').length === 2;
  const bound = parseVersion(boundText);
  if (!op) return twoPart ? v.major === bound.major && v.minor === bound.minor : compareVersions(v, bound) === 0;
  const release = { ...v, pre: twoPart ? '' : v.pre };
  const c = twoPart ? release.major - bound.major || release.minor - bound.minor : compareVersions(release, bound);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    default:
      return c === 0;
  }
}

/** Picks the text for a version from a per-range map (first matching range wins), or returns a plain string. */
export function textForVersion(
  text: string | Record<string, string>,
  version: KubeVersion | string,
): string | undefined {
  if (typeof text === 'string') return text;
  for (const [range, value] of Object.entries(text)) if (inRange(version, range)) return value;
  return undefined;
}
