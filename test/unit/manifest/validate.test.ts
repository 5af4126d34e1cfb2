import { expect } from 'chai';
import { checkPodManifest, type ManifestFinding } from '../../../lib/manifest/index.js';
import { parseYaml, SourceMap } from '../../../lib/input/yaml-source.js';

/** Checks a pod given as YAML; findings as "rule line:column path | found | expected". */
async function check(yaml: string, partial?: 'merge' | 'strategic'): Promise<string[]> {
  const map = new SourceMap();
  const doc = parseYaml(yaml, 'pod.yaml', map);
  const findings = await checkPodManifest(doc.value, {
    locate: map.locator(doc.value, doc.at),
    ...(partial ? { partial } : {}),
  });
  return findings.map((f: ManifestFinding) => `${f.rule} ${f.line}:${f.column} ${f.path} | ${f.found} | ${f.expected}`);
}

const pod = (container: string, extraSpec = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never${extraSpec}
  containers:
  - name: main
    image: busybox
${container}`;

describe('pod manifest check', () => {
  it('accepts the released rule shape', async () => {
    const rule = `    restartPolicy: Never
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [42]}
`;
    expect(await check(pod(rule))).to.deep.equal([]);
  });

  it('rejects onExit in a rule, at the key, saying where exitCodes belongs', async () => {
    const rule = `    restartPolicy: Never
    restartPolicyRules:
    - action: RestartAllContainers
      onExit:
        exitCodes: {operator: In, values: [42]}
`;
    expect(await check(pod(rule))).to.deep.equal([
      'unknown-field 12:7 /spec/containers/0/restartPolicyRules/0/onExit | unknown field "onExit" | no such field; `exitCodes` sits directly under the rule (the `onExit:` wrapper shown by the KEP and the v1.35 blog is not in the API) (fields: action, exitCodes)',
    ]);
  });

  it('rejects the `when` wrapper of the KEP-5307 draft too', async () => {
    const rule = `    restartPolicyRules:
    - action: Restart
      when: {exitCodes: {operator: In, values: [1]}}
`;
    const [finding] = await check(pod(rule));
    expect(finding).to.match(
      /^unknown-field 11:7 \/spec\/containers\/0\/restartPolicyRules\/0\/when \| unknown field "when" \| no such field; `exitCodes` sits directly under the rule/,
    );
  });

  it('rejects a string where an int32 is expected, at the value', async () => {
    const rule = `    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: ["42"]}
`;
    expect(await check(pod(rule))).to.deep.equal([
      'type 11:42 /spec/containers/0/restartPolicyRules/0/exitCodes/values/0 | "42" (a string) | an integer (int32)',
    ]);
  });

  it('suggests the closest field for a misspelled key', async () => {
    expect(await check(pod('    imagePullPolcy: Always\n'))).to.deep.equal([
      'unknown-field 9:5 /spec/containers/0/imagePullPolcy | unknown field "imagePullPolcy" | no such field in Container; did you mean "imagePullPolicy"?',
    ]);
  });

  it('reports a missing required key at its object', async () => {
    const findings = await check(pod('  - image: busybox\n'));
    expect(findings).to.deep.equal([
      'required 9:5 /spec/containers/1/name | no "name" | "name" (required in Container): a string',
    ]);
  });

  it('does not judge values: 21 rules, operator Foo, action Foo, no container restartPolicy all pass', async () => {
    const rules = Array.from(
      { length: 21 },
      (_, i) => `    - {action: Foo, exitCodes: {operator: Foo, values: [${i}]}}`,
    ).join('\n');
    expect(await check(pod(`    restartPolicyRules:\n${rules}\n`))).to.deep.equal([]);
  });

  it("knows the API's loose types: quantities as numbers, int-or-string ports, free-form maps", async () => {
    const container = `    resources: {limits: {cpu: 1, memory: 64Mi}, requests: {cpu: "100m"}}
    livenessProbe: {httpGet: {port: http, path: /}, periodSeconds: 5}
    readinessProbe: {tcpSocket: {port: 8080}}
    env: [{name: A, value: "1"}]
`;
    expect(await check(pod(container, '\n  overhead: {cpu: 0.1}\n  nodeSelector: {a: b}'))).to.deep.equal([]);
    expect(await check(pod('    env: [{name: A, value: 1}]\n'))).to.deep.equal([
      'type 9:28 /spec/containers/0/env/0/value | 1 (an integer) | a string',
    ]);
  });

  it('takes null as unset', async () => {
    expect(await check(pod('    args: null\n', '\n  nodeSelector: null'))).to.deep.equal([]);
  });

  it('needs a v1 Pod with a name (the harness watches it by name)', async () => {
    expect(await check('apiVersion: apps/v1\nkind: Deployment\nmetadata: {generateName: p-}\n')).to.deep.equal([
      'identity 1:13 /apiVersion | "apps/v1" (a string) | "v1"',
      'identity 2:7 /kind | "Deployment" (a string) | "Pod"',
      'identity 3:11 /metadata/name | no "name" | a pod name (the harness watches the pod by name; generateName is not supported)',
    ]);
    expect(await check('- 1\n')).to.deep.equal(['identity 1:1  | a list of 1 item(s) | a v1 Pod manifest (an object)']);
  });

  it('checks a patch body as a partial pod: no required keys, strategic directives allowed', async () => {
    const body = `spec:
  $setElementOrder/containers: [{name: main}]
  containers:
  - name: main
    $patch: replace
    restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [1]}}]
  ephemeralContainers:
  - {name: dbg, imag: busybox}
`;
    expect(await check(body, 'strategic')).to.deep.equal([
      'unknown-field 8:17 /spec/ephemeralContainers/0/imag | unknown field "imag" | no such field in EphemeralContainer; did you mean "image"?',
    ]);
    expect(await check(body, 'merge')).to.have.length(3); // $-keys are not directives in a merge patch
  });
});
