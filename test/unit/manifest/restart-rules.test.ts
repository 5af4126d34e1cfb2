// The API server's restart-rule validation, offline, per Kubernetes minor: field paths and texts as
// kube-apiserver writes them (validation.go at v1.34.4, v1.35.8, v1.36.3, v1.37.2).
import { expect } from 'chai';
import {
  restartRuleFindings,
  ruleUpdateFindings,
  serverText,
  type RestartRuleApi,
  type RestartRuleScope,
} from '../../../lib/manifest/restart-rules.js';

const api = (minor: string, containerRestartRules = true, restartAllContainers = true): RestartRuleApi => ({
  minor,
  containerRestartRules,
  restartAllContainers,
});
const POD: RestartRuleScope = { pointer: '/spec', field: 'spec', operation: 'create', template: false };
const rule = (action = 'RestartAllContainers', operator = 'In', values: number[] = [42]) => ({
  action,
  exitCodes: { operator, values },
});
const regular = (c: Record<string, unknown>) => ({
  containers: [{ name: 'main', image: 'busybox', restartPolicy: 'Never', restartPolicyRules: [rule()], ...c }],
});
const lines = (spec: unknown, a: RestartRuleApi, scope = POD) =>
  restartRuleFindings(spec, scope, a).map((f) => `${f.outcome} ${f.pointer} ${serverText(f)}`);

describe('restart-rule validation of the API server', () => {
  it('accepts the released rule shape where the gate is on', () => {
    for (const minor of ['1.35', '1.36', '1.37']) expect(lines(regular({}), api(minor))).to.deep.equal([]);
  });

  it("needs the container's own restartPolicy (R22a), same text on every minor", () => {
    const spec = regular({ restartPolicy: undefined });
    for (const minor of ['1.34', '1.35', '1.36', '1.37'])
      expect(lines(spec, api(minor, true, minor !== '1.34')), minor).to.include(
        'rejected /spec/containers/0/restartPolicy spec.containers[0].restartPolicy: Required value: must specify restartPolicy when restart rules are used',
      );
  });

  it('words the limit of 20 rules in bytes before 1.36 and in items from 1.36 (R22b)', () => {
    const spec = regular({ restartPolicyRules: Array.from({ length: 21 }, (_, i) => rule('Restart', 'In', [i])) });
    expect(lines(spec, api('1.35'))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules spec.containers[0].restartPolicyRules: Too long: may not be more than 20 bytes',
    ]);
    expect(lines(spec, api('1.36'))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items',
    ]);
    expect(lines(regular({ restartPolicyRules: Array.from({ length: 20 }, () => rule()) }), api('1.36'))).to.deep.equal(
      [],
    );
  });

  it('limits exit codes to 255 per rule (R22c)', () => {
    const spec = regular({
      restartPolicyRules: [
        rule(
          'Restart',
          'In',
          Array.from({ length: 256 }, (_, i) => i),
        ),
      ],
    });
    expect(lines(spec, api('1.34', true, false))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules/0/exitCodes/values spec.containers[0].restartPolicyRules[0].exitCodes.values: Too long: may not be more than 255 bytes',
    ]);
    expect(lines(spec, api('1.37'))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules/0/exitCodes/values spec.containers[0].restartPolicyRules[0].exitCodes.values: Too many: 256: must have at most 255 items',
    ]);
  });

  it('allows only In and NotIn (R22d), an empty operator too', () => {
    expect(lines(regular({ restartPolicyRules: [rule('Restart', 'Foo')] }), api('1.35'))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules/0/exitCodes/operator spec.containers[0].restartPolicyRules[0].exitCodes.operator: Unsupported value: "Foo": supported values: "In", "NotIn"',
    ]);
    expect(
      lines(regular({ restartPolicyRules: [{ action: 'Restart', exitCodes: { values: [1] } }] }), api('1.36'))[0],
    ).to.contain('Unsupported value: "": supported values: "In", "NotIn"');
  });

  it('lists only "Restart" as supported on 1.35 even with the gate on, both actions on 1.36+ (R22e, #137368)', () => {
    const spec = regular({ restartPolicyRules: [rule('Foo')] });
    expect(lines(spec, api('1.35'))[0]).to.match(/action: Unsupported value: "Foo": supported values: "Restart"$/);
    expect(lines(spec, api('1.36'))[0]).to.match(
      /action: Unsupported value: "Foo": supported values: "Restart", "RestartAllContainers"$/,
    );
    expect(lines(spec, api('1.36', true, false))[0]).to.match(/supported values: "Restart"$/);
  });

  it('refuses the RestartAllContainers action where the gate is off, and on 1.34 (R23)', () => {
    expect(lines(regular({}), api('1.35', true, false))).to.deep.equal([
      'rejected /spec/containers/0/restartPolicyRules/0/action spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
    ]);
    expect(lines(regular({}), api('1.34', true, false))).to.have.length(1);
  });

  it('allows rules on sidecars only with the gate on (R23b)', () => {
    const spec = {
      initContainers: [{ name: 's', restartPolicy: 'Always', restartPolicyRules: [rule('Restart')] }],
      containers: [{ name: 'm' }],
    };
    expect(lines(spec, api('1.35', true, false))).to.deep.equal([
      'rejected /spec/initContainers/0/restartPolicyRules spec.initContainers[0].restartPolicyRules: Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always',
    ]);
    expect(lines(spec, api('1.35'))).to.deep.equal([]);
    expect(lines(spec, api('1.34', true, false))).to.have.length(1);
  });

  it('needs restartPolicy on a plain init container with rules from 1.35 on (1.34 let it pass)', () => {
    const spec = {
      initContainers: [{ name: 'i', restartPolicyRules: [rule('Restart')] }],
      containers: [{ name: 'm' }],
    };
    expect(lines(spec, api('1.34', true, false))).to.deep.equal([]);
    expect(lines(spec, api('1.35'))[0]).to.contain('spec.initContainers[0].restartPolicy: Required value');
  });

  it('refuses rules on ephemeral containers (R22f) and ephemeral containers in a create', () => {
    const spec = { containers: [{ name: 'm' }], ephemeralContainers: [{ name: 'dbg', restartPolicyRules: [rule()] }] };
    expect(lines(spec, api('1.35'), { ...POD, operation: 'ephemeral-update' })).to.deep.equal([
      'rejected /spec/ephemeralContainers/0/restartPolicyRules spec.ephemeralContainers[0].restartPolicyRules: Forbidden: cannot be set for an Ephemeral Container',
    ]);
    expect(lines(spec, api('1.36'))).to.deep.equal([
      'rejected /spec/ephemeralContainers spec.ephemeralContainers: Forbidden: cannot be set on create',
      'rejected /spec/ephemeralContainers/0/restartPolicyRules spec.ephemeralContainers[0].restartPolicyRules: Forbidden: cannot be set for an Ephemeral Container',
    ]);
  });

  it('drops every rule without a word where ContainerRestartRules is off', () => {
    expect(lines(regular({ restartPolicyRules: [rule('Foo', 'Bar')] }), api('1.34', false, false))).to.deep.equal([
      'dropped /spec/containers/0/restartPolicyRules spec.containers[0].restartPolicyRules: dropped: ContainerRestartRules is off in kube-apiserver',
    ]);
  });

  it('refuses changing the rules of a running pod (R22g)', () => {
    const pod = { spec: regular({}) };
    const body = {
      spec: { containers: [{ name: 'main', restartPolicyRules: [rule('RestartAllContainers', 'In', [43])] }] },
    };
    const found = ruleUpdateFindings(pod, body, '/body');
    expect(found.map((f) => `${f.pointer} ${f.field}`)).to.deep.equal([
      '/body/spec/containers/0/restartPolicyRules spec',
    ]);
    expect(found[0]?.text).to.match(
      /^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
    expect(ruleUpdateFindings(pod, { spec: { containers: [{ name: 'main', image: 'x' }] } }, '/body')).to.deep.equal(
      [],
    );
  });
});
