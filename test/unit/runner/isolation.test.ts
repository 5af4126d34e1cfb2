// Which scenarios may run beside the others: a node-acting one only when the cluster keeps a worker for
// node actions and its pod is written to go there (the toleration and a node affinity term).
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { NodeReadiness } from '../../../lib/cluster/ready.js';
import { isolationOf, nodesKeptForNodeActions } from '../../../lib/runner/isolation.js';
import type { ScenarioT } from '../../../lib/suite/schema.js';
import { loaded } from './scripted-cluster.js';

const KEY = 'inplace-e2e.dev/reserved-for';
const node = (name: string, kept: boolean, taint = kept): NodeReadiness => ({
  name,
  ready: true,
  detail: 'Ready',
  labels: kept ? { [KEY]: 'node-actions' } : {},
  taints: taint ? [{ key: KEY, value: 'node-actions', effect: 'NoSchedule' }] : [],
});
const cluster = [node('c-control-plane', false), node('c-worker', true)];
const restartsKubelet = { steps: [{ node: { action: 'restartKubelet' } }] } as Partial<ScenarioT>;
const MANY = fileURLToPath(new URL('../../../suites/pods/many.yaml', import.meta.url));

describe('runner: how a scenario shares the cluster', () => {
  it('a scenario without node steps runs beside the others', () => {
    expect(isolationOf(loaded({}), cluster)).to.deep.equal({ kind: 'shared' });
  });

  it('a node-acting scenario whose pod goes to the kept worker runs beside the others, on it (the shipped many pod)', async () => {
    const pod = parse(await readFile(MANY, 'utf8')) as Record<string, unknown>;
    expect(isolationOf({ ...loaded(restartsKubelet), pod }, cluster)).to.deep.equal({
      kind: 'lane',
      nodes: ['c-worker'],
    });
  });

  it('runs alone, saying why, when its pod lacks the toleration or the affinity, or no node is kept', async () => {
    const pod = parse(await readFile(MANY, 'utf8')) as { spec: Record<string, unknown> };
    const noToleration = { ...pod, spec: { ...pod.spec, tolerations: [] } };
    const noAffinity = { ...pod, spec: { ...pod.spec, affinity: undefined } };
    const r1 = isolationOf({ ...loaded(restartsKubelet), pod: noToleration }, cluster);
    expect(r1).to.deep.include({ kind: 'alone' });
    expect(r1.kind === 'alone' && r1.why)
      .to.contain(`lacks a toleration of ${KEY}`)
      .and.contain('c-worker');
    const r2 = isolationOf({ ...loaded(restartsKubelet), pod: noAffinity }, cluster);
    expect(r2.kind === 'alone' && r2.why).to.contain('lacks a node affinity term');
    const r3 = isolationOf({ ...loaded(restartsKubelet), pod }, [node('c-control-plane', false)]);
    expect(r3).to.deep.equal({ kind: 'alone', why: 'it acts on a node and no node is kept for node actions' });
  });

  it('counts a node as kept only with both the label and the NoSchedule taint', () => {
    expect(nodesKeptForNodeActions([node('a', true), node('b', true, false), node('c', false, true)])).to.deep.equal([
      'a',
    ]);
  });
});
