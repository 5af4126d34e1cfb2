// Sample pod JSON shaped like the API server's (the shipped base pod, suites/pods/base.yaml, 1.36-style status).
export function basePod(
  overrides: { rv?: string; restartCondition?: 'True' | 'False'; triggerRc?: number } = {},
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'rac-base',
      namespace: 'ns1',
      uid: '7c1d0c5e-0000-4000-8000-000000000001',
      resourceVersion: overrides.rv ?? '100',
      creationTimestamp: '2026-08-01T10:00:00Z',
    },
    spec: {
      nodeName: 'kind-worker',
      restartPolicy: 'Never',
      initContainers: [
        { name: 'init', image: 'busybox' },
        { name: 'sidecar', image: 'busybox', restartPolicy: 'Always' },
      ],
      containers: [
        {
          name: 'trigger',
          image: 'busybox',
          restartPolicy: 'Never',
          restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
        },
        { name: 'bystander', image: 'busybox' },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: '2026-08-01T10:00:01Z',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2026-08-01T10:00:02Z' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-08-01T10:00:03Z' },
        {
          type: 'AllContainersRestarting',
          status: overrides.restartCondition ?? 'False',
          ...(overrides.restartCondition === 'True'
            ? { reason: 'RestartAllContainersStarted', message: 'container exited with restart policy rule' }
            : {}),
          lastTransitionTime: '2026-08-01T10:00:03Z',
        },
        {
          type: 'Ready',
          status: overrides.restartCondition === 'True' ? 'False' : 'True',
          lastTransitionTime: '2026-08-01T10:00:05Z',
        },
      ],
      initContainerStatuses: [
        {
          name: 'init',
          image: 'busybox',
          imageID: 'x',
          containerID: 'containerd://aaa',
          ready: true,
          restartCount: 0,
          started: false,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: '2026-08-01T10:00:02Z',
              finishedAt: '2026-08-01T10:00:02Z',
              containerID: 'containerd://aaa',
            },
          },
          lastState: {},
        },
        {
          name: 'sidecar',
          image: 'busybox',
          imageID: 'x',
          containerID: 'containerd://bbb',
          ready: true,
          restartCount: 1,
          started: true,
          state: { running: { startedAt: '2026-08-01T10:00:03Z' } },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'RestartingAllContainers',
              message: 'The container is removed because RestartAllContainers in place',
              startedAt: null,
              finishedAt: null,
            },
          },
        },
      ],
      containerStatuses: [
        {
          name: 'trigger',
          image: 'busybox',
          imageID: 'x',
          containerID: 'containerd://ccc',
          ready: true,
          restartCount: overrides.triggerRc ?? 0,
          started: true,
          state: { running: { startedAt: '2026-08-01T10:00:04Z' } },
          lastState: {},
        },
        {
          name: 'bystander',
          image: 'busybox',
          imageID: 'x',
          ready: false,
          restartCount: 0,
          state: {
            waiting: {
              reason: 'RestartingAllContainers',
              message: 'The container is removed because RestartAllContainers in place',
            },
          },
          lastState: {},
        },
      ],
    },
  };
}
