// lib/evidence: what to attach when a scenario fails. Pod events, current and previous logs, the
// journal file, the kubelet journal and crictl's view from the node; best-effort, never throwing,
// with each missing piece's reason recorded.
export { collectEvidence } from './collect.js';
export type { Evidence, EvidenceClient, EvidenceRequest, LogEvidence, CrictlEvidence } from './collect.js';
