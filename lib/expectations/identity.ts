// Identity of the pod across the trigger (R01, R02): an in-place restart keeps the API object, its node
// and IP, the CRI sandbox and the network namespace (KEP-5532; kubernetes/kubernetes#134345: only
// containers are killed and removed).
import type { JournalLine, Observation, PodSnapshot } from '../observe/types.js';
import { missing, result } from './result.js';
import { eventsAfterTrigger, evidenceAround, isPodEntry, offset, originOf } from './timeline.js';
import type { ObservationNeeds } from './needs.js';
import type { Checker, CheckResult, ExpectationOf } from './types.js';

type Continuity = 'preserved' | 'changed';

const expectedText = (what: string, want: Continuity) => `${what} ${want === 'preserved' ? 'unchanged' : 'changed'}`;

/** before → after of one snapshot field, rendered as text (missing fields read as "(none)"). */
function compareSnapshots(
  check: string,
  what: string,
  want: Continuity,
  observation: Observation,
  read: (pod: PodSnapshot) => string | undefined,
): CheckResult {
  const { before, after } = observation;
  if (!before || !after) return missing(check, expectedText(what, want), `${!before ? 'before' : 'after'} snapshot`);
  const b = read(before) ?? '(none)';
  const a = read(after) ?? '(none)';
  const same = b === a;
  return result(
    check,
    same === (want === 'preserved'),
    expectedText(what, want),
    same ? `${b} (unchanged)` : `${b} → ${a}`,
  );
}

/**
 * uid: besides before vs after, a DELETED watch entry or a second uid anywhere in the timeline means
 * the pod was recreated, even if a later object happens to carry the old values.
 */
function checkUid(want: Continuity, observation: Observation): CheckResult {
  const base = compareSnapshots('identity.uid', 'uid', want, observation, (p) => p.uid);
  if (want !== 'preserved') return base;
  const origin = originOf(observation);
  const podEntries = observation.timeline.filter(isPodEntry);
  const deleted = podEntries.filter((e) => e.watch === 'DELETED');
  const uids = [...new Set(podEntries.map((e) => e.pod.uid))];
  const problems: string[] = [];
  if (deleted.length > 0)
    problems.push(`DELETED watch entry at ${deleted.map((e) => offset(e.at, origin)).join(', ')}`);
  if (uids.length > 1) problems.push(`timeline saw ${uids.length} uids: ${uids.join(', ')}`);
  if (problems.length === 0) return base;
  return result(base.check, false, base.expected, [base.observed, ...problems].join('; '), {
    evidence: evidenceAround(observation, [...deleted, ...podEntries.filter((e) => e.pod.uid !== uids[0]).slice(0, 1)]),
  });
}

/** The CRI sandbox id read on the node, plus the kubelet's own word: a SandboxChanged event. */
function checkSandbox(want: Continuity, observation: Observation): CheckResult {
  const check = 'identity.sandbox';
  const expected = `${expectedText('CRI pod sandbox', want)}${want === 'preserved' ? ', no SandboxChanged event' : ''}`;
  const sandbox = observation.sandbox;
  if (!sandbox?.before || !sandbox.after) {
    return missing(
      check,
      expected,
      `sandbox id ${!sandbox?.before ? 'before' : 'after'} the trigger${sandbox ? ` (source: ${sandbox.source})` : ''}`,
    );
  }
  const origin = originOf(observation);
  const changedEvents = eventsAfterTrigger(observation).filter((e) => e.event.reason === 'SandboxChanged');
  const same = sandbox.before === sandbox.after;
  const parts = [same ? `${sandbox.before} (unchanged)` : `${sandbox.before} → ${sandbox.after}`];
  if (changedEvents.length > 0) {
    parts.push(
      `SandboxChanged event at ${changedEvents.map((e) => offset(e.at, origin)).join(', ')}: ${changedEvents[0]?.event.message ?? ''}`,
    );
  }
  const passed = want === 'preserved' ? same && changedEvents.length === 0 : !same;
  return result(check, passed, expected, parts.join('; '), { evidence: evidenceAround(observation, changedEvents) });
}

function describeNetnsGroups(lines: JournalLine[]): string {
  const groups = new Map<string, JournalLine[]>();
  for (const l of lines) groups.set(l.netns ?? '', [...(groups.get(l.netns ?? '') ?? []), l]);
  return [...groups.entries()]
    .map(([ns, ls]) => `${ns} (${ls.map((l) => `#${l.index} ${l.container}`).join(', ')})`)
    .join(' vs ');
}

/**
 * The journal's netns= values. Preserved needs at least one line from after the trigger: identical
 * values among first-run lines only would prove nothing about the restart.
 */
function checkNetns(want: Continuity, observation: Observation): CheckResult {
  const check = 'identity.netns';
  const expected =
    want === 'preserved'
      ? 'every journal netns= value identical (before and after the trigger)'
      : 'a journal netns= value after the trigger that differs from before';
  const journal = observation.journal;
  if (!journal) return missing(check, expected, 'journal');
  const lines = journal.filter((l) => l.netns !== undefined);
  if (lines.length === 0)
    return missing(check, expected, `netns= values (journal has ${journal.length} lines, none with netns=)`);
  const cut = observation.journalLinesBeforeTrigger;
  const distinct = new Set(lines.map((l) => l.netns));
  const observed =
    distinct.size > 1
      ? `${distinct.size} values: ${describeNetnsGroups(lines)}`
      : `1 value ${[...distinct][0]} across ${lines.length} lines`;
  if (want === 'preserved') {
    if (distinct.size > 1) return result(check, false, expected, observed);
    if (cut !== undefined && !lines.some((l) => l.index >= cut)) {
      return result(
        check,
        false,
        expected,
        `no journal line with netns= after the trigger (${lines.length} lines, all before)`,
      );
    }
    return result(check, true, expected, observed);
  }
  if (cut === undefined) return missing(check, expected, 'journal line count before the trigger');
  const beforeTrigger = new Set(lines.filter((l) => l.index < cut).map((l) => l.netns));
  return result(
    check,
    lines.some((l) => l.index >= cut && !beforeTrigger.has(l.netns)),
    expected,
    observed,
  );
}

/** netns is read from the journal; sandbox from the node (CRI), before the trigger and at the checkpoint. */
export const identityObserved = (e: ExpectationOf<'identity'>): ObservationNeeds => ({
  ...(e.netns ? { journal: true } : {}),
  ...(e.sandbox ? { sandbox: true } : {}),
});

export const checkIdentity: Checker<'identity'> = (expectation, observation) => {
  const results: CheckResult[] = [];
  if (expectation.uid) results.push(checkUid(expectation.uid, observation));
  if (expectation.creationTimestamp) {
    results.push(
      compareSnapshots(
        'identity.creationTimestamp',
        'creationTimestamp',
        expectation.creationTimestamp,
        observation,
        (p) => p.creationTimestamp,
      ),
    );
  }
  if (expectation.node) {
    results.push(compareSnapshots('identity.node', 'node', expectation.node, observation, (p) => p.nodeName));
  }
  if (expectation.podIP) {
    // podIPs covers dual-stack: a changed secondary address is a changed identity too.
    const ips = (p: PodSnapshot) =>
      [p.podIP, ...p.podIPs.filter((ip) => ip !== p.podIP)].filter(Boolean).join(',') || undefined;
    results.push(compareSnapshots('identity.podIP', 'pod IP(s)', expectation.podIP, observation, ips));
  }
  if (expectation.sandbox) results.push(checkSandbox(expectation.sandbox, observation));
  if (expectation.netns) results.push(checkNetns(expectation.netns, observation));
  return results;
};
