// A timeline as lines a person reads, one per watch update, event or harness step:
//   +1.234s MODIFIED phase=Running AllContainersRestarting=True(RestartAllContainersStarted) Ready=False | trigger:terminated(42) rc=0 …
// Times are offsets from the trigger, the moment everything in a scenario is measured against.
import { ALL_CONTAINERS_RESTARTING, describeContainer } from '../expectations/pod.js';
import { describeEvent, offset, originOf } from '../expectations/timeline.js';
import type { Observation, PodSnapshot, TimelineEntry } from '../observe/types.js';

function describeConditions(pod: PodSnapshot): string {
  // The condition under test first, with its reason: that is what a reader looks for.
  const ordered = [
    ...pod.conditions.filter((c) => c.type === ALL_CONTAINERS_RESTARTING),
    ...pod.conditions.filter((c) => c.type !== ALL_CONTAINERS_RESTARTING),
  ];
  return ordered
    .map((c) => `${c.type}=${c.status}${c.type === ALL_CONTAINERS_RESTARTING && c.reason ? `(${c.reason})` : ''}`)
    .join(' ');
}

export function formatTimelineEntry(entry: TimelineEntry, origin: number): string {
  const at = offset(entry.at, origin);
  switch (entry.kind) {
    case 'pod': {
      const { pod } = entry;
      const conditions = describeConditions(pod);
      const containers = pod.containers.map(describeContainer).join(' ');
      return `${at} ${entry.watch} phase=${pod.phase}${conditions ? ` ${conditions}` : ''}${containers ? ` | ${containers}` : ''}`;
    }
    case 'event':
      return `${at} EVENT ${describeEvent(entry.event)}`;
    case 'harness':
      return `${at} HARNESS ${entry.stage}: ${entry.note}`;
  }
}

export function formatTimeline(entries: TimelineEntry[], origin: number): string {
  return entries.map((e) => formatTimelineEntry(e, origin)).join('\n');
}

/**
 * The part of a run worth reading: a few entries before the trigger (the state it acted on) and
 * everything after, bounded so a soak of many minutes does not flood a CI log.
 */
export function timelineSlice(observation: Observation, opts: { before?: number; max?: number } = {}): TimelineEntry[] {
  const { before = 3, max = 200 } = opts;
  const { timeline, triggerAt } = observation;
  const first = triggerAt === undefined ? 0 : timeline.findIndex((e) => e.at >= triggerAt);
  const start = first < 0 ? Math.max(0, timeline.length - before) : Math.max(0, first - before);
  const slice = timeline.slice(start);
  return slice.length > max ? [...slice.slice(0, max - 1), slice[slice.length - 1] as TimelineEntry] : slice;
}

/** The formatted slice, with a note when entries were left out. */
export function formatTimelineSlice(observation: Observation, opts: { before?: number; max?: number } = {}): string {
  const slice = timelineSlice(observation, opts);
  const origin = originOf(observation);
  const omitted = observation.timeline.length - slice.length;
  const head = `timeline (times relative to the ${observation.triggerAt === undefined ? 'first entry' : 'trigger'}; ${observation.timeline.length} entries${omitted > 0 ? `, ${omitted} not shown` : ''}):`;
  return `${head}\n${formatTimeline(slice, origin)}`;
}
