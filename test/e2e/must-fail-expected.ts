// What each scenario of test/e2e/must-fail.yaml must fail on, on a correct cluster: the failed checks,
// exactly (a name matches itself or as a prefix: "files" covers "files[/shared/prestop].exists"). Read by
// verify-must-fail.ts (on the real run's report) and by test/unit/e2e/must-fail-coverage.test.ts (every
// expectation kind of lib/expectations/registry.ts has a scenario here that must fail on it).
export const expectedFailures: Record<string, string[]> = {
  'expects-two-restarts': ['run', 'restarts.trigger'],
  'expects-new-identity': ['identity.uid', 'identity.podIP', 'identity.sandbox'],
  'expects-prestop': ['files'],
  'expects-sidecar-before-init': ['startOrder'],
  'expects-pending-throughout': ['phases.never'],
  'expects-no-removal-status': ['states.bystander.never'],
  'expects-grace-honoured': ['timing'],
  'expects-rejected-create': ['admission'],
  'expects-rejected-label-patch': ['patch'],
  'expects-three-trigger-runs': ['runs.trigger'],
  'expects-condition-never-true': ['conditions.AllContainersRestarting.never'],
  'expects-sandbox-changed-event': ['events.present.SandboxChanged'],
  'expects-pod-succeeded': ['run', 'final.phase'],
  'expects-quiet-after-restart': ['consistently'],
  'expects-rules-dropped': ['stored.trigger'],
  'expects-non-declaring-node': ['placement.nodeLacks'],
  'expects-job-failure-counted': ['run', 'job.status.failed'],
};

/** Scenarios about what the API server answered, where the pod may not have run long enough for node evidence. */
export const withoutPodEvidence = ['expects-rejected-create', 'expects-rules-dropped'];

/** A failed check name matches a wanted one exactly or as a prefix. */
export const checkMatches = (name: string, wanted: string) =>
  name === wanted || name.startsWith(`${wanted}.`) || name.startsWith(`${wanted}[`);
