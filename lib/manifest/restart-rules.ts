// The API server's validation of container restart rules, per Kubernetes minor, offline: what
// kube-apiserver answers for restartPolicy/restartPolicyRules on a pod create (or an ephemeral-container
// update), with its field path and its exact text, so `validate` refuses before `kubectl apply` what
// the server would refuse, and suites can compare the texts they expect with the ones it would give.
//
// Read in source (Go module zips of k8s.io/kubernetes): pkg/apis/core/validation/validation.go
// (validateContainerRestartPolicy, validateInitContainerRestartPolicy, validateContainers,
// validateEphemeralContainers + allowedEphemeralContainerFields, ValidatePodCreate) and
// pkg/api/pod/util.go (GetValidationOptionsFromPodSpecAndMeta, dropContainerRestartRules) at v1.34.4,
// v1.35.8, v1.36.3 and v1.37.2; the texts come from apimachinery's field errors (ErrorBody), and the
// ones R22a-f/R23/R23b provoke were measured on real v1.35.8 and v1.36.3 API servers (suites/).
//   1.34: sidecars may never carry rules; a plain init container's rules need no restartPolicy; the
//         only action is Restart; limits say "bytes" (field.TooLong).
//   1.35: rules on plain init containers need restartPolicy; with RestartAllContainersOnContainerExits
//         on, the action RestartAllContainers and rules on sidecars are allowed, but "supported values"
//         still lists only "Restart" (kubernetes/kubernetes#137368).
//   1.36+: limits say "Too many: N: must have at most M items" (field.TooMany, #137136); "supported
//         values" lists what the gate allows (#137369).
// Without ContainerRestartRules the API server drops every rule (and container-level restartPolicy
// other than a sidecar's Always) before validation: nothing is refused, the pod just has no rules.
import { compareVersions, parseVersion } from '../k8s-version.js';
import { isObject } from '../kube/json.js';

/** What the API server was started with, as far as restart rules go. */
export interface RestartRuleApi {
  /** "1.35" */
  minor: string;
  /** ContainerRestartRules on kube-apiserver. */
  containerRestartRules: boolean;
  /** RestartAllContainersOnContainerExits on kube-apiserver (always false where the minor lacks it). */
  restartAllContainers: boolean;
}

/** One error the API server would return, or one silent drop. */
export interface RestartRuleFinding {
  /** 'rejected': in the server's 422; 'dropped': removed without a word (ContainerRestartRules off). */
  outcome: 'rejected' | 'dropped';
  /** JSON pointer inside the checked object. */
  pointer: string;
  /** The field path as the API server writes it, e.g. spec.containers[0].restartPolicy. */
  field: string;
  /** What follows the field in the server's message, e.g. 'Required value: must specify restartPolicy when restart rules are used'. */
  text: string;
  /** What was found, in words. */
  found: string;
}

export interface RestartRuleScope {
  /** JSON pointer of the pod spec inside the checked object, e.g. /spec or /spec/template/spec. */
  pointer: string;
  /** The pod spec's field path in server errors, e.g. spec or spec.template.spec. */
  field: string;
  /**
   * 'create': a Pod or workload create. 'ephemeral-update': the ephemeralcontainers subresource, where
   * only the ephemeral containers are new.
   */
  operation: 'create' | 'ephemeral-update';
  /** Pod templates may not have ephemeral containers at all; Pods may not have them on create. */
  template: boolean;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const quote = (v: unknown) =>
  JSON.stringify(typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const goList = (values: string[]) => values.map((v) => JSON.stringify(v)).join(', ');

const POLICIES = ['Always', 'Never', 'OnFailure'];
const OPERATORS = ['In', 'NotIn'];
const MAX_RULES = 20;
const MAX_VALUES = 255;

const atLeast = (minor: string, than: string) => compareVersions(parseVersion(minor), parseVersion(than)) >= 0;

class Collector {
  readonly findings: RestartRuleFinding[] = [];
  constructor(readonly api: RestartRuleApi) {}
  add(
    pointer: string,
    field: string,
    text: string,
    found: string,
    outcome: RestartRuleFinding['outcome'] = 'rejected',
  ) {
    this.findings.push({ outcome, pointer, field, text, found });
  }
  /** field.TooLong before 1.36, field.TooMany from 1.36 (kubernetes/kubernetes#137136). */
  tooMany(pointer: string, field: string, count: number, max: number, found: string) {
    const text = atLeast(this.api.minor, '1.36')
      ? `Too many: ${count}: must have at most ${max} items`
      : `Too long: may not be more than ${max} bytes`;
    this.add(pointer, field, text, found);
  }
}

/** validateContainerRestartPolicy: a regular container, a plain init container, or (gate on) a sidecar. */
function containerRules(c: Collector, container: Record<string, unknown>, pointer: string, field: string) {
  const policy = container.restartPolicy;
  const rules = list(container.restartPolicyRules);
  if (policy === undefined || policy === null) {
    if (rules.length === 0) return;
    c.add(
      `${pointer}/restartPolicy`,
      `${field}.restartPolicy`,
      'Required value: must specify restartPolicy when restart rules are used',
      `${rules.length} restart rule(s) without the container's own restartPolicy`,
    );
  } else if (!POLICIES.includes(policy as string)) {
    c.add(
      `${pointer}/restartPolicy`,
      `${field}.restartPolicy`,
      `Unsupported value: ${quote(policy)}: supported values: ${goList(POLICIES)}`,
      `restartPolicy ${quote(policy)}`,
    );
  }
  if (rules.length > MAX_RULES)
    c.tooMany(
      `${pointer}/restartPolicyRules`,
      `${field}.restartPolicyRules`,
      rules.length,
      MAX_RULES,
      `${rules.length} restart rules`,
    );
  const v136 = atLeast(c.api.minor, '1.36');
  const allowed = c.api.restartAllContainers ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  // 1.34 and 1.35 list only "Restart" as supported whatever is allowed (kubernetes/kubernetes#137368).
  const listed = v136 ? allowed : ['Restart'];
  rules.forEach((raw, i) => {
    const rule = isObject(raw) ? raw : {};
    const rp = `${pointer}/restartPolicyRules/${i}`;
    const rf = `${field}.restartPolicyRules[${i}]`;
    const action = rule.action ?? '';
    if (!allowed.includes(action as string)) {
      c.add(
        `${rp}/action`,
        `${rf}.action`,
        `Unsupported value: ${quote(action)}: supported values: ${goList(listed)}`,
        `action ${quote(action)}`,
      );
    }
    if (isObject(rule.exitCodes)) {
      const op = rule.exitCodes.operator ?? '';
      if (!OPERATORS.includes(op as string))
        c.add(
          `${rp}/exitCodes/operator`,
          `${rf}.exitCodes.operator`,
          `Unsupported value: ${quote(op)}: supported values: ${goList(OPERATORS)}`,
          `operator ${quote(op)}`,
        );
      const values = list(rule.exitCodes.values);
      if (values.length > MAX_VALUES)
        c.tooMany(
          `${rp}/exitCodes/values`,
          `${rf}.exitCodes.values`,
          values.length,
          MAX_VALUES,
          `${values.length} exit codes in one rule`,
        );
    } else {
      c.add(`${rp}/exitCodes`, `${rf}.exitCodes`, 'Required value: must be specified', 'a rule without exitCodes');
    }
  });
}

/** validateInitContainerRestartPolicy (ContainerRestartRules on). */
function initContainerRules(c: Collector, container: Record<string, unknown>, pointer: string, field: string) {
  const policy = container.restartPolicy;
  const rules = list(container.restartPolicyRules);
  if (policy === undefined || policy === null) {
    // 1.34 returns early here; 1.35 added the Required error.
    if (rules.length > 0 && atLeast(c.api.minor, '1.35'))
      c.add(
        `${pointer}/restartPolicy`,
        `${field}.restartPolicy`,
        'Required value: must specify restartPolicy when restart rules are used',
        `${rules.length} restart rule(s) without the container's own restartPolicy`,
      );
    return;
  }
  if (policy === 'Always' && !c.api.restartAllContainers) {
    if (rules.length > 0)
      c.add(
        `${pointer}/restartPolicyRules`,
        `${field}.restartPolicyRules`,
        'Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always',
        `restart rules on a sidecar (init container with restartPolicy Always)${atLeast(c.api.minor, '1.35') ? '; allowed only with RestartAllContainersOnContainerExits on in kube-apiserver' : ''}`,
      );
    return;
  }
  containerRules(c, container, pointer, field);
}

/** What the API server answers about restart rules in one pod spec. */
export function restartRuleFindings(spec: unknown, scope: RestartRuleScope, api: RestartRuleApi): RestartRuleFinding[] {
  const c = new Collector(api);
  if (!isObject(spec)) return c.findings;
  const named = (kind: string, i: number) => ({
    pointer: `${scope.pointer}/${kind}/${i}`,
    field: `${scope.field}.${kind}[${i}]`,
  });
  const hasRules = (x: Record<string, unknown>) => list(x.restartPolicyRules).length > 0;

  if (scope.operation === 'create') {
    if (!api.containerRestartRules) {
      // dropContainerRestartRules: every rule, and container restartPolicy except a sidecar's Always.
      for (const kind of ['initContainers', 'containers', 'ephemeralContainers'])
        list(spec[kind]).forEach((x, i) => {
          if (isObject(x) && hasRules(x)) {
            const at = named(kind, i);
            c.add(
              `${at.pointer}/restartPolicyRules`,
              `${at.field}.restartPolicyRules`,
              'dropped: ContainerRestartRules is off in kube-apiserver',
              `${list(x.restartPolicyRules).length} restart rule(s)`,
              'dropped',
            );
          }
        });
      return c.findings;
    }
    list(spec.initContainers).forEach((x, i) => {
      if (isObject(x)) initContainerRules(c, x, named('initContainers', i).pointer, named('initContainers', i).field);
    });
    list(spec.containers).forEach((x, i) => {
      if (isObject(x)) containerRules(c, x, named('containers', i).pointer, named('containers', i).field);
    });
    const ephemeral = list(spec.ephemeralContainers);
    if (ephemeral.length > 0) {
      c.add(
        `${scope.pointer}/ephemeralContainers`,
        `${scope.field}.ephemeralContainers`,
        scope.template
          ? 'Forbidden: ephemeral containers not allowed in pod template'
          : 'Forbidden: cannot be set on create',
        scope.template
          ? 'ephemeral containers in a pod template'
          : 'ephemeral containers in a pod create (they are added later through the ephemeralcontainers subresource)',
      );
    }
  }
  // Ephemeral containers: restartPolicy and restartPolicyRules are outside allowedEphemeralContainerFields.
  if (api.containerRestartRules) {
    list(spec.ephemeralContainers).forEach((x, i) => {
      if (!isObject(x)) return;
      const at = named('ephemeralContainers', i);
      if (x.restartPolicy !== undefined && x.restartPolicy !== null && x.restartPolicy !== '')
        c.add(
          `${at.pointer}/restartPolicy`,
          `${at.field}.restartPolicy`,
          'Forbidden: cannot be set for an Ephemeral Container',
          'restartPolicy on an ephemeral container',
        );
      if (hasRules(x))
        c.add(
          `${at.pointer}/restartPolicyRules`,
          `${at.field}.restartPolicyRules`,
          'Forbidden: cannot be set for an Ephemeral Container',
          'restart rules on an ephemeral container',
        );
    });
  }
  return c.findings;
}

/** The server's whole line for a finding, as in a 422's message: `<field>: <text>`. */
export function serverText(f: Pick<RestartRuleFinding, 'field' | 'text'>): string {
  return `${f.field}: ${f.text}`;
}

/** Containers are matched by name, as a strategic merge patch does. */
const UPDATABLE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * A strategic or merge patch of a running pod that changes a container's restartPolicy or restartPolicyRules:
 * refused by ValidatePodUpdate (same text 1.34-1.37: updatablePodSpecFields). `bodyPointer` locates the body.
 */
export function ruleUpdateFindings(pod: unknown, body: unknown, bodyPointer: string): RestartRuleFinding[] {
  const out: RestartRuleFinding[] = [];
  const spec = isObject(pod) && isObject(pod.spec) ? pod.spec : {};
  const patched = isObject(body) && isObject(body.spec) ? body.spec : {};
  for (const kind of ['initContainers', 'containers']) {
    list(patched[kind]).forEach((x, i) => {
      if (!isObject(x)) return;
      const current = list(spec[kind]).find((c) => isObject(c) && c.name === x.name) as
        Record<string, unknown> | undefined;
      for (const key of ['restartPolicy', 'restartPolicyRules'])
        if (key in x && JSON.stringify(x[key]) !== JSON.stringify(current?.[key]))
          out.push({
            outcome: 'rejected',
            pointer: `${bodyPointer}/spec/${kind}/${i}/${key}`,
            field: 'spec',
            text: `Forbidden: ${UPDATABLE}`,
            found: `a change of ${key} of container "${String(x.name)}" on a running pod`,
          });
    });
  }
  return out;
}
