import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { formatProblem } from '../../../lib/errors.js';
import { loadSuites } from '../../../lib/suite/index.js';
import { shippedPodNames, shippedSuiteNames } from '../../../lib/suite/shipped.js';
import { fixtures, problemsOf, where } from './helpers.js';

describe('broken suites fail before anything touches a cluster', () => {
  it('an unknown key: named, positioned at the key, with the closest allowed key', async () => {
    const [p, ...rest] = await problemsOf('unknown-key.yaml');
    expect(rest).to.deep.equal([]);
    expect(p).to.deep.equal({
      file: 'unknown-key.yaml',
      line: 7,
      column: 3,
      path: '/scenarios/0/trigerr',
      found: 'unknown key "trigerr"',
      expected:
        'a known key; did you mean "trigger"? (allowed: name, id, description, tags, requires, pod, job, setup, trigger, readyTimeoutSeconds, pinToNode, expect, steps, knownDifferences)',
    });
  });

  it('a wrong type: positioned at the value', async () => {
    expect(await problemsOf('wrong-type.yaml')).to.deep.equal([
      {
        file: 'wrong-type.yaml',
        line: 10,
        column: 13,
        path: '/scenarios/0/trigger/exit/code',
        found: '"42" (a string)',
        expected: 'an integer (Exit code the container exits with)',
      },
    ]);
  });

  it('onExit in a rule inside a pod file: positioned in the pod file', async () => {
    const problems = await problemsOf('onexit-in-pod-file.yaml');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({
      file: path.join('pods', 'onexit-pod.yaml'),
      line: 13,
      column: 7,
      path: '/spec/containers/0/restartPolicyRules/0/onExit',
      found: 'unknown field "onExit"',
    });
    expect(problems[0]?.expected).to.match(/^no such field; `exitCodes` sits directly under the rule/);
  });

  it('onExit patched in: positioned at the patch value in the suite', async () => {
    const problems = await problemsOf('patched-in-onexit.yaml');
    expect(where(problems)).to.deep.equal([
      'patched-in-onexit.yaml:13:9 /spec/containers/0/restartPolicyRules/0/onExit',
    ]);
  });

  it('a wrong type in an inline manifest: positioned in the suite', async () => {
    const [p] = await problemsOf('inline-manifest.yaml');
    expect(p).to.deep.equal({
      file: 'inline-manifest.yaml',
      line: 18,
      column: 48,
      path: '/spec/containers/0/restartPolicyRules/0/exitCodes/values/0',
      found: '"42" (a string)',
      expected: 'an integer (int32)',
    });
  });

  it('a trigger naming a missing container, with a suggestion', async () => {
    expect(await problemsOf('missing-container.yaml')).to.deep.equal([
      {
        file: 'missing-container.yaml',
        line: 8,
        column: 23,
        path: '/scenarios/0/trigger/exit/container',
        found: 'container "triger"',
        expected: 'a container of the pod: init, sidecar, trigger, bystander (did you mean "trigger"?)',
      },
      {
        file: 'missing-container.yaml',
        line: 10,
        column: 16,
        path: '/scenarios/0/expect/restarts/ghost',
        found: 'container "ghost"',
        expected: 'a container of the pod: init, sidecar, trigger, bystander',
      },
    ]);
  });

  it('states and timing name real containers, a time bound must be able to fail, and windows must be disjoint', async () => {
    const problems = (await problemsOf('bad-timing-and-states.yaml')).map(formatProblem);
    expect(problems).to.deep.equal([
      'bad-timing-and-states.yaml:11:7: /scenarios/0/expect/states/bystandr: found container "bystandr"; expected a container of the pod: init, sidecar, trigger, bystander (did you mean "bystander"?)',
      'bad-timing-and-states.yaml:13:38: /scenarios/0/expect/timing/0/to: found container "ghost"; expected a container of the pod: init, sidecar, trigger, bystander',
      'bad-timing-and-states.yaml:14:7: /scenarios/0/expect/timing/1: found a bound without min or max; expected min, max or both: a bound that cannot fail checks nothing',
      'bad-timing-and-states.yaml:15:51: /scenarios/0/expect/timing/2/min: found min 5 above max 2; expected min <= max',
      'bad-timing-and-states.yaml:16:27: /scenarios/0/expect/timing/3/to: found "trigger" again; expected two different moments',
      'bad-timing-and-states.yaml:17:66: /scenarios/0/expect/timing/4/windows: found windows beside min/max; expected either min/max (one window) or windows (one of several)',
      'bad-timing-and-states.yaml:18:55: /scenarios/0/expect/timing/5/windows: found windows that overlap (0s–10s and 8s–20s); expected disjoint windows: a time between them must fail',
      'bad-timing-and-states.yaml:19:56: /scenarios/0/expect/timing/6/windows/0: found a bound without min or max; expected min, max or both: a bound that cannot fail checks nothing',
      'bad-timing-and-states.yaml:19:66: /scenarios/0/expect/timing/6/windows/1/min: found min 30 above max 20; expected min <= max',
    ]);
  });

  it('duplicate scenario names', async () => {
    expect(await problemsOf('duplicate-names.yaml')).to.deep.equal([
      {
        file: 'duplicate-names.yaml',
        line: 8,
        column: 9,
        path: '/scenarios/1/name',
        found: '"same" again (first at line 5)',
        expected: 'a scenario name unique within the suite',
      },
    ]);
  });

  it('a bad version range, in requires and as a key of a versioned message', async () => {
    const range = 'Kubernetes version range: "*", "1.35" (that minor), ">=1.36", "<1.36", "=1.35.8"';
    expect(await problemsOf('bad-version-range.yaml')).to.deep.equal([
      {
        file: 'bad-version-range.yaml',
        line: 7,
        column: 16,
        path: '/scenarios/0/requires/versions/0',
        found: '">=1.3x" (a string)',
        expected: range,
      },
      {
        file: 'bad-version-range.yaml',
        line: 14,
        column: 11,
        path: '/scenarios/0/expect/admission/rejected/message/> 1.36.x',
        found: 'key "> 1.36.x"',
        expected: range,
      },
    ]);
  });

  it('a patch whose path does not exist: positioned at the op path', async () => {
    expect(await problemsOf('bad-patch-path.yaml')).to.deep.equal([
      {
        file: 'bad-patch-path.yaml',
        line: 10,
        column: 13,
        path: '/scenarios/0/pod/patches/0/path',
        found: '"/spec/containers/5/lifecycle": /spec/containers/5 does not exist (the list has 2 item(s))',
        expected: 'a pointer into the pod manifest as it is at this operation (for add: its parent must exist)',
      },
    ]);
  });

  it('unions give one message: unknown kind, two kinds at once, unknown key inside the chosen kind', async () => {
    const problems = await problemsOf('unknown-trigger-kind.yaml');
    expect(
      problems.map(({ line, column, path: p, found, expected }) => ({ line, column, path: p, found, expected })),
    ).to.deep.equal([
      {
        line: 8,
        column: 5,
        path: '/scenarios/0/trigger/exitt',
        found: 'unknown key "exitt"',
        expected: 'one of: exit, exec, self, patch (did you mean "exit"?)',
      },
      {
        line: 13,
        column: 5,
        path: '/scenarios/1/trigger',
        found: '"exit" and "exec" together',
        expected: 'exactly one of: exit, exec, self, patch',
      },
      {
        line: 19,
        column: 42,
        path: '/scenarios/2/trigger/exit/signal',
        found: 'unknown key "signal"',
        expected: 'one of the allowed keys: container, code, flagFile, via',
      },
    ]);
  });

  it('a literal union suggests the right spelling; suite-level problems do not hide scenario problems', async () => {
    const problems = await problemsOf('suite-level.yaml');
    expect(problems.map(formatProblem)).to.deep.equal([
      'suite-level.yaml:1:13: /apiVersion: found "inplace-e2e.dev/v1alpha2" (a string); expected "inplace-e2e.dev/v1alpha1"',
      'suite-level.yaml:14:20: /scenarios/1/expect/final/phase: found "running" (a string); expected one of: "Pending", "Running", "Succeeded", "Failed" (did you mean "Running"?)',
    ]);
  });

  it('a missing pod file and an unknown shipped pod: positioned where the suite names them', async () => {
    expect(await problemsOf('missing-pod-file.yaml')).to.deep.equal([
      {
        file: 'missing-pod-file.yaml',
        line: 6,
        column: 15,
        path: '/scenarios/0/pod/file',
        found: '"pods/nope.yaml" (no such file)',
        expected: 'a pod manifest file, relative to the suite file',
      },
      {
        file: 'missing-pod-file.yaml',
        line: 9,
        column: 18,
        path: '/scenarios/1/pod/builtin',
        found: '"bsae"',
        // Every shipped pod is listed (others land with new scenarios), with the closest one suggested.
        expected: `a pod shipped with inplace-e2e: ${shippedPodNames().join(', ')} (did you mean "base"?)`,
      },
    ]);
  });

  it('invalid YAML', async () => {
    const [p, ...rest] = await problemsOf('invalid-yaml.yaml');
    expect(rest).to.deep.equal([]);
    expect(p).to.include({ file: 'invalid-yaml.yaml', line: 7, column: 3, path: '', expected: 'well-formed YAML' });
    expect(p?.found).to.match(/^invalid YAML \(/);
  });

  it('collects the problems of every file into one error', async () => {
    const problems = await problemsOf('unknown-key.yaml', 'wrong-type.yaml', 'duplicate-names.yaml');
    expect([...new Set(problems.map((p) => p.file))]).to.deep.equal([
      'unknown-key.yaml',
      'wrong-type.yaml',
      'duplicate-names.yaml',
    ]);
  });

  it('an unknown path or suite name lists the shipped suites', async () => {
    expect(await problemsOf('nope')).to.deep.equal([
      {
        file: 'nope',
        line: 0,
        column: 0,
        path: '',
        found: 'no such file, directory or shipped suite',
        expected: `a suite file, a directory of suite files, or a shipped suite: ${shippedSuiteNames().join(', ')}`,
      },
    ]);
  });
});

describe('impossible combinations', () => {
  it('a rejected pod cannot be triggered or observed; a patch outcome needs a patch trigger', async () => {
    expect(where(await problemsOf('rejected-with-trigger.yaml'))).to.deep.equal([
      'rejected-with-trigger.yaml:7:3 /scenarios/0/trigger',
      'rejected-with-trigger.yaml:12:5 /scenarios/0/expect/restarts',
      'rejected-with-trigger.yaml:16:5 /scenarios/1/expect/patch',
    ]);
  });

  it('netns, runs and startOrder need the journal', async () => {
    const [p, ...rest] = await problemsOf('no-journal-suite.yaml');
    expect(rest).to.deep.equal([]);
    expect(p).to.include({
      line: 11,
      column: 16,
      path: '/scenarios/0/expect/identity/netns',
      found: '"netns" without a journal',
    });
  });

  it('container kinds must fit: no exec into plain init containers, no restarts of ephemeral ones', async () => {
    const problems = await problemsOf('kind-mismatch.yaml');
    expect(where(problems)).to.deep.equal([
      'kind-mismatch.yaml:8:28 /scenarios/0/setup/0/writeFile/container',
      'kind-mismatch.yaml:9:48 /scenarios/0/setup/1/waitForContainer/state',
      'kind-mismatch.yaml:13:33 /scenarios/0/expect/startOrder/2',
      'kind-mismatch.yaml:26:16 /scenarios/1/expect/restarts/dbg',
    ]);
    expect(problems[0]?.found).to.equal('"init", a plain init container');
    expect(problems[3]?.found).to.equal('"dbg", an ephemeral container');
  });

  it('an exit trigger written through another container needs a volume both share', async () => {
    const [p] = await problemsOf('via-without-shared-volume.yaml');
    expect(p).to.include({
      line: 8,
      column: 47,
      path: '/scenarios/0/trigger/exit/via',
      found: '"bystander", which shares no volume holding /tmp/go with "trigger"',
    });
  });

  it('a patch trigger body is checked as a partial pod (strategic directives allowed)', async () => {
    expect(await problemsOf('patch-body.yaml')).to.deep.equal([
      {
        file: 'patch-body.yaml',
        line: 15,
        column: 13,
        path: '/scenarios/0/trigger/patch/body/spec/containers/0/imagePullPolice',
        found: 'unknown field "imagePullPolice"',
        expected: 'no such field in Container; did you mean "imagePullPolicy"?',
      },
    ]);
  });
});

describe('warnings do not stop a run', () => {
  it('an exit trigger on a container whose command does not mention the flag file is a warning', async () => {
    const [suite] = await loadSuites(['warnings.yaml'], { cwd: fixtures });
    expect(suite?.scenarios).to.have.length(1);
    expect(where(suite?.warnings ?? [])).to.deep.equal(['warnings.yaml:9:23 /scenarios/0/trigger/exit/container']);
    expect(suite?.warnings[0]?.found).to.equal('"bystander" whose command does not mention /shared/go');
  });

  it('an unknown field in a pod the API server is expected to reject is a warning, not an error', async () => {
    const [suite] = await loadSuites(['rejected-unknown-field.yaml'], { cwd: fixtures });
    const rule = (suite?.scenarios[0]?.pod.spec as { containers: Array<{ restartPolicyRules: unknown[] }> })
      .containers[0]?.restartPolicyRules[0];
    expect(rule).to.have.property('onExit'); // sent as written: the server must judge it
    expect(suite?.warnings.map((w) => [w.line, w.column, w.path, w.found])).to.deep.equal([
      [10, 13, '/spec/containers/0/restartPolicyRules/0/onExit', 'unknown field "onExit"'],
    ]);
  });
});

describe('finding suite files', () => {
  it('a directory contributes its suite files, not pod files or subdirectories', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-suites-'));
    await mkdir(path.join(dir, 'pods'));
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n';
    await writeFile(path.join(dir, 'pod.yaml'), pod);
    await writeFile(path.join(dir, 'pods', 'nested.yaml'), 'kind: Suite\nthis is not even parsed\n');
    await writeFile(
      path.join(dir, 'mine.yaml'),
      'apiVersion: inplace-e2e.dev/v1alpha1\nkind: Suite\nname: mine\nscenarios:\n- name: a\n  pod: {file: pod.yaml}\n  expect: {}\n',
    );
    const suites = await loadSuites([dir, path.join(dir, 'mine.yaml')]);
    expect(suites.map((s) => s.suite.name)).to.deep.equal(['mine']); // listed twice, loaded once
    expect(suites[0]?.scenarios[0]?.podName).to.equal('p');
  });
});
