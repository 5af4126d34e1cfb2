// lib/observe: what a scenario saw. The Observation types (the verdict engine's only input), pure
// converters from raw API objects to snapshots, and the PodRecorder that records a pod and its
// events from watches and waits on them.
export * from './types.js';
export { podSnapshot, eventSnapshot, initContainerKinds, describePod, describeContainer } from './snapshot.js';
export { PodRecorder, WaitAbortedError } from './recorder.js';
export type { WatchSource, PodPredicate, WaitOptions, PodRecorderOptions } from './recorder.js';
export * from './journal.js';
export { allOf, conditionIs, conditionStatus, containerIs, podPhaseIs, podReady } from './predicates.js';
export type { ContainerWaitState } from './predicates.js';
