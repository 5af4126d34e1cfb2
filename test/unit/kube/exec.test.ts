import { expect } from 'chai';
import { exitCodeFromStatus } from '../../../lib/kube/exec.js';

describe('kube/exec exit codes (status channel)', () => {
  it('Success is 0', () => {
    expect(exitCodeFromStatus({ metadata: {}, status: 'Success' })).to.deep.equal({ exitCode: 0 });
  });

  it('NonZeroExitCode carries the code in the ExitCode cause', () => {
    const status = {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(exitCodeFromStatus(status)).to.deep.equal({ exitCode: 3 });
  });

  it('falls back to "exit code N" in the message', () => {
    expect(exitCodeFromStatus({ status: 'Failure', message: 'error executing command, exit code 137' })).to.deep.equal({ exitCode: 137 });
  });

  it('any other failure is an error, not a code', () => {
    const r = exitCodeFromStatus({ status: 'Failure', reason: 'InternalError', message: 'container not found ("trigger")' });
    expect(r).to.deep.equal({ error: 'container not found ("trigger")' });
  });
});

describe('kube/client containerSituation (why an exec could not start)', () => {
  const pod = {
    spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'trigger' }, { name: 'bystander' }] },
    status: {
      initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 0 } } }],
      containerStatuses: [
        { name: 'trigger', state: { waiting: { reason: 'RestartingAllContainers' } } },
        { name: 'bystander', state: { running: {} } },
      ],
    },
  };
  it('names the state of the container, or the containers the pod has', async () => {
    const { containerSituation } = await import('../../../lib/kube/client.js');
    expect(containerSituation(pod, 'init')).to.equal('init container init has terminated (exit code 0)');
    expect(containerSituation(pod, 'trigger')).to.equal('container trigger is waiting (RestartingAllContainers)');
    expect(containerSituation(pod, 'bystander')).to.equal('container bystander is running');
    expect(containerSituation(pod, 'nope')).to.equal('the pod has no container nope (it has: init, trigger, bystander)');
  });
});
