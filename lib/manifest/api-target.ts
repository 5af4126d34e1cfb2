// Which API server a manifest is checked against: a Kubernetes minor and the gates of its kube-apiserver.
// A gate the target does not pin may be on or off (a profile can set either): then every start-able
// combination is checked, and a rejection that depends on the gate is reported as conditional.
import { CONTAINER_RESTART_RULES, RESTART_ALL_CONTAINERS, TABLE_MINORS, gateFactsAt } from '../gates/index.js';
import { inRange } from '../k8s-version.js';
import {
  restartRuleFindings,
  type RestartRuleApi,
  type RestartRuleFinding,
  type RestartRuleScope,
} from './restart-rules.js';

export interface ApiTarget {
  /** "1.35" */
  minor: string;
  /** Gate states kube-apiserver runs with; a table gate left out may be either. */
  gates: Record<string, boolean>;
  /** How messages name the target after the word "Kubernetes", e.g. "1.35 (profile 1.35-gates-on)". */
  label: string;
}

/** One API server the target may be, and the gate states assumed to get there (unpinned gates only). */
interface ApiVariant {
  api: RestartRuleApi;
  assumed: string[];
}

const GATES = [CONTAINER_RESTART_RULES, RESTART_ALL_CONTAINERS] as const;

/** Every target minor of the gate table, each with no gate pinned: what a suite may meet. */
export function tableTargets(): ApiTarget[] {
  return TABLE_MINORS.map((minor) => ({ minor, gates: {}, label: minor }));
}

/** A minor at its upstream gate defaults, as `--kubernetes` asks. */
export function defaultsTarget(minor: string): ApiTarget {
  const gates: Record<string, boolean> = {};
  for (const g of GATES) gates[g] = gateFactsAt(g, `${minor}.0`)?.default ?? false;
  return { minor, gates, label: `${minor} (default gates)` };
}

/** The gate states of `target`, with the scenario's requirements pinned; undefined when they contradict it. */
export function narrowTarget(
  target: ApiTarget,
  requires: { versions?: string[]; gates?: Record<string, boolean> } | undefined,
): ApiTarget | undefined {
  if (!(requires?.versions ?? []).every((r) => minorMeets(target.minor, r))) return undefined;
  const gates = { ...target.gates };
  for (const [gate, wanted] of Object.entries(requires?.gates ?? {})) {
    const known = gateFactsAt(gate, `${target.minor}.0`);
    const state =
      gate in target.gates
        ? target.gates[gate]
        : GATES.includes(gate as (typeof GATES)[number]) && !known
          ? false
          : undefined;
    if (state !== undefined && state !== wanted) return undefined;
    if (known?.locked && known.default !== wanted) return undefined;
    gates[gate] = wanted;
  }
  return { ...target, gates };
}

/** Whether some release of `minor` lies in `range` (the bounds of the range decide it: x.y.0 and x.y.999 and its patch). */
function minorMeets(minor: string, range: string): boolean {
  const patch = /\d+\.\d+\.(\d+)/.exec(range)?.[1];
  const candidates = [`${minor}.0`, `${minor}.999`, ...(patch ? [`${minor}.${patch}`] : [])];
  try {
    return candidates.some((v) => inRange(v, range));
  } catch {
    return true; // a malformed range is the schema's to report
  }
}

function variants(target: ApiTarget): ApiVariant[] {
  const choices = GATES.map((gate) => {
    const facts = gateFactsAt(gate, `${target.minor}.0`);
    if (gate in target.gates) return [target.gates[gate] as boolean];
    if (!facts) return [false];
    if (facts.locked) return [facts.default];
    return [true, false];
  });
  const out: ApiVariant[] = [];
  for (const crr of choices[0] as boolean[])
    for (const rac of choices[1] as boolean[]) {
      // A kube-apiserver does not start with a gate on whose dependencies are off (1.35+).
      if (
        rac &&
        !crr &&
        (gateFactsAt(RESTART_ALL_CONTAINERS, `${target.minor}.0`)?.dependencies.includes(CONTAINER_RESTART_RULES) ??
          false)
      )
        continue;
      const assumed: string[] = [];
      if (!(CONTAINER_RESTART_RULES in target.gates) && (choices[0] as boolean[]).length > 1)
        assumed.push(`${CONTAINER_RESTART_RULES} ${crr ? 'on' : 'off'}`);
      if (!(RESTART_ALL_CONTAINERS in target.gates) && (choices[1] as boolean[]).length > 1)
        assumed.push(`${RESTART_ALL_CONTAINERS} ${rac ? 'on' : 'off'}`);
      out.push({ api: { minor: target.minor, containerRestartRules: crr, restartAllContainers: rac }, assumed });
    }
  return out;
}

/** A finding with the targets that give it, and whether it holds whatever the unpinned gates are. */
export interface TargetedFinding extends RestartRuleFinding {
  /** Per target (and, where the text depends on an unpinned gate, per gate state): the server's text. */
  answers: Array<{ label: string; minor: string; text: string; when?: string }>;
  /** Targets on which it holds whatever the unpinned gates are. */
  certainOn: string[];
  /** Where it holds only for some states of the unpinned gates: the target and those states, in words. */
  conditions: Array<{ label: string; assumed: string }>;
}

const words = (assumed: string[][]) => assumed.map((a) => a.join(' and ')).join(', or ');

/** Restart-rule findings of one pod spec against several targets, merged by place and outcome. */
export function restartRuleFindingsFor(
  spec: unknown,
  scope: RestartRuleScope,
  targets: ApiTarget[],
): TargetedFinding[] {
  const merged = new Map<string, TargetedFinding>();
  for (const target of targets) {
    const vs = variants(target);
    const perPlace = new Map<string, Array<{ finding: RestartRuleFinding; assumed: string[] }>>();
    for (const v of vs)
      for (const f of restartRuleFindings(spec, scope, v.api)) {
        const key = `${f.outcome} ${f.pointer}`;
        perPlace.set(key, [...(perPlace.get(key) ?? []), { finding: f, assumed: v.assumed }]);
      }
    for (const [key, hits] of perPlace) {
      const first = (hits[0] as (typeof hits)[number]).finding;
      const into = merged.get(key) ?? { ...first, answers: [], certainOn: [], conditions: [] };
      const texts = [...new Set(hits.map((h) => h.finding.text))];
      for (const text of texts) {
        const when = hits.filter((h) => h.finding.text === text).map((h) => h.assumed);
        into.answers.push({
          label: target.label,
          minor: target.minor,
          text,
          ...(texts.length > 1 ? { when: words(when) } : {}),
        });
      }
      if (hits.length === vs.length) into.certainOn.push(target.label);
      else into.conditions.push({ label: target.label, assumed: words(hits.map((h) => h.assumed)) });
      merged.set(key, into);
    }
  }
  return [...merged.values()];
}

/** 'Kubernetes 1.35 answers "…"; Kubernetes 1.36, 1.37 answer "…"' */
export function describeAnswers(f: TargetedFinding): string {
  const byText = new Map<string, string[]>();
  for (const a of f.answers)
    byText.set(a.text, [...(byText.get(a.text) ?? []), `${a.label}${a.when ? ` with ${a.when}` : ''}`]);
  return [...byText.entries()]
    .map(
      ([text, labels]) =>
        `Kubernetes ${labels.join(', ')} ${labels.length === 1 ? 'answers' : 'answer'} "${f.field}: ${text}"`,
    )
    .join('; ');
}

/** 'with RestartAllContainersOnContainerExits off (Kubernetes 1.35, 1.36); with … (Kubernetes 1.34)' */
export function describeConditions(f: TargetedFinding): string {
  const byAssumed = new Map<string, string[]>();
  for (const c of f.conditions) byAssumed.set(c.assumed, [...(byAssumed.get(c.assumed) ?? []), c.label]);
  return [...byAssumed.entries()]
    .map(([assumed, labels]) => `with ${assumed} (Kubernetes ${labels.join(', ')})`)
    .join('; ');
}
