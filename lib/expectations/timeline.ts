// Queries over an observation's timeline. Times in observed texts are offsets from the trigger,
// because "1.3 s after the trigger" is what a reader compares against the documented behaviour.
import type { EventSnapshot, Observation, PodSnapshot, TimelineEntry } from '../observe/types.js';

export type PodEntry = Extract<TimelineEntry, { kind: 'pod' }>;
export type EventEntry = Extract<TimelineEntry, { kind: 'event' }>;

/** The reference time of a run: the trigger, else the first thing observed. */
export function originOf(observation: Observation): number {
  return observation.triggerAt ?? observation.timeline[0]?.at ?? observation.before?.at ?? 0;
}

/** "+1.234s" / "-0.500s" relative to `origin`. */
export function offset(at: number, origin: number): string {
  const s = (at - origin) / 1000;
  return `${s < 0 ? '-' : '+'}${Math.abs(s).toFixed(3)}s`;
}

export function isPodEntry(e: TimelineEntry): e is PodEntry {
  return e.kind === 'pod';
}

export function isEventEntry(e: TimelineEntry): e is EventEntry {
  return e.kind === 'event';
}

/**
 * Pod entries strictly after the trigger. Without a trigger time (a pod that exits on its own and a
 * runner that could not mark it) every entry counts: nothing is known to predate the trigger.
 */
export function podEntriesAfterTrigger(observation: Observation): PodEntry[] {
  const from = observation.triggerAt;
  return observation.timeline.filter(isPodEntry).filter((e) => from === undefined || e.at > from);
}

/**
 * Events about the scenario pod received at or after the trigger (an event can carry the trigger's
 * own millisecond). The namespace is the scenario's own, but events about other objects in it
 * (a control pod, the namespace) must not count for or against this pod.
 */
export function eventsAfterTrigger(observation: Observation): EventEntry[] {
  const from = observation.triggerAt;
  const aboutPod = (e: EventEntry) =>
    e.event.involvedObject === undefined || e.event.involvedObject === `Pod/${observation.podName}`;
  return observation.timeline.filter(isEventEntry).filter((e) => (from === undefined || e.at >= from) && aboutPod(e));
}

/**
 * The pod states after the trigger as a sequence: watch entries, then the settled `after` snapshot
 * when it is newer than the last watch entry (the runner may have read it with a GET).
 */
export function podStatesAfterTrigger(
  observation: Observation,
): Array<{ at: number; pod: PodSnapshot; entry?: PodEntry }> {
  const states: Array<{ at: number; pod: PodSnapshot; entry?: PodEntry }> = podEntriesAfterTrigger(observation).map(
    (entry) => ({ at: entry.at, pod: entry.pod, entry }),
  );
  const after = observation.after;
  const last = states[states.length - 1];
  if (after && (!last || (after.at > last.at && after.resourceVersion !== last.pod.resourceVersion))) {
    states.push({ at: after.at, pod: after });
  }
  return states;
}

export function describeEvent(e: EventSnapshot): string {
  const where = e.fieldPath ? ` ${e.fieldPath}` : '';
  const times = e.count > 1 ? ` (×${e.count})` : '';
  return `${e.reason}${where}: ${e.message}${times}`;
}

/** A bounded evidence slice: the given entries plus each one's predecessor, in timeline order. */
export function evidenceAround(observation: Observation, picked: TimelineEntry[], max = 12): TimelineEntry[] {
  const wanted = new Set<TimelineEntry>();
  for (const entry of picked) {
    const i = observation.timeline.indexOf(entry);
    if (i < 0) continue;
    const prevPod = observation.timeline.slice(0, i).reverse().find(isPodEntry);
    if (prevPod) wanted.add(prevPod);
    wanted.add(entry);
  }
  return observation.timeline.filter((e) => wanted.has(e)).slice(0, max);
}
