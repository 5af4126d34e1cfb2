// A timeline as lines a person reads, one entry per watch update, event or harness step:
//   +1.234s MODIFIED phase=Running AllContainersRestarting=True(RestartAllContainersStarted) Ready=False …
//           | init:terminated(0) rc=0 ready sidecar:running rc=0 ready trigger:terminated(42) rc=0 …
// Times are offsets from the trigger, the moment everything in a scenario is measured against.
import { ALL_CONTAINERS_RESTARTING, describeContainer } from '../expectations/pod.js';
import { describeEvent, offset, originOf } from '../expectations/timeline.js';
import { describeJob } from '../observe/snapshot.js';
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

/** Widest line a timeline entry is written on; longer entries continue on indented lines. */
export const TIMELINE_WIDTH = 160;

/**
 * Words packed into lines of at most `width` characters (a single longer word keeps its own line);
 * lines after the first are indented by `indent` spaces.
 */
function pack(words: string[], width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > width) {
      lines.push(line);
      line = `${' '.repeat(indent)}${w}`;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * One entry as text. A pod update puts its offset, watch type, phase and conditions first and its
 * containers on the following line(s), indented under the offset, so no line grows past
 * TIMELINE_WIDTH however many containers and conditions the pod has.
 */
export function formatTimelineEntry(entry: TimelineEntry, origin: number): string {
  const at = offset(entry.at, origin);
  const indent = at.length + 1;
  switch (entry.kind) {
    case 'pod': {
      const { pod } = entry;
      const conditions = describeConditions(pod);
      const head = pack(
        [at, entry.watch, `phase=${pod.phase}`, ...(conditions ? conditions.split(' ') : [])],
        TIMELINE_WIDTH,
        indent,
      );
      const containers = pod.containers.map(describeContainer);
      const body = containers.length
        ? pack(['|', ...containers], TIMELINE_WIDTH - indent, 2).map((l) => `${' '.repeat(indent)}${l}`)
        : [];
      return [...head, ...body].join('\n');
    }
    case 'event':
      return pack(`${at} EVENT ${describeEvent(entry.event)}`.split(' '), TIMELINE_WIDTH, indent).join('\n');
    case 'harness':
      return pack(`${at} HARNESS ${entry.stage}: ${entry.note}`.split(' '), TIMELINE_WIDTH, indent).join('\n');
    case 'job':
      return pack(`${at} JOB ${entry.watch} ${describeJob(entry.job)}`.split(' '), TIMELINE_WIDTH, indent).join('\n');
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
