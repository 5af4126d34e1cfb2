// What the API server did with the pod create (`admission`) or a patch of the running pod
// (`patch`): R22/R23 negatives with their version-dependent texts (1.36 changed them: kubernetes/kubernetes#137136, #137369).
import { textForVersion } from '../k8s-version.js';
import type { ApiRejectionT } from '../suite/schema.js';
import { quote } from './pod.js';
import { missing, result } from './result.js';
import type { CheckContext, Checker, CheckResult, ExpectationOf } from './types.js';
import type { ApiOutcome } from '../kube/status.js';

type ApiExpectation = ExpectationOf<'admission'>;

/** "rejected 422 Invalid: <message>; causes: <field> …" or "accepted". */
export function describeOutcome(outcome: ApiOutcome): string {
  if (outcome.accepted)
    return `accepted${outcome.warnings.length > 0 ? ` with warnings: ${outcome.warnings.join('; ')}` : ''}`;
  const e = outcome.error;
  if (!e) return 'rejected (no error recorded)';
  const causes = e.causes.map((c) => c.field ?? c.reason ?? '?');
  return `rejected ${e.status}${e.reason ? ` ${e.reason}` : ''}: ${quote(e.message, 300)}${causes.length > 0 ? `; causes: ${causes.join(', ')}` : ''}`;
}

function checkRejection(label: string, want: ApiRejectionT, outcome: ApiOutcome, ctx: CheckContext): CheckResult[] {
  const e = outcome.error;
  if (!e) return [missing(`${label}.status`, 'an API error', 'error details of the rejection')];
  // The schema defaults status to 422 (Invalid): validation failures, which is what negatives test.
  const status = want.status ?? 422;
  const results = [result(`${label}.status`, e.status === status, `HTTP ${status}`, `HTTP ${e.status}`)];
  if (want.reason !== undefined) {
    results.push(
      result(`${label}.reason`, e.reason === want.reason, `reason ${want.reason}`, `reason ${e.reason ?? '(none)'}`),
    );
  }
  if (want.field !== undefined) {
    const fields = e.causes.map((c) => c.field).filter((f): f is string => f !== undefined);
    results.push(
      result(
        `${label}.field`,
        fields.includes(want.field),
        `a cause on field ${want.field}`,
        fields.length > 0 ? `cause fields: ${fields.join(', ')}` : 'no cause fields',
      ),
    );
  }
  if (want.message !== undefined) {
    const text = textForVersion(want.message, ctx.kubernetesVersion);
    if (text === undefined) {
      results.push(
        result(`${label}.message`, true, `no message given for ${ctx.kubernetesVersion}`, quote(e.message, 300), {
          soft: true,
        }),
      );
    } else {
      // The top-level message aggregates the causes, but some servers truncate it: accept either.
      const inCause = e.causes.some((c) => c.message?.includes(text));
      results.push(
        result(
          `${label}.message`,
          e.message.includes(text) || inCause,
          `message contains ${quote(text, 200)}`,
          quote(e.message, 400),
        ),
      );
    }
  }
  return results;
}

function checkApiOutcome(
  label: string,
  want: ApiExpectation,
  outcome: ApiOutcome | undefined,
  ctx: CheckContext,
): CheckResult[] {
  const expected = want === 'accepted' ? 'accepted' : `rejected with HTTP ${want.rejected.status ?? 422}`;
  if (!outcome) return [missing(label, expected, `the ${label} request (it was not sent)`)];
  if (want === 'accepted') return [result(label, outcome.accepted, expected, describeOutcome(outcome))];
  if (outcome.accepted) return [result(label, false, expected, describeOutcome(outcome))];
  return [result(label, true, expected, 'rejected'), ...checkRejection(label, want.rejected, outcome, ctx)];
}

export const checkAdmission: Checker<'admission'> = (expectation, observation, ctx) =>
  checkApiOutcome('admission', expectation, observation.admission, ctx);

export const checkPatch: Checker<'patch'> = (expectation, observation, ctx) =>
  checkApiOutcome('patch', expectation, observation.patch, ctx);
