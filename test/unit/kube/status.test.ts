import { expect } from 'chai';
import { apiErrorFrom, outcomeFrom, parseWarningHeader, warningsFromRawHeaders } from '../../../lib/kube/status.js';

describe('kube/status', () => {
  it('parses Warning header values, including escaped quotes and several warnings in one value', () => {
    expect(parseWarningHeader('299 - "unknown field \\"spec.containers[0].onExit\\""')).to.deep.equal([
      'unknown field "spec.containers[0].onExit"',
    ]);
    expect(parseWarningHeader('299 - "a, with comma", 299 - "second"')).to.deep.equal(['a, with comma', 'second']);
    expect(parseWarningHeader('garbage')).to.deep.equal([]);
  });

  it('collects warnings from every Warning raw header only', () => {
    const raw = ['Content-Type', 'application/json', 'Warning', '299 - "one"', 'warning', '299 - "two"'];
    expect(warningsFromRawHeaders(raw)).to.deep.equal(['one', 'two']);
  });

  it('reads a metav1.Status with causes', () => {
    const body = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message:
        'Pod "x" is invalid: spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"',
      reason: 'Invalid',
      details: {
        name: 'x',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueNotSupported',
            message: 'Unsupported value: "RestartAllContainers": supported values: "Restart"',
            field: 'spec.containers[0].restartPolicyRules[0].action',
          },
        ],
      },
      code: 422,
    });
    const e = apiErrorFrom(422, body);
    expect(e.status).to.equal(422);
    expect(e.reason).to.equal('Invalid');
    expect(e.causes).to.deep.equal([
      {
        field: 'spec.containers[0].restartPolicyRules[0].action',
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "RestartAllContainers": supported values: "Restart"',
      },
    ]);
  });

  it('keeps a non-Status body as the message', () => {
    expect(apiErrorFrom(502, 'bad gateway\n')).to.deep.equal({ status: 502, message: 'bad gateway', causes: [] });
    expect(apiErrorFrom(500, '')).to.deep.equal({ status: 500, message: 'HTTP 500', causes: [] });
  });

  it('turns responses into outcomes', () => {
    expect(outcomeFrom(201, '{}', ['w'])).to.deep.equal({ accepted: true, warnings: ['w'] });
    const rejected = outcomeFrom(
      400,
      JSON.stringify({
        kind: 'Status',
        message: 'strict decoding error: unknown field "spec.foo"',
        reason: 'BadRequest',
        code: 400,
      }),
      [],
    );
    expect(rejected.accepted).to.equal(false);
    expect(rejected.error?.message).to.contain('unknown field "spec.foo"');
  });
});
