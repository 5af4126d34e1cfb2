// Evidence for a failed scenario, gathered best-effort: every piece is tried, and a piece that
// cannot be had is recorded as an error next to the others. collectEvidence never throws.
import type { ClusterProvider } from '../cluster/provider.js';
import {
  crictlContainers,
  crictlInspectPod,
  crictlPods,
  kubeletJournal,
  type CriContainer,
  type CriSandbox,
  type NodeExec,
} from '../cluster/node-access.js';
import type { KubeClient } from '../kube/client.js';
import { stringAt, type JsonObject } from '../kube/json.js';
import { eventSnapshot, podSnapshot } from '../observe/snapshot.js';
import type { EventSnapshot } from '../observe/types.js';
import { errorText } from '../errors.js';
import { DEFAULT_JOURNAL } from '../suite/schema.js';

/** What evidence collection needs from the API (KubeClient has it). */
export type EvidenceClient = Pick<KubeClient, 'getPod' | 'listEvents' | 'logs' | 'exec'>;

export interface EvidenceRequest {
  client: EvidenceClient;
  /** For node-level evidence (kubelet journal, crictl); omitted → skipped. */
  provider?: Pick<ClusterProvider, 'nodeExec'>;
  ns: string;
  pod: string;
  /** Container names whose current and previous logs to fetch (default: all in the pod's status). */
  containers?: string[];
  /** Node of the pod (default: spec.nodeName of the pod as it is now). */
  nodeName?: string;
  /** Pod UID for crictl (default: from the pod as it is now). */
  podUid?: string;
  /** The journal file to read (default DEFAULT_JOURNAL, /shared/journal); false: none. */
  journal?: { path: string; container?: string } | false;
  /** How far back the kubelet journal goes (default 900 s). */
  sinceSeconds?: number;
  /** Most kubelet journal lines kept (default 400; the newest). */
  maxJournalLines?: number;
}

export interface LogEvidence {
  container: string;
  previous: boolean;
  /** The log, or the API server's error text (previous logs are often gone after a restart-all). */
  text: string;
  error?: string;
}

export interface CrictlEvidence {
  node: string;
  sandboxes: Array<CriSandbox & { ip?: string; netns?: string }>;
  containers: CriContainer[];
}

export interface Evidence {
  events: EventSnapshot[];
  logs: LogEvidence[];
  journalFile?: { container: string; path: string; text: string };
  kubeletJournal?: { node: string; sinceSeconds: number; totalLines: number; lines: string[]; filter: string };
  crictl?: CrictlEvidence;
  errors: Array<{ what: string; error: string }>;
}

export async function collectEvidence(req: EvidenceRequest): Promise<Evidence> {
  const ev: Evidence = { events: [], logs: [], errors: [] };
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      ev.errors.push({ what, error: errorText(e) });
      return undefined;
    }
  };

  const podObj: JsonObject | undefined = await attempt('pod', () => req.client.getPod(req.ns, req.pod));
  const snapshot = podObj ? podSnapshot(podObj, Date.now()) : undefined;
  const nodeName = req.nodeName ?? snapshot?.nodeName;
  const podUid = req.podUid ?? snapshot?.uid;

  const events = await attempt('events', () => req.client.listEvents(req.ns));
  if (events) {
    ev.events = events
      .filter((e) => !stringAt(e, 'involvedObject', 'name') || stringAt(e, 'involvedObject', 'name') === req.pod)
      .map((e) => eventSnapshot(e, Date.now()))
      .sort((a, b) =>
        (a.lastTimestamp ?? a.firstTimestamp ?? '').localeCompare(b.lastTimestamp ?? b.firstTimestamp ?? ''),
      );
  }

  const containers = req.containers ?? snapshot?.containers.map((c) => c.name) ?? [];
  for (const container of containers) {
    for (const previous of [false, true]) {
      const l = await req.client.logs(req.ns, req.pod, container, { previous });
      ev.logs.push({ container, previous, text: l.text, ...(l.error ? { error: l.error } : {}) });
    }
  }

  if (req.journal !== false) {
    const path = req.journal?.path ?? DEFAULT_JOURNAL;
    const running = snapshot?.containers.filter((c) => c.state.running && c.kind !== 'init').map((c) => c.name) ?? [];
    const candidates = req.journal?.container ? [req.journal.container] : running;
    if (candidates.length === 0)
      ev.errors.push({ what: `journal ${path}`, error: 'no running container to read it from' });
    for (const container of candidates) {
      const r = await attempt(`journal ${path} in ${container}`, () =>
        req.client.exec(req.ns, req.pod, container, ['cat', path], { timeoutMs: 20_000 }),
      );
      if (!r) continue;
      if (r.exitCode === 0) {
        ev.journalFile = { container, path, text: r.stdout };
        break;
      }
      ev.errors.push({
        what: `journal ${path} in ${container}`,
        error: `cat exited ${r.exitCode}: ${r.stderr.trim()}`,
      });
    }
  }

  if (req.provider && nodeName) {
    const provider = req.provider;
    const exec: NodeExec = (n, argv, o) => provider.nodeExec(n, argv, o);
    const since = req.sinceSeconds ?? 900;
    const text = await attempt(`kubelet journal on ${nodeName}`, () => kubeletJournal(exec, nodeName, since));
    if (text !== undefined) {
      const all = text.split('\n').filter((l) => l.trim());
      // The kubelet names pods "<namespace>/<name>" and by UID; a bare name would match namesakes in other namespaces.
      const keys = [`${req.ns}/${req.pod}`, ...(podUid ? [podUid] : [])];
      const matching = all.filter((l) => keys.some((k) => l.includes(k)));
      const max = req.maxJournalLines ?? 400;
      ev.kubeletJournal = {
        node: nodeName,
        sinceSeconds: since,
        totalLines: all.length,
        lines: matching.slice(-max),
        filter: `lines mentioning ${keys.join(' or ')} (last ${max})`,
      };
    }
    if (podUid) {
      const sandboxes = await attempt(`crictl pods on ${nodeName}`, () => crictlPods(exec, nodeName, podUid));
      if (sandboxes) {
        const crictl: CrictlEvidence = { node: nodeName, sandboxes: [], containers: [] };
        for (const s of sandboxes) {
          const detail = await attempt(`crictl inspectp ${s.id}`, () => crictlInspectPod(exec, nodeName, s.id));
          crictl.sandboxes.push({
            ...s,
            ...(detail?.ip ? { ip: detail.ip } : {}),
            ...(detail?.netns ? { netns: detail.netns } : {}),
          });
          const cs = await attempt(`crictl ps --pod ${s.id}`, () => crictlContainers(exec, nodeName, s.id));
          if (cs) crictl.containers.push(...cs);
        }
        ev.crictl = crictl;
      }
    } else {
      ev.errors.push({ what: 'crictl', error: 'pod UID unknown (the pod could not be read)' });
    }
  } else if (!req.provider) {
    ev.errors.push({ what: 'node evidence', error: 'no node access (no cluster provider given)' });
  } else {
    ev.errors.push({ what: 'node evidence', error: 'the pod has no node (not scheduled, or could not be read)' });
  }
  return ev;
}
