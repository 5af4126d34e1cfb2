// lib/observe: what a scenario saw. The Observation types (the verdict engine's only input), pure
// converters from raw API objects to snapshots, the PodRecorder that records a pod and its events
// from watches and waits on them, and the PodSetRecorder that does the same for every pod of a label selector.
export * from './types.js';
export {
  podSnapshot,
  eventSnapshot,
  initContainerKinds,
  describePod,
  describeContainer,
  nodeObservation,
  storedContainers,
} from './snapshot.js';
export { PodRecorder } from './recorder.js';
export type { PodPredicate, PodRecorderOptions } from './recorder.js';
export { PodSetRecorder } from './pod-set-recorder.js';
export type { PodSet, PodSetPredicate, PodSetRecorderOptions } from './pod-set-recorder.js';
export { StateWaiters, WaitAbortedError } from './waiters.js';
export type { StatePredicate, WaitOptions } from './waiters.js';
export * from './journal.js';
export { allOf, conditionIs, conditionStatus, containerIs, podPhaseIs, podReady } from './predicates.js';
export type { ContainerWaitState } from './predicates.js';
