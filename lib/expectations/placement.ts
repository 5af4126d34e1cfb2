// Where the pod ended up (R24; docs/behaviour.md R24): the scheduler only binds a pod that uses RestartAllContainers to
// a node declaring the feature, and a kubelet that does not declare it refuses a pod bound to it directly.
import { textForVersion } from '../k8s-version.js';
import type { PodSnapshot } from '../observe/types.js';
import { conditionStatus, quote } from './pod.js';
import { missing, result } from './result.js';
import type { ObservationNeeds } from './needs.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

/**
 * What a pod still lacks before a placement can be judged, for the runner's wait: bound to a node; for
 * "not bound", the scheduler's own verdict (PodScheduled=False), so a pod not yet looked at does not count;
 * for a kubelet rejection, phase Failed.
 */
export function placementWaitingFor(expectation: ExpectationOf<'placement'> | undefined, pod: PodSnapshot): string[] {
  if (!expectation) return [];
  const out: string[] = [];
  if ((expectation.scheduled === true || expectation.nodeDeclares || expectation.nodeLacks) && !pod.nodeName)
    out.push('a node binding (now none)');
  if (expectation.scheduled === false && conditionStatus(pod, 'PodScheduled') !== 'False') {
    out.push(`PodScheduled=False from the scheduler (now ${conditionStatus(pod, 'PodScheduled')})`);
  }
  if (expectation.kubeletRejection && pod.phase !== 'Failed') out.push(`phase Failed (now ${pod.phase})`);
  return out;
}

/** Placement is judged on the node the pod is bound to: the runner reads it at the checkpoint. */
export const placementObserved = (): ObservationNeeds => ({ node: true });

export const checkPlacement: Checker<'placement'> = (expectation, observation, ctx) => {
  const after = observation.after;
  const results: CheckResult[] = [];
  const bound = after?.nodeName;
  if (expectation.scheduled !== undefined) {
    results.push(
      after
        ? result(
            'placement.scheduled',
            (bound !== undefined) === expectation.scheduled,
            expectation.scheduled ? 'the pod bound to a node' : 'the pod bound to no node',
            bound ? `bound to ${bound}` : `not bound (phase ${after.phase})`,
          )
        : missing('placement.scheduled', expectation.scheduled ? 'bound' : 'not bound', 'the pod after the run'),
    );
  }
  const features = (want: string[], present: boolean) => {
    const check = `placement.${present ? 'nodeDeclares' : 'nodeLacks'}`;
    const expected = `the pod's node ${present ? 'declares' : 'does not declare'} ${want.join(', ')}`;
    const node = observation.node;
    if (!node) return missing(check, expected, bound ? `node ${bound}` : 'a node (the pod was never bound)');
    const wrong = want.filter((f) => node.declaredFeatures.includes(f) !== present);
    return result(
      check,
      wrong.length === 0,
      expected,
      `node ${node.name} declares ${node.declaredFeatures.length > 0 ? node.declaredFeatures.join(', ') : 'nothing'}`,
    );
  };
  if (expectation.nodeDeclares) results.push(features(expectation.nodeDeclares, true));
  if (expectation.nodeLacks) results.push(features(expectation.nodeLacks, false));
  const rejection = expectation.kubeletRejection;
  if (rejection) {
    const expected = `phase Failed with reason ${rejection.reason}`;
    if (!after) {
      results.push(missing('placement.kubeletRejection', expected, 'the pod after the run'));
    } else {
      const observed = `phase ${after.phase}, reason ${after.reason ?? '(none)'}`;
      results.push(
        result(
          'placement.kubeletRejection',
          after.phase === 'Failed' && after.reason === rejection.reason,
          expected,
          observed,
        ),
      );
      const text =
        rejection.message === undefined ? undefined : textForVersion(rejection.message, ctx.kubernetesVersion);
      if (rejection.message !== undefined && text === undefined) {
        results.push(
          result(
            'placement.kubeletRejection.message',
            true,
            `no message given for ${ctx.kubernetesVersion}`,
            quote(after.message, 300),
            { soft: true },
          ),
        );
      } else if (text !== undefined) {
        results.push(
          result(
            'placement.kubeletRejection.message',
            (after.message ?? '').includes(text),
            `message contains ${quote(text, 200)}`,
            quote(after.message, 400),
          ),
        );
      }
    }
  }
  return results;
};
