import { expect } from 'chai';
import type { Observation } from '../../../lib/observe/types.js';
import type { ExpectationsT } from '../../../lib/suite/schema.js';
import { judge } from '../../../lib/verdict/judge.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import { expectationErrors, scenarioWith } from './observations.js';
import type { ApiOutcome } from '../../../lib/kube/status.js';

// R22 (suites/validation.yaml): the same invalid pod, answered with each version's text.
const TOO_MANY_VALUES: Record<'1.35' | '1.36', ApiOutcome> = {
  '1.35': rejection(
    'spec.containers[0].restartPolicyRules[0].exitCodes.values',
    'Too long: may not be more than 255 bytes',
  ),
  '1.36': rejection(
    'spec.containers[0].restartPolicyRules[0].exitCodes.values',
    'Too many: 256: must have at most 255 items',
  ),
};
const UNSUPPORTED_ACTION: Record<'1.35' | '1.36', ApiOutcome> = {
  '1.35': rejection(
    'spec.containers[0].restartPolicyRules[0].action',
    'Unsupported value: "Foo": supported values: "Restart"',
  ),
  '1.36': rejection(
    'spec.containers[0].restartPolicyRules[0].action',
    'Unsupported value: "Foo": supported values: "Restart", "RestartAllContainers"',
  ),
};

function rejection(field: string, text: string): ApiOutcome {
  return {
    accepted: false,
    warnings: [],
    error: {
      status: 422,
      reason: 'Invalid',
      message: `Pod "rac-neg" is invalid: ${field}: ${text}`,
      causes: [{ field, reason: 'FieldValueInvalid', message: text }],
    },
  };
}

function observation(version: string, admission: ApiOutcome, patch?: ApiOutcome): Observation {
  const o: Observation = {
    scenario: 'negative',
    suite: 'validation',
    kubernetesVersion: version,
    namespace: 'iet-r22',
    podName: 'rac-neg',
    admission,
    timeline: [],
    files: [],
    waits: [],
  };
  if (patch) o.patch = patch;
  return o;
}

const failing = (v: Verdict) => v.checks.filter((c) => !c.passed && !c.soft).map((c) => c.check);
const byName = (v: Verdict, name: string) => v.checks.find((c) => c.check === name);

describe('admission and patch expectations (R22)', () => {
  const tooManyValues: ExpectationsT = {
    admission: {
      rejected: {
        status: 422,
        reason: 'Invalid',
        field: 'spec.containers[0].restartPolicyRules[0].exitCodes.values',
        message: {
          '<1.36': 'Too long: may not be more than 255 bytes',
          '>=1.36': 'Too many: 256: must have at most 255 items',
        },
      },
    },
  };
  const unsupportedAction: ExpectationsT = {
    admission: {
      rejected: {
        field: 'spec.containers[0].restartPolicyRules[0].action',
        message: {
          '1.35': 'Unsupported value: "Foo": supported values: "Restart"',
          '>=1.36': 'supported values: "Restart", "RestartAllContainers"',
        },
      },
    },
  };

  it('the expectations are valid suite content', () => {
    expect(expectationErrors(tooManyValues)).to.equal('');
    expect(expectationErrors(unsupportedAction)).to.equal('');
  });

  for (const [version, minor] of [
    ['v1.35.2', '1.35'],
    ['v1.36.1', '1.36'],
  ] as const) {
    it(`passes on ${version} with that version's texts`, () => {
      expect(failing(judge(scenarioWith(tooManyValues), observation(version, TOO_MANY_VALUES[minor])))).to.deep.equal(
        [],
      );
      expect(
        failing(judge(scenarioWith(unsupportedAction), observation(version, UNSUPPORTED_ACTION[minor]))),
      ).to.deep.equal([]);
    });
  }

  it('fails a 1.36 server that still answers with the 1.35 text', () => {
    const v = judge(scenarioWith(tooManyValues), observation('v1.36.0', TOO_MANY_VALUES['1.35']));
    expect(failing(v)).to.deep.equal(['admission.message']);
    expect(byName(v, 'admission.message')).to.include({
      expected: 'message contains "Too many: 256: must have at most 255 items"',
      observed:
        '"Pod \\"rac-neg\\" is invalid: spec.containers[0].restartPolicyRules[0].exitCodes.values: Too long: may not be more than 255 bytes"',
    });
    // The 1.35 action message lists only "Restart": a 1.36 expectation must not match it.
    const w = judge(scenarioWith(unsupportedAction), observation('v1.36.1', UNSUPPORTED_ACTION['1.35']));
    expect(failing(w)).to.deep.equal(['admission.message']);
  });

  it('fails an accepted pod that should have been rejected', () => {
    const v = judge(scenarioWith(tooManyValues), observation('v1.36.1', { accepted: true, warnings: [] }));
    expect(failing(v)).to.deep.equal(['admission']);
    expect(byName(v, 'admission')).to.include({ expected: 'rejected with HTTP 422', observed: 'accepted' });
  });

  it('names the cause fields when the expected field is not among them', () => {
    const e: ExpectationsT = { admission: { rejected: { field: 'spec.containers[0].restartPolicy' } } };
    const v = judge(scenarioWith(e), observation('v1.36.1', TOO_MANY_VALUES['1.36']));
    expect(failing(v)).to.deep.equal(['admission.field']);
    expect(byName(v, 'admission.field')?.observed).to.equal(
      'cause fields: spec.containers[0].restartPolicyRules[0].exitCodes.values',
    );
  });

  it('fails a rejected create by default and does not evaluate pod expectations', () => {
    const e: ExpectationsT = { restarts: { '*': 1 }, final: { phase: 'Running' } };
    const v = judge(scenarioWith(e), observation('v1.36.1', UNSUPPORTED_ACTION['1.36']));
    expect(failing(v)).to.deep.equal(['admission', 'restarts', 'final']);
    expect(byName(v, 'admission')?.observed).to.match(
      /^rejected 422 Invalid: "Pod \\"rac-neg\\" is invalid: .*; causes: spec\.containers\[0\]\.restartPolicyRules\[0\]\.action$/,
    );
    expect(byName(v, 'restarts')?.observed).to.equal('not evaluated: the pod was not created');
  });

  it('checks a patch rejection (R22 g) and fails when no patch was sent', () => {
    const e: ExpectationsT = { patch: { rejected: { message: 'pod updates may not change fields other than' } } };
    const forbidden = rejection(
      'spec',
      'Forbidden: pod updates may not change fields other than `spec.containers[*].image`',
    );
    expect(
      failing(judge(scenarioWith(e), observation('v1.36.1', { accepted: true, warnings: [] }, forbidden))),
    ).to.deep.equal([]);
    const v = judge(scenarioWith(e), observation('v1.36.1', { accepted: true, warnings: [] }));
    expect(failing(v)).to.deep.equal(['patch']);
    expect(byName(v, 'patch')?.observed).to.equal('not observed: the patch request (it was not sent)');
  });
});
