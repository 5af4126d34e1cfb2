// Feature gates: what each Kubernetes minor knows about the gates this harness depends on (table.ts), and
// resolving a requested gate set against a minor, with refusals for what a component would not start with.
export {
  COMPONENTS,
  CONTAINER_RESTART_RULES,
  GATE_TABLE,
  NODE_DECLARED_FEATURES,
  RESTART_ALL_CONTAINERS,
  TABLE_MINORS,
  gateDefinition,
  misspelledGate,
  tableGateNames,
  type Component,
  type GateDefinition,
  type GateFacts,
  type GateStage,
  type TableMinor,
} from './table.js';
export {
  GateRefusalError,
  evaluateGates,
  gateFactsAt,
  resolveGates,
  tableColumnFor,
  type GateRefusal,
  type GateRefusalKind,
  type GateResolution,
  type TableColumn,
} from './resolve.js';
