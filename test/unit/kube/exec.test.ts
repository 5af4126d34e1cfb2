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
    expect(exitCodeFromStatus({ status: 'Failure', message: 'error executing command, exit code 137' })).to.deep.equal({
      exitCode: 137,
    });
  });

  it('any other failure is an error, not a code', () => {
    const r = exitCodeFromStatus({
      status: 'Failure',
      reason: 'InternalError',
      message: 'container not found ("trigger")',
    });
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
    expect(containerSituation(pod, 'nope')).to.equal(
      'the pod has no container nope (it has: init, trigger, bystander)',
    );
  });
});

describe('kube/exec over a websocket (client-node Exec, channel protocol v5)', () => {
  // A small server that speaks the API server's exec protocol: channel byte first, 1 stdout, 2 stderr,
  // 3 status (JSON), 0 stdin from the client, 255 a close frame (the client has no more stdin).
  let server: import('ws').WebSocketServer;
  let dir: string;
  let client: import('../../../lib/kube/client.js').KubeClient;
  const seen: Array<{ url: string; protocol: string }> = [];

  before(async () => {
    const { WebSocketServer } = await import('ws');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { KubeClient } = await import('../../../lib/kube/client.js');
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    server.on('connection', (ws, req) => {
      seen.push({ url: req.url ?? '', protocol: ws.protocol });
      const url = new URL(req.url ?? '', 'http://x');
      const command = url.searchParams.getAll('command');
      const send = (channel: number, text: string): void =>
        ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
      if (command[0] === 'cat') {
        let input = '';
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0) input += data.subarray(1).toString();
          if (data[0] === 255 && data[1] === 0) {
            send(1, input.toUpperCase());
            send(3, JSON.stringify({ metadata: {}, status: 'Success' }));
          }
        });
        return;
      }
      send(1, 'out:' + command.join(' '));
      send(2, 'err');
      send(
        3,
        JSON.stringify({
          metadata: {},
          status: 'Failure',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '3' }] },
        }),
      );
    });
    const port = (server.address() as import('node:net').AddressInfo).port;
    dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-exec-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      `current-context: t\ncontexts: [{name: t, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: tok}}]\n`,
    );
    client = await KubeClient.fromFile(kubeconfig);
  });

  after(async () => {
    client.close();
    for (const ws of server.clients) ws.terminate();
    await new Promise<void>((r) => server.close(() => r()));
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });

  it('returns stdout, stderr and the exit code from the status channel', async () => {
    const r = await client.exec('ns', 'p', 'c', ['sh', '-c', 'exit 3']);
    expect(r).to.deep.equal({ exitCode: 3, stdout: 'out:sh -c exit 3', stderr: 'err' });
    expect(seen.at(-1)?.protocol).to.equal('v5.channel.k8s.io');
    const url = new URL(seen.at(-1)?.url ?? '', 'http://x');
    expect(url.pathname).to.equal('/api/v1/namespaces/ns/pods/p/exec');
    expect(url.searchParams.get('container')).to.equal('c');
    expect(url.searchParams.get('stdin')).to.equal('false');
  });

  it('sends stdin and ends it with a v5 close frame, leaving the process streams open', async () => {
    const r = await client.exec('ns', 'p', 'c', ['cat'], { stdin: 'hello' });
    expect(r).to.deep.equal({ exitCode: 0, stdout: 'HELLO', stderr: '' });
    expect(process.stdout.writable).to.equal(true);
  });
});
