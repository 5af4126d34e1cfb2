// Pod events after the trigger, by reason: e.g. no SandboxChanged (R02), Killing present, and no
// FailedScheduling on a declaring node (R24).
import { result } from './result.js';
import { describeEvent, eventsAfterTrigger, evidenceAround, offset, originOf } from './timeline.js';
import type { Checker, CheckResult } from './types.js';

export const checkEvents: Checker<'events'> = (expectation, observation) => {
  const origin = originOf(observation);
  const events = eventsAfterTrigger(observation);
  const reasonsSeen = [...new Set(events.map((e) => e.event.reason))];
  const seenText = reasonsSeen.length > 0 ? reasonsSeen.join(', ') : 'none';
  const describeHits = (reason: string) => {
    const hits = events.filter((e) => e.event.reason === reason);
    return {
      hits,
      text: hits.map((e) => `${offset(e.at, origin)} ${describeEvent(e.event)}`).join('; '),
    };
  };
  const results: CheckResult[] = [];
  for (const reason of expectation.present ?? []) {
    const { hits, text } = describeHits(reason);
    results.push(
      result(
        `events.present.${reason}`,
        hits.length > 0,
        `a ${reason} event after the trigger`,
        hits.length > 0 ? text : `no ${reason} event after the trigger (reasons seen: ${seenText})`,
      ),
    );
  }
  for (const reason of expectation.absent ?? []) {
    const { hits, text } = describeHits(reason);
    results.push(
      result(
        `events.absent.${reason}`,
        hits.length === 0,
        `no ${reason} event after the trigger`,
        hits.length > 0 ? text : `none (reasons seen: ${seenText})`,
        {
          evidence: evidenceAround(observation, hits),
        },
      ),
    );
  }
  return results;
};
