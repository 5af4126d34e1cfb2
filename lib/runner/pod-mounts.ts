// Which container can read a path in a shared volume: one that mounts the path's volume and runs now.
import type { PodSnapshot } from '../observe/types.js';

interface MountingContainer {
  name: string;
  volumeMounts?: Array<{ mountPath?: string }>;
  restartPolicy?: string;
}

export function readerContainerFor(
  pod: Record<string, unknown>,
  snapshot: PodSnapshot,
  path: string,
): string | undefined {
  const spec = (pod.spec ?? {}) as { containers?: MountingContainer[]; initContainers?: MountingContainer[] };
  // Regular containers first, then sidecars (init containers with restartPolicy Always): both keep running.
  const candidates = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  const running = new Set(snapshot.containers.filter((c) => c.state.running).map((c) => c.name));
  for (const c of candidates) {
    const mounts = (c.volumeMounts ?? []).some((m) => m.mountPath && isUnder(path, m.mountPath));
    if (mounts && running.has(c.name)) return c.name;
  }
  return undefined;
}

function isUnder(path: string, mountPath: string): boolean {
  const dir = mountPath.endsWith('/') ? mountPath : `${mountPath}/`;
  return path === mountPath || path.startsWith(dir);
}
