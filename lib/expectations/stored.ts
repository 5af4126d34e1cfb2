// The pod as the API server stored it (R23's control; docs/behaviour.md R23): with ContainerRestartRules off, every
// container's restartPolicyRules and the regular containers' restartPolicy are dropped without an error,
// so "the pod was accepted" says nothing until the stored object is read back.
import type { StoredContainer } from '../observe/types.js';
import { missing, result } from './result.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type StoredExpectation = ExpectationOf<'stored'>[string];

/** "restartPolicy Never, 1 rule" / "restartPolicy absent, no rules". */
export function describeStored(c: StoredContainer): string {
  const rules =
    c.restartPolicyRules === 0 ? 'no rules' : `${c.restartPolicyRules} rule${c.restartPolicyRules === 1 ? '' : 's'}`;
  return `restartPolicy ${c.restartPolicy ?? 'absent'}, ${rules}`;
}

function describeExpectation(e: StoredExpectation): string {
  const parts: string[] = [];
  if (e.restartPolicy !== undefined) parts.push(`restartPolicy ${e.restartPolicy}`);
  if (e.restartPolicyRules !== undefined)
    parts.push(e.restartPolicyRules === 0 ? 'no rules' : `${e.restartPolicyRules} rules`);
  return parts.join(', ');
}

export const checkStored: Checker<'stored'> = (expectation, observation) => {
  const stored = observation.stored;
  const entries = Object.entries(expectation);
  if (!stored)
    return entries.map(([name, e]) =>
      missing(`stored.${name}`, describeExpectation(e), 'the stored pod (the create was not accepted)'),
    );
  const named = new Set(entries.map(([n]) => n).filter((n) => n !== '*'));
  const results: CheckResult[] = [];
  for (const [name, e] of entries) {
    const targets = name === '*' ? stored.filter((c) => !named.has(c.name)) : stored.filter((c) => c.name === name);
    // "*" covers the containers not named; when every container is named there is nothing left to check.
    if (targets.length === 0 && name === '*') continue;
    if (targets.length === 0) {
      results.push(
        result(
          `stored.${name}`,
          false,
          describeExpectation(e),
          `no such container in the stored pod (${stored.map((c) => c.name).join(', ')})`,
        ),
      );
      continue;
    }
    for (const c of targets) {
      const policyOk = e.restartPolicy === undefined || (c.restartPolicy ?? 'absent') === e.restartPolicy;
      const rulesOk = e.restartPolicyRules === undefined || c.restartPolicyRules === e.restartPolicyRules;
      results.push(result(`stored.${c.name}`, policyOk && rulesOk, describeExpectation(e), describeStored(c)));
    }
  }
  return results;
};
