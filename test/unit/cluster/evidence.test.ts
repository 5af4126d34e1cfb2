// lib/evidence (kept here: node-level evidence comes through the cluster provider).
import { expect } from 'chai';
import { collectEvidence, type EvidenceClient } from '../../../lib/evidence/collect.js';
import type { CommandResult } from '../../../lib/host/command.js';
import { basePod } from '../observe/fixtures.js';

const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '', command: '' });

function client(overrides: Partial<EvidenceClient> = {}): EvidenceClient {
  return {
    getPod: async () => basePod(),
    listEvents: async () => [
      {
        reason: 'Killing',
        message: 'Stopping container bystander',
        type: 'Normal',
        involvedObject: { kind: 'Pod', name: 'rac-base' },
        lastTimestamp: '2026-08-01T10:01:00Z',
      },
      {
        reason: 'Scheduled',
        message: 'assigned',
        type: 'Normal',
        involvedObject: { kind: 'Pod', name: 'rac-base' },
        lastTimestamp: '2026-08-01T10:00:00Z',
      },
      { reason: 'Other', message: 'x', type: 'Normal', involvedObject: { kind: 'Pod', name: 'someone-else' } },
    ],
    logs: async (_ns, _pod, container, opts) =>
      opts?.previous
        ? {
            container,
            previous: true,
            text: '400 BadRequest: previous terminated container not found',
            error: '400 BadRequest: previous terminated container not found',
          }
        : { container, previous: false, text: `log of ${container}` },
    exec: async (_ns, _pod, container, command) => {
      if (container === 'sidecar') throw new Error('container not running');
      return {
        exitCode: 0,
        stdout: command[1] === '/shared/journal' ? '1785578400 init netns=net:[4026532300]\n' : '',
        stderr: '',
      };
    },
    ...overrides,
  };
}

describe('evidence (collectEvidence)', () => {
  it('gathers events, both logs of every container, the journal, the kubelet journal and crictl state', async () => {
    const calls: string[][] = [];
    const provider = {
      nodeExec: async (node: string, argv: string[]) => {
        calls.push([node, ...argv]);
        if (argv[0] === 'journalctl') {
          return ok(
            [
              'x kubelet: unrelated line',
              `x kubelet: "SyncPod" pod="ns1/rac-base" podUID="7c1d0c5e-0000-4000-8000-000000000001"`,
              'x kubelet: pod="other-ns/rac-base" a namesake',
            ].join('\n'),
          );
        }
        if (argv.includes('pods'))
          return ok(
            JSON.stringify({
              items: [
                {
                  id: 'sb1',
                  metadata: { name: 'rac-base', uid: 'u', namespace: 'ns1', attempt: 0 },
                  state: 'SANDBOX_READY',
                  createdAt: '1785578400000000000',
                },
              ],
            }),
          );
        if (argv.includes('inspectp'))
          return ok(
            JSON.stringify({
              status: { id: 'sb1', network: { ip: '10.244.1.5' } },
              info: { runtimeSpec: { linux: { namespaces: [{ type: 'network', path: '/var/run/netns/cni-1' }] } } },
            }),
          );
        if (argv.includes('ps'))
          return ok(
            JSON.stringify({
              containers: [
                {
                  id: 'c1',
                  podSandboxId: 'sb1',
                  metadata: { name: 'trigger', attempt: 1 },
                  state: 'CONTAINER_RUNNING',
                },
              ],
            }),
          );
        return { exitCode: 1, stdout: '', stderr: 'unexpected', command: argv.join(' ') };
      },
    };
    const ev = await collectEvidence({ client: client(), provider, ns: 'ns1', pod: 'rac-base', sinceSeconds: 60 });
    expect(ev.events.map((e) => e.reason)).to.deep.equal(['Scheduled', 'Killing']);
    expect(ev.logs.map((l) => [l.container, l.previous, l.error ? 'error' : l.text])).to.deep.equal([
      ['init', false, 'log of init'],
      ['init', true, 'error'],
      ['sidecar', false, 'log of sidecar'],
      ['sidecar', true, 'error'],
      ['trigger', false, 'log of trigger'],
      ['trigger', true, 'error'],
      ['bystander', false, 'log of bystander'],
      ['bystander', true, 'error'],
    ]);
    // The sidecar is the first running container; its exec fails, the next one is tried.
    expect(ev.journalFile).to.deep.equal({
      container: 'trigger',
      path: '/shared/journal',
      text: '1785578400 init netns=net:[4026532300]\n',
    });
    expect(ev.errors).to.deep.equal([{ what: 'journal /shared/journal in sidecar', error: 'container not running' }]);
    expect(ev.kubeletJournal).to.deep.include({ node: 'kind-worker', sinceSeconds: 60, totalLines: 3 });
    expect(ev.kubeletJournal?.lines).to.have.length(1);
    expect(calls[0]).to.deep.equal([
      'kind-worker',
      'journalctl',
      '-u',
      'kubelet',
      '--no-pager',
      '-o',
      'short-iso-precise',
      '--since=-60s',
    ]);
    expect(ev.crictl?.sandboxes[0]).to.include({
      id: 'sb1',
      state: 'SANDBOX_READY',
      ip: '10.244.1.5',
      netns: '/var/run/netns/cni-1',
    });
    expect(ev.crictl?.containers.map((c) => c.name)).to.deep.equal(['trigger']);
  });

  it('never throws: what it cannot get is an error next to what it got', async () => {
    const ev = await collectEvidence({
      client: client({
        getPod: async () => {
          throw new Error('GET pod: 404 NotFound');
        },
        listEvents: async () => {
          throw new Error('GET events: connection refused');
        },
      }),
      ns: 'ns1',
      pod: 'rac-base',
      containers: ['trigger'],
    });
    expect(ev.logs).to.have.length(2);
    expect(ev.errors.map((e) => e.what)).to.deep.equal(['pod', 'events', 'journal /shared/journal', 'node evidence']);
    expect(ev.errors.at(-1)?.error).to.equal('no node access (no cluster provider given)');
  });
});
