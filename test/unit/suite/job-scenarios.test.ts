// Scenarios whose pod a Job creates (R27): the Job manifest, its pod template as the scenario's pod,
// and what `validate` refuses, positioned in the Job.
import { expect } from 'chai';
import path from 'node:path';
import { loadSuites } from '../../../lib/suite/index.js';
import { problemsOf, repoRoot } from './helpers.js';

describe('scenarios with a Job', () => {
  it('loads the shipped Job: the template is the pod the harness reasons about', async () => {
    const [suite] = await loadSuites([path.join(repoRoot, 'suites/sequences.yaml')]);
    const r27 = suite?.scenarios.find((s) => s.scenario.id === 'R27');
    expect(r27?.job?.name).to.equal('trainer');
    expect(r27?.job?.manifest.kind).to.equal('Job');
    expect(r27?.pod.kind).to.equal('Pod');
    expect(r27?.containers).to.deep.equal([
      { name: 'init', kind: 'init' },
      { name: 'watcher', kind: 'sidecar' },
      { name: 'trainer', kind: 'regular' },
    ]);
    const control = suite?.scenarios.find((s) => s.scenario.id === 'R27c');
    const trainer = (
      control?.job?.manifest.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }
    ).template.spec.containers[0];
    expect(trainer).to.not.have.property('restartPolicyRules');
  });

  it('refuses a "Job" that is not one, job expectations without a Job, and template mistakes in the Job', async () => {
    const problems = await problemsOf('broken-job.yaml');
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path}: ${p.found}`)).to.deep.equal([
      'broken-job.yaml:8:19 /apiVersion: "v1"',
      'broken-job.yaml:9:13 /kind: "Pod"',
      'broken-job.yaml:11:13 /spec/template: no "spec.template.spec"',
      'broken-job.yaml:19:7 /scenarios/1/steps/1/expect/job: "job" expectations in a scenario without a Job',
      'broken-job.yaml:24:23 /spec/template/spec/containers/0/restartPolicyRule: unknown field "restartPolicyRule"',
      'broken-job.yaml:26:23 /scenarios/2/expect/restarts/trainr: container "trainr"',
    ]);
  });
});
