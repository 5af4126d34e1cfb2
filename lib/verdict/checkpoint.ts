// One `expect` step's view of a run with steps: the whole observation, seen from its checkpoint.
// Checkers judge a view exactly as they judge a short-form observation (before = right before the
// trigger it follows, after = at the checkpoint); the timeline ends at the checkpoint, so what a
// later step caused never counts for or against an earlier one.
import type { Checkpoint, Observation } from '../observe/types.js';

export function checkpointView(observation: Observation, checkpoint: Checkpoint): Observation {
  const {
    checkpoints: _all,
    abortedWith: _aborted,
    before: _b,
    after: _a,
    triggerAt: _t,
    settledAt: _s,
    ...rest
  } = observation;
  const { journal: _j, journalLinesBeforeTrigger: _c, sandbox: _x, patch: _p, node: _n, ...shared } = rest;
  const c = checkpoint;
  return {
    ...shared,
    timeline: observation.timeline.filter((e) => e.at <= c.endedAt),
    files: c.files,
    ...(c.before ? { before: c.before } : {}),
    ...(c.after ? { after: c.after } : {}),
    ...(c.triggerAt !== undefined ? { triggerAt: c.triggerAt } : {}),
    ...(c.settledAt !== undefined ? { settledAt: c.settledAt } : {}),
    ...(c.journal ? { journal: c.journal } : {}),
    ...(c.journalLinesBeforeTrigger !== undefined ? { journalLinesBeforeTrigger: c.journalLinesBeforeTrigger } : {}),
    ...(c.sandbox ? { sandbox: c.sandbox } : {}),
    ...(c.patch ? { patch: c.patch } : {}),
    ...(c.node ? { node: c.node } : {}),
  };
}
