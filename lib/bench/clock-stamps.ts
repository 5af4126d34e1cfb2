// Container-clock stamps: millisecond instants a container writes itself, because the pod status gives
// whole seconds only (finishedAt, startedAt), too coarse to judge a 5 s target at its 99th percentile.
// Each stamped container appends "<epoch-ms> start <name>" when its command begins and, through an
// EXIT trap, "<epoch-ms> exit <name>" when its shell exits. busybox `date` has no %N, so the time comes
// from `adjtimex` (read-only, no privilege needed), which prints the kernel clock in microseconds.
// On kind, every node shares the host kernel's clock, so the stamps compare with the harness's clock.

export interface ClockStamp {
  /** Milliseconds since the epoch, as the container's kernel clock said. */
  at: number;
  event: 'start' | 'exit';
  container: string;
}

/** Default stamp file: in the shared emptyDir of the shipped pods, which a restart-all keeps. */
export const DEFAULT_STAMP_FILE = '/shared/clock';

/** Shell that defines `stamp EVENT NAME`, appending one stamp line to `file`. */
export function stampFunction(file: string): string {
  return (
    `stamp() { adjtimex 2>/dev/null | awk -v e="$1" -v n="$2" ` +
    `'/tv_sec/{s=$2} /tv_usec/{u=$2} END{if (s > 0) printf "%d%03d %s %s\\n", s, int(u/1000), e, n}' >> ${file}; }`
  );
}

/** The prologue a container's `sh -c` script gets: a start stamp now, an exit stamp when the shell exits. */
export function stampPrologue(container: string, file: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(container))
    throw new Error(`not a container name: ${JSON.stringify(container)}`);
  return `${stampFunction(file)}; stamp start ${container}; trap 'stamp exit ${container}' EXIT; `;
}

interface ContainerLike {
  name?: unknown;
  command?: unknown;
  volumeMounts?: unknown;
}

export interface StampedPod<T> {
  manifest: T;
  /** Containers that write stamps. */
  stamped: string[];
  /** Containers left as they were, with why. */
  unstamped: Array<{ container: string; why: string }>;
}

/**
 * A copy of a pod manifest whose init and regular containers write clock stamps: each container whose
 * command is `sh -c SCRIPT` and that mounts the stamp file's directory gets the prologue before its
 * script. Nothing else changes; the original is not modified.
 */
export function withClockStamps<T extends object>(manifest: T, file: string = DEFAULT_STAMP_FILE): StampedPod<T> {
  const copy = structuredClone(manifest) as T & {
    spec?: { initContainers?: ContainerLike[]; containers?: ContainerLike[] };
  };
  const dir = file.slice(0, file.lastIndexOf('/')) || '/';
  const stamped: string[] = [];
  const unstamped: Array<{ container: string; why: string }> = [];
  for (const c of [...(copy.spec?.initContainers ?? []), ...(copy.spec?.containers ?? [])]) {
    const name = typeof c.name === 'string' ? c.name : '?';
    const cmd = c.command;
    if (!Array.isArray(cmd) || cmd.length < 3 || cmd[0] !== 'sh' || cmd[1] !== '-c' || typeof cmd[2] !== 'string') {
      unstamped.push({ container: name, why: 'its command is not `sh -c SCRIPT`' });
      continue;
    }
    const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
    if (
      !mounts.some(
        (m: unknown) => typeof m === 'object' && m !== null && (m as { mountPath?: unknown }).mountPath === dir,
      )
    ) {
      unstamped.push({ container: name, why: `it mounts nothing at ${dir}` });
      continue;
    }
    c.command = ['sh', '-c', `${stampPrologue(name, file)}${cmd[2]}`, ...cmd.slice(3)];
    stamped.push(name);
  }
  return { manifest: copy, stamped, unstamped };
}

const LINE = /^(\d{13,})\s+(start|exit)\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)\s*$/;

/** Stamp lines of a stamp file; lines that do not parse are skipped (a line cut off mid-write, say). */
export function parseClockStamps(text: string): ClockStamp[] {
  const out: ClockStamp[] = [];
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw.trim());
    if (m) out.push({ at: Number(m[1]), event: m[2] as 'start' | 'exit', container: m[3] as string });
  }
  return out;
}
