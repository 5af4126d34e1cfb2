// Everything `inplace-e2e plan --profile P` prints, computed offline: the kind config, the gate states per
// component and per node, what the preflight will check, and the notes explaining each choice.
import { COMPONENTS, GATE_TABLE, gateDefinition, gateFactsAt, tableColumnFor, type Component } from '../gates/index.js';
import type { HostFacts } from '../host/facts.js';
import { renderKindConfig, type RenderOptions, type RenderedKindConfig } from './render-kind.js';
import type { ClusterProfile, GateExpectation } from './types.js';

/** Where a gate state comes from. */
export type GateSource = 'default' | 'cluster' | 'node' | 'expect' | 'unknown-to-version';

export interface GateCell {
  /** undefined when the version does not know the gate. */
  enabled: boolean | undefined;
  source: GateSource;
}

export interface GateTableColumn {
  /** e.g. "control plane" or "kubelet worker2". */
  title: string;
  components: Component[];
  node?: string;
}

export interface GateTableRow {
  gate: string;
  /** "alpha", "beta", "ga (locked)", "not in 1.34", or "outside the table". */
  stage: string;
  /** Upstream default at the version; undefined when unknown. */
  default: boolean | undefined;
  /** One cell per column, same order as ClusterPlan.gateColumns. */
  cells: GateCell[];
}

export interface ClusterPlan {
  profile: ClusterProfile;
  host: HostFacts;
  kind: RenderedKindConfig;
  gateColumns: GateTableColumn[];
  gateRows: GateTableRow[];
  /** What the preflight checks (kubernetes_feature_enabled per component, declaredFeatures per node). */
  expected: GateExpectation[];
  notes: string[];
}

/** Table gates first (table order), then every other gate the profile mentions (sorted). */
function gatesOf(profile: ClusterProfile): string[] {
  const tableNames = GATE_TABLE.map((g) => g.name);
  const others = new Set<string>([...Object.keys(profile.featureGates), ...Object.keys(profile.expectGates)]);
  for (const n of profile.nodes) for (const g of Object.keys(n.kubeletFeatureGates)) others.add(g);
  return [...tableNames, ...[...others].filter((g) => !tableNames.includes(g)).sort()];
}

function gateRow(profile: ClusterProfile, gate: string, columns: GateTableColumn[]): GateTableRow {
  const inTable = gateDefinition(gate) !== undefined;
  const facts = gateFactsAt(gate, profile.minor);
  const stage = !inTable
    ? 'outside the table'
    : facts
      ? `${facts.stage}${facts.locked ? ' (locked)' : ''}${tableColumnFor(profile.minor).extrapolated ? ' (assumed)' : ''}`
      : `not in ${profile.minor}`;
  const cells = columns.map((c): GateCell => {
    if (inTable && !facts) return { enabled: undefined, source: 'unknown-to-version' };
    const node = profile.nodes.find((n) => n.nameSuffix === c.node);
    // Every column reads its component's expectation: kube-apiserver for the control plane, else the kubelet.
    const expected = profile.expected.find((e) =>
      node ? e.component === 'kubelet' && e.node === node.nameSuffix : e.component === 'kube-apiserver',
    );
    const source: GateSource =
      node && gate in node.kubeletFeatureGates
        ? 'node'
        : gate in profile.featureGates
          ? 'cluster'
          : gate in profile.expectGates
            ? 'expect'
            : 'default';
    return { enabled: expected?.gates[gate], source };
  });
  return { gate, stage, default: facts?.default, cells };
}

export function planCluster(profile: ClusterProfile, host: HostFacts, options: RenderOptions = {}): ClusterPlan {
  const kind = renderKindConfig(profile, host, options);
  const gateColumns: GateTableColumn[] = [
    { title: 'control plane', components: COMPONENTS.filter((c) => c !== 'kubelet') },
    ...profile.nodes.map((n) => ({
      title: `kubelet ${n.nameSuffix}`,
      components: ['kubelet' as Component],
      node: n.nameSuffix,
    })),
  ];
  const gateRows = gatesOf(profile).map((gate) => gateRow(profile, gate, gateColumns));

  const notes = [...profile.notes, ...kind.notes];
  for (const n of profile.nodes) {
    if (n.declaresRestartAllContainers === undefined) continue;
    const verb = n.declaresRestartAllContainers ? 'declares' : 'does not declare';
    notes.push(`node ${n.nameSuffix} ${verb} RestartAllContainersOnContainerExits in status.declaredFeatures`);
  }
  return { profile, host, kind, gateColumns, gateRows, expected: profile.expected, notes };
}

const SOURCE_MARK: Record<GateSource, string> = {
  default: '',
  cluster: ' (set)',
  node: ' (node)',
  expect: ' (expect)',
  'unknown-to-version': '',
};

function formatCell(c: GateCell): string {
  if (c.enabled === undefined) return '-';
  return `${c.enabled ? 'on' : 'off'}${SOURCE_MARK[c.source]}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The plan as a person reads it. */
export function formatPlan(plan: ClusterPlan): string {
  const p = plan.profile;
  const header = [
    `profile ${p.name} (${p.file})`,
    `  ${p.description}`,
    `  Kubernetes ${p.kubernetesVersion}; ${p.nodes.length} node(s): ${p.nodes.map((n) => n.nameSuffix).join(', ')}; image ${plan.kind.nodeImage.image}`,
  ];
  const gateTable = table([
    ['gate', `stage (${p.minor})`, 'default', ...plan.gateColumns.map((c) => c.title)],
    ...plan.gateRows.map((r) => [
      r.gate,
      r.stage,
      r.default === undefined ? '-' : String(r.default),
      ...r.cells.map(formatCell),
    ]),
  ]);
  return [
    ...header,
    '',
    'feature gates ("control plane" = kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy):',
    gateTable,
    '',
    'notes:',
    ...plan.notes.map((n) => `  - ${n}`),
    '',
    'kind config:',
    plan.kind.yaml.trimEnd(),
    '',
  ].join('\n');
}
