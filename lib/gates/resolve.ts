// Resolves a requested set of feature gates against one Kubernetes minor, the way a component's feature gate
// would at startup (component-base featuregate unsafeSetFromMap, read @v0.35.8 and @v0.37.2: feature_gate.go lines 421, 426, 466), and refuses
// the combinations a component would refuse, before anything is created.
import { minorOf, parseVersion, type KubeVersion } from '../k8s-version.js';
import { GATE_TABLE, TABLE_MINORS, gateDefinition, type GateFacts, type TableMinor } from './table.js';

export type GateRefusalKind = 'unknown-gate' | 'locked' | 'dependency-disabled';

/** Why a gate setting cannot start on a version. */
export interface GateRefusal {
  kind: GateRefusalKind;
  /** The gate the component complains about (for dependency-disabled: the enabled, dependent gate). */
  gate: string;
  /** The minor, e.g. "1.35". */
  version: string;
  /** For dependency-disabled: the dependencies that are off. */
  disabledDependencies?: string[];
  /** Requested gates whose setting causes the refusal (to point at them in the input). */
  involved: string[];
  /** What breaks, with the component's own message. */
  reason: string;
  /** What would start instead, as a noun phrase ("X: true as well, or Y: false"). */
  remedy: string;
}

export class GateRefusalError extends Error {
  constructor(readonly refusals: GateRefusal[]) {
    super(refusals.map((r) => `${r.gate} on Kubernetes ${r.version}: ${r.reason}; expected ${r.remedy}`).join('\n'));
    this.name = 'GateRefusalError';
  }
}

export interface GateResolution {
  /** The minor resolved against, e.g. "1.35". */
  version: string;
  /**
   * State of every table gate the version knows (explicit value, else the upstream default), plus every
   * requested gate outside the table (as requested).
   */
  effective: Record<string, boolean>;
  /** Exactly what is passed to the component: the requested gates (over `base`), unchanged. */
  explicit: Record<string, boolean>;
  notes: string[];
}

/** Which table column applies to a version, and whether it is read or assumed. */
export interface TableColumn {
  minor: string;
  /** undefined: older than every table minor, so none of the table's gates exist. */
  column: TableMinor | undefined;
  /** True when the version is newer than the table and the newest column is assumed. */
  extrapolated: boolean;
}

export function tableColumnFor(version: string | KubeVersion): TableColumn {
  const v = typeof version === 'string' ? parseVersion(version) : version;
  const minor = minorOf(v);
  const exact = TABLE_MINORS.find((m) => m === minor);
  if (exact) return { minor, column: exact, extrapolated: false };
  const newest = TABLE_MINORS[TABLE_MINORS.length - 1] as TableMinor;
  const newestV = parseVersion(newest);
  const newer = v.major > newestV.major || (v.major === newestV.major && v.minor > newestV.minor);
  return newer ? { minor, column: newest, extrapolated: true } : { minor, column: undefined, extrapolated: false };
}

/** Facts of a table gate at a version; undefined when the gate is not in the table or the version lacks it. */
export function gateFactsAt(name: string, version: string | KubeVersion): GateFacts | undefined {
  const def = gateDefinition(name);
  const { column } = tableColumnFor(version);
  if (!def || !column) return undefined;
  return def.perMinor[column] ?? undefined;
}

function firstMinorKnowing(name: string): string | undefined {
  const def = gateDefinition(name);
  return def ? TABLE_MINORS.find((m) => def.perMinor[m] !== null) : undefined;
}

/** Go's %v of a []Feature, which component-base prints in its dependency error: [A B]. */
const goList = (items: string[]) => `[${items.join(' ')}]`;

function unknownGateRefusal(name: string, minor: string): GateRefusal {
  const since = firstMinorKnowing(name);
  return {
    kind: 'unknown-gate',
    gate: name,
    version: minor,
    involved: [name],
    reason:
      `Kubernetes ${minor} does not know this gate${since ? ` (it exists from ${since})` : ''}: ` +
      `every component refuses to start with "unrecognized feature gate: ${name}"`,
    remedy: `no ${name} setting${since ? `, or Kubernetes ${since} or newer` : ''}`,
  };
}

function lockedGateRefusal(name: string, value: boolean, facts: GateFacts, minor: string): GateRefusal {
  return {
    kind: 'locked',
    gate: name,
    version: minor,
    involved: [name],
    reason:
      `${name} is ${facts.stage.toUpperCase()} and locked to ${facts.default} on ${minor}: every component refuses to start with ` +
      `"cannot set feature gate ${name} to ${value}, feature is locked to ${facts.default}"`,
    remedy: `${name} unset or ${facts.default}`,
  };
}

/**
 * Enabled gates whose dependencies are off, checked on the effective state (defaults included) the way
 * component-base does after applying the flags (featuregate unsafeSetFromMap @v0.35.8).
 */
function dependencyRefusals(
  column: TableMinor,
  minor: string,
  effective: Record<string, boolean>,
  set: Record<string, boolean>,
): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  for (const def of GATE_TABLE) {
    const facts = def.perMinor[column];
    if (!facts || !effective[def.name] || facts.dependencies.length === 0) continue;
    const disabled = facts.dependencies.filter((d) => effective[d] !== true);
    if (disabled.length === 0) continue;
    const involved = [def.name, ...disabled].filter((g) => g in set);
    const componentMessage = `${def.name} is enabled, but depends on features that are disabled: ${goList(disabled)}`;
    refusals.push({
      kind: 'dependency-disabled',
      gate: def.name,
      version: minor,
      disabledDependencies: disabled,
      involved: involved.length > 0 ? involved : [def.name],
      // Reported for kubelets v1.35.1/v1.35.2 in kubernetes/website#55580; the other components run the same
      // component-base check at startup (INFERRED, not observed).
      reason: `the kubelet panics at startup: "${componentMessage}"`,
      remedy: `${disabled.map((d) => `${d}: true`).join(' and ')} as well, or ${def.name}: false`,
    });
  }
  return refusals;
}

/**
 * Resolves without throwing: the resolution is always filled in (refused gates included as requested), and
 * refusals lists what a component would refuse. Callers that want a hard stop use resolveGates().
 *
 * `base` is a layer of gates already set underneath `requested` (e.g. the cluster-level gates under one
 * node's kubelet overrides): it counts for the effective state and the dependency check, but notes are
 * written only about `requested`, since the caller has already heard about `base` from its own resolution.
 */
export function evaluateGates(
  version: string | KubeVersion,
  requested: Record<string, boolean>,
  base: Record<string, boolean> = {},
): { resolution: GateResolution; refusals: GateRefusal[] } {
  const { minor, column, extrapolated } = tableColumnFor(version);
  const notes: string[] = [];
  const refusals: GateRefusal[] = [];
  const effective: Record<string, boolean> = {};

  if (extrapolated) {
    notes.push(
      `Kubernetes ${minor} is newer than the gate table (${TABLE_MINORS[0]}–${column}): assuming the ${column} defaults, stages and dependencies (UNVERIFIED for ${minor})`,
    );
  }
  for (const def of GATE_TABLE) {
    const facts = column ? def.perMinor[column] : null;
    if (facts) effective[def.name] = facts.default;
  }

  const set = { ...base, ...requested };
  for (const [name, value] of Object.entries(set)) {
    effective[name] = value;
    const own = name in requested; // gates from `base` count, but get no notes here
    const def = gateDefinition(name);
    if (!def) {
      // Outside the table nothing is known (stage, default, dependencies, which versions have it): the gate
      // is passed through as written and the components are the judge.
      if (own) {
        notes.push(
          `${name}=${value} is not in inplace-e2e's gate table: passed through unchecked (its default, stage and dependencies on ${minor} are unknown here)`,
        );
      }
      continue;
    }
    const facts = column ? def.perMinor[column] : null;
    if (!facts) {
      refusals.push(unknownGateRefusal(name, minor));
    } else if (facts.locked && value !== facts.default) {
      refusals.push(lockedGateRefusal(name, value, facts, minor));
    } else if (own && facts.locked) {
      notes.push(
        `${name}=${value} is GA and locked on ${minor}: setting it is a no-op and components log a warning that the gate will be removed`,
      );
    } else if (own && value === facts.default && !(name in base && base[name] !== value)) {
      notes.push(`${name}=${value} is already the default on ${minor} (${facts.stage}); the explicit setting is kept`);
    }
  }

  // Like component-base, dependencies are only checked once every single setting is acceptable.
  if (refusals.length === 0 && column) refusals.push(...dependencyRefusals(column, minor, effective, set));

  return { resolution: { version: minor, effective, explicit: set, notes }, refusals };
}

/** Resolves the requested gates for a version; throws GateRefusalError with every refusal found. */
export function resolveGates(version: string | KubeVersion, requested: Record<string, boolean>): GateResolution {
  const { resolution, refusals } = evaluateGates(version, requested);
  if (refusals.length > 0) throw new GateRefusalError(refusals);
  return resolution;
}
