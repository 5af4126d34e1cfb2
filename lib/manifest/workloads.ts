// The Kubernetes objects whose pods `validate` checks: a Pod, or the pod template of a workload. For
// each kind: its apiVersion, the client model and OpenAPI definition it is checked against, and where
// its pod spec sits (as a JSON pointer, and as the API server spells the field path in its errors).

export interface WorkloadKind {
  apiVersion: string;
  /** Generated class of @kubernetes/client-node, e.g. V1Deployment. */
  model: string;
  /** Definition name in the Kubernetes OpenAPI document. */
  openApi: string;
  /** JSON pointer of the pod spec inside the object. */
  podSpec: string;
  /** The pod spec's field path in API server errors, e.g. spec.template.spec. */
  fieldPath: string;
}

export const WORKLOAD_KINDS: Readonly<Record<string, WorkloadKind>> = {
  Pod: { apiVersion: 'v1', model: 'V1Pod', openApi: 'io.k8s.api.core.v1.Pod', podSpec: '/spec', fieldPath: 'spec' },
  PodTemplate: {
    apiVersion: 'v1',
    model: 'V1PodTemplate',
    openApi: 'io.k8s.api.core.v1.PodTemplate',
    podSpec: '/template/spec',
    fieldPath: 'template.spec',
  },
  Deployment: {
    apiVersion: 'apps/v1',
    model: 'V1Deployment',
    openApi: 'io.k8s.api.apps.v1.Deployment',
    podSpec: '/spec/template/spec',
    fieldPath: 'spec.template.spec',
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    model: 'V1StatefulSet',
    openApi: 'io.k8s.api.apps.v1.StatefulSet',
    podSpec: '/spec/template/spec',
    fieldPath: 'spec.template.spec',
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    model: 'V1DaemonSet',
    openApi: 'io.k8s.api.apps.v1.DaemonSet',
    podSpec: '/spec/template/spec',
    fieldPath: 'spec.template.spec',
  },
  ReplicaSet: {
    apiVersion: 'apps/v1',
    model: 'V1ReplicaSet',
    openApi: 'io.k8s.api.apps.v1.ReplicaSet',
    podSpec: '/spec/template/spec',
    fieldPath: 'spec.template.spec',
  },
  Job: {
    apiVersion: 'batch/v1',
    model: 'V1Job',
    openApi: 'io.k8s.api.batch.v1.Job',
    podSpec: '/spec/template/spec',
    fieldPath: 'spec.template.spec',
  },
  CronJob: {
    apiVersion: 'batch/v1',
    model: 'V1CronJob',
    openApi: 'io.k8s.api.batch.v1.CronJob',
    podSpec: '/spec/jobTemplate/spec/template/spec',
    fieldPath: 'spec.jobTemplate.spec.template.spec',
  },
};

/** The kind entry for a manifest's apiVersion and kind, if `validate` knows it. */
export function workloadKind(apiVersion: unknown, kind: unknown): WorkloadKind | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(WORKLOAD_KINDS, kind)) return undefined;
  const k = WORKLOAD_KINDS[kind] as WorkloadKind;
  return k.apiVersion === apiVersion ? k : undefined;
}
