// The containers of a pod manifest and their kind, as the rest of the harness names them.
import { isObject } from '../kube/json.js';

/** 'init' for plain init containers, 'sidecar' for init containers with restartPolicy Always, 'regular', 'ephemeral'. */
export type ContainerKind = 'init' | 'sidecar' | 'regular' | 'ephemeral';

export interface PodContainer {
  name: string;
  kind: ContainerKind;
}

/** A container with its spec and where it sits in the manifest (for checks that read its command). */
export interface ContainerSpec extends PodContainer {
  spec: Record<string, unknown>;
  /** JSON pointer inside the pod manifest, e.g. /spec/initContainers/1 */
  pointer: string;
}

const LISTS = [
  [
    'initContainers',
    (c: Record<string, unknown>): ContainerKind => (c.restartPolicy === 'Always' ? 'sidecar' : 'init'),
  ],
  ['containers', (): ContainerKind => 'regular'],
  ['ephemeralContainers', (): ContainerKind => 'ephemeral'],
] as const;

/** Every named container of the pod in manifest order: init containers (plain or sidecar), regular, ephemeral. */
export function containerSpecs(pod: unknown): ContainerSpec[] {
  const spec = isObject(pod) && isObject(pod.spec) ? pod.spec : {};
  const out: ContainerSpec[] = [];
  for (const [list, kindOf] of LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      if (isObject(c) && typeof c.name === 'string')
        out.push({ name: c.name, kind: kindOf(c), spec: c, pointer: `/spec/${list}/${i}` });
    });
  }
  return out;
}

/** Every named container of the pod with its kind (init, sidecar, regular, ephemeral). */
export function containerKinds(pod: unknown): PodContainer[] {
  return containerSpecs(pod).map(({ name, kind }) => ({ name, kind }));
}
