// What an expectation kind needs the runner to read beyond the pod and event watches: the journal
// file, the CRI sandbox id on the node, files in the pod's volumes. Each kind declares it beside its
// checker (registry.ts), so the runner reads exactly what the suite's expectations are about.
import type { ExpectationsT } from '../suite/schema.js';

export type FileExpectation = NonNullable<ExpectationsT['files']>[number];

export interface ObservationNeeds {
  /** The suite's journal, before the trigger (line count) and at the checkpoint. */
  journal?: boolean;
  /** The CRI sandbox id of the pod on its node, before the trigger and at the checkpoint. */
  sandbox?: boolean;
  /** Files read before the trigger and at the checkpoint. */
  files?: FileExpectation[];
  /** The node the pod is bound to (labels, status.declaredFeatures), read at the checkpoint. */
  node?: boolean;
}

/** For kinds judged from the watches alone. */
export const NOTHING_EXTRA = (): ObservationNeeds => ({});

export function mergeNeeds(all: ObservationNeeds[]): ObservationNeeds {
  const out: ObservationNeeds = {};
  for (const n of all) {
    if (n.journal) out.journal = true;
    if (n.sandbox) out.sandbox = true;
    if (n.files?.length) out.files = [...(out.files ?? []), ...n.files];
    if (n.node) out.node = true;
  }
  return out;
}
