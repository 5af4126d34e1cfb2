// The smallest pod that uses the RestartAllContainers action, for a server-side dry-run create.
export const PREFLIGHT_POD_NAME = 'inplace-e2e-preflight';

export function restartAllProbePod(image: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: PREFLIGHT_POD_NAME, labels: { 'app.kubernetes.io/managed-by': 'inplace-e2e' } },
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'probe',
          image,
          command: ['sh', '-c', 'exit 0'],
          restartPolicy: 'Never',
          restartPolicyRules: [{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [42] } }],
        },
      ],
    },
  };
}
