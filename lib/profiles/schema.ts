// The cluster profile format (clusters/*.yaml), defined once: the TypeScript type (Static<>), runtime
// validation (ajv, through lib/input/schema-problems.ts) and the shipped JSON Schema (schemas/profile.schema.json, written
// by `npm run schemas` from lib/schemas/registry.ts) all come from ProfileSchema.
import { Type, type Static } from '@sinclair/typebox';
import { GateName, StrictMap, strict } from '../input/schema-parts.js';
import { RESERVED_FOR_LABEL } from './types.js';

/** A string enum rendered as JSON Schema `enum` (one clear ajv error instead of an anyOf per literal). */
const StringEnum = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const PROFILE_API_VERSION = 'inplace-e2e.dev/v1alpha1';
export const PROFILE_KIND = 'ClusterProfile';

const FeatureGateMap = (description: string) => StrictMap(GateName, Type.Boolean(), { description });

/** A DNS-label-like name that is also a valid Kubernetes label value (it becomes the node label's value). */
export const ProfileName = Type.String({
  pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  maxLength: 63,
  description:
    'Profile name, e.g. "1.35-gates-on"; shipped profiles are clusters/<name>.yaml. Becomes the value of the inplace-e2e.dev/profile node label.',
});

const KubernetesVersion = Type.String({
  pattern: '^v?\\d+\\.\\d+(\\.\\d+)?(-[0-9A-Za-z.-]+)?$',
  description:
    'Kubernetes version of the node image: a minor ("1.35") or a release ("v1.35.8"). Feature gates are resolved for its minor; node image tags must agree with it.',
});

const PinnedImage = Type.String({
  pattern: '^[^\\s@]+:[^\\s@/]+@sha256:[0-9a-f]{64}$',
  description:
    'Upstream node image pinned by digest, e.g. kindest/node:v1.35.1@sha256:05d7…; kind pulls it when it is not present.',
});

const LocalImage = Type.String({
  pattern: '^[^\\s@]+:[^\\s@/]+$',
  description:
    'Locally built node image as name:tag, without a digest (kind matches local images by the exact reference; a digest would make it pull), e.g. inplace-e2e/node:v1.35.8. Used instead of nodeImage when it is present in Docker.',
});

const KubeletSettings = StrictMap(
  Type.String({ pattern: '^[a-z][A-Za-z0-9]*$', description: 'A KubeletConfiguration field name (lowerCamelCase).' }),
  Type.Unknown(),
  {
    description:
      'Extra KubeletConfiguration (kubelet.config.k8s.io/v1beta1) fields for every node, merged into a cluster-level kubeadmConfigPatches entry, e.g. {maxPods: 50}. Not featureGates (use featureGates).',
  },
);

const KubeletFlags = StrictMap(
  Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: 'A kubelet flag name without dashes, e.g. v.' }),
  Type.String(),
  {
    description:
      'Extra kubelet command-line flags for this node, without the leading dashes, e.g. {v: "4"}. Rendered into nodeRegistration.kubeletExtraArgs.',
  },
);

const NodeKubelet = Type.Object(
  {
    featureGates: Type.Optional(
      FeatureGateMap(
        "Gates for this node's kubelet only, on top of the cluster featureGates (passed as the kubelet's --feature-gates flag, which wins per gate over the KubeletConfiguration). E.g. a worker with RestartAllContainersOnContainerExits: false.",
      ),
    ),
    extraArgs: Type.Optional(KubeletFlags),
  },
  {
    ...strict,
    description:
      "Per-node kubelet overrides. Only flags can differ per node: a joining node's KubeletConfiguration comes from the cluster's kubelet-config ConfigMap.",
  },
);

const NodeTaint = Type.Object(
  {
    key: Type.String({
      pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$',
      maxLength: 253,
      description: 'The taint key, e.g. example.com/dedicated.',
    }),
    value: Type.Optional(Type.String({ pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$', maxLength: 63 })),
    effect: StringEnum(
      ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const,
      'What the taint does to pods that do not tolerate it.',
    ),
  },
  { ...strict, description: 'A node taint (core/v1 Taint without timeAdded).' },
);

export const ProfileNode = Type.Object(
  {
    role: StringEnum(['control-plane', 'worker'] as const, 'Exactly one node is the control plane.'),
    labels: Type.Optional(
      StrictMap(
        Type.String({
          pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$',
          maxLength: 253,
          description: 'A Kubernetes label key, e.g. example.com/role.',
        }),
        Type.String({
          pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
          maxLength: 63,
          description: 'A Kubernetes label value.',
        }),
        { description: 'Extra node labels (kind nodes[].labels).' },
      ),
    ),
    taints: Type.Optional(
      Type.Array(NodeTaint, {
        maxItems: 10,
        description:
          "The node's taints when it registers (kubeadm nodeRegistration.taints), replacing kubeadm's default: the control plane of a cluster with workers is tainted NoSchedule unless given taints: [].",
      }),
    ),
    reservedFor: Type.Optional(
      StringEnum(
        ['node-actions'] as const,
        `A worker kept for scenarios that act on a node (kubelet restart, node stop): it gets the label and the NoSchedule taint ${RESERVED_FOR_LABEL}=node-actions, so only pods that tolerate the taint run there, and those scenarios run beside the others instead of alone. Their pods must tolerate the taint and select the label (suites/pods/many.yaml does).`,
      ),
    ),
    kubelet: Type.Optional(NodeKubelet),
  },
  strict,
);

export const ProfileExpectations = Type.Object(
  {
    gates: Type.Optional(
      FeatureGateMap(
        'Gate states the preflight must find on the API server and every kubelet, for gates the profile does not set. Default: the upstream default of the version. Use it when the node image is a build whose defaults differ from upstream.',
      ),
    ),
  },
  {
    ...strict,
    description: 'What the preflight checks on the running cluster (derived from the gate resolution by default).',
  },
);

export const ProfileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    apiVersion: Type.Literal(PROFILE_API_VERSION),
    kind: Type.Literal(PROFILE_KIND),
    name: ProfileName,
    description: Type.String({ minLength: 1, description: 'What the profile is for, in a sentence.' }),
    kubernetesVersion: KubernetesVersion,
    nodeImage: PinnedImage,
    localImage: Type.Optional(LocalImage),
    featureGates: Type.Optional(
      FeatureGateMap(
        'Feature gates for every component: kind passes them to kube-apiserver, kube-controller-manager, kube-scheduler, the kubelets and kube-proxy. Checked against the version (unknown gates, locked gates, dependencies) before anything is created.',
      ),
    ),
    kubelet: Type.Optional(KubeletSettings),
    nodes: Type.Optional(
      Type.Array(ProfileNode, {
        minItems: 1,
        maxItems: 10,
        description:
          'Nodes in kind order (names: <cluster>-control-plane, <cluster>-worker, <cluster>-worker2, …). Default: one control-plane node.',
      }),
    ),
    expect: Type.Optional(ProfileExpectations),
  },
  {
    ...strict,
    title: 'inplace-e2e cluster profile',
    description: 'An inplace-e2e cluster profile: what kind cluster to create and which gates it must have.',
  },
);

export type ProfileDocument = Static<typeof ProfileSchema>;
export type ProfileNodeDocument = Static<typeof ProfileNode>;
