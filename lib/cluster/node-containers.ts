// kind node containers through testcontainers' container runtime client (dockerode underneath): exec
// inside a node (crictl, journalctl, systemctl), stop and start it, read its labels. The client is
// loaded on first use, so commands that never touch a node do not pay for testcontainers' import.
import type { CommandResult } from '../host/command.js';
import { errorText } from '../errors.js';

/** kind labels every node container with its cluster's name. */
export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';

export interface NodeContainer {
  name: string;
  labels: Record<string, string>;
  running: boolean;
}

/** The operations the harness performs on node containers. Never throws for a non-zero exec exit. */
export interface NodeContainers {
  /** The container by name; undefined when there is none. */
  inspect(name: string): Promise<NodeContainer | undefined>;
  exec(name: string, argv: string[], opts?: { timeoutMs?: number }): Promise<CommandResult>;
  /** Stops the container (SIGTERM, then SIGKILL after `timeoutSeconds`). */
  stop(name: string, opts: { timeoutSeconds: number }): Promise<void>;
  start(name: string): Promise<void>;
}

type RuntimeClient = Awaited<ReturnType<typeof import('testcontainers').getContainerRuntimeClient>>;

let client: Promise<RuntimeClient> | undefined;

function runtimeClient(): Promise<RuntimeClient> {
  // testcontainers resolves a "host" for port mappings by starting a helper container from a
  // registry image; node access maps no ports, and hosts without a registry would wait for the pull.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
  client ??= import('testcontainers').then((m) => m.getContainerRuntimeClient());
  return client;
}

const describe = (name: string, argv: string[]) => `exec in node container ${name}: ${argv.join(' ')}`;

/** The status code of a dockerode error ("no such container" is 404). */
const statusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { statusCode?: unknown }).statusCode === 'number'
    ? (e as { statusCode: number }).statusCode
    : undefined;

export function runtimeNodeContainers(): NodeContainers {
  return {
    async inspect(name) {
      const c = await runtimeClient();
      try {
        const info = await c.container.inspect(c.container.getById(name));
        return { name, labels: info.Config?.Labels ?? {}, running: info.State?.Running === true };
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw e;
      }
    },
    async exec(name, argv, opts = {}) {
      const c = await runtimeClient();
      const command = describe(name, argv);
      const timeoutMs = opts.timeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CommandResult>((resolve) => {
        timer = setTimeout(
          () =>
            resolve({
              exitCode: -1,
              stdout: '',
              stderr: `no exit status after ${timeoutMs} ms`,
              timedOut: true,
              command,
            }),
          timeoutMs,
        );
      });
      const run = c.container
        .exec(c.container.getById(name), argv, { log: false })
        .then((r): CommandResult => ({
          exitCode: r.exitCode,
          stdout: r.stdout.replace(/\n$/, ''),
          stderr: r.stderr.replace(/\n$/, ''),
          command,
        }))
        .catch((e: unknown): CommandResult => ({ exitCode: -1, stdout: '', stderr: errorText(e), command }));
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async stop(name, opts) {
      const c = await runtimeClient();
      await c.container.stop(c.container.getById(name), { timeout: opts.timeoutSeconds });
    },
    async start(name) {
      const c = await runtimeClient();
      await c.container.start(c.container.getById(name));
    },
  };
}
