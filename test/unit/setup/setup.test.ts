// `inplace-e2e setup` offline, against a scripted host: each step's decision (start Docker or name the
// command, pull or build, find or build kind), and that a registry that does not answer is given up on fast.
import { expect } from 'chai';
import { runHostCommand, type CommandResult, type HostCommand } from '../../../lib/host/command.js';
import { EnvironmentError } from '../../../lib/errors.js';
import { pullImageFailingFast } from '../../../lib/nodeimage/docker.js';
import { setupForRun, type SetupHost } from '../../../lib/setup/index.js';
import { parseCli, UsageError } from '../../../lib/cli/args.js';

const UPSTREAM = 'kindest/node:v1.35.8@sha256:07b2536e30b803ed61d1677a79df6115f798ce64c80f9e22f6ed45afd09323c0';
const LOCAL = 'inplace-e2e/node:v1.35.8';

interface World {
  dockerUp: boolean;
  root: boolean;
  osRelease?: string;
  platform?: NodeJS.Platform;
  images: Set<string>;
  registry: 'answers' | 'unknown-host' | 'silent';
  kind: boolean;
  go: boolean;
  dockerd?: boolean;
  /** The offline image in Docker was built from other pinned versions than this package's. */
  stale?: boolean;
}

function host(w: World, did: string[]): SetupHost {
  const result = (command: string, r: Partial<CommandResult>): CommandResult => ({
    exitCode: 0,
    stdout: '',
    stderr: '',
    command,
    ...r,
  });
  const run: HostCommand = async (file, args) => {
    const line = `${file} ${args.join(' ')}`;
    if (file === 'docker' && args[0] === 'version') {
      return w.dockerUp
        ? result(line, { stdout: '20.10.24' })
        : result(line, { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' });
    }
    if (file.endsWith('kind') && args[0] === 'version')
      return w.kind
        ? result(line, { stdout: 'kind v0.33.0 go1.26 linux/amd64' })
        : result(line, { exitCode: -1, notFound: true });
    if (file === 'dockerd')
      return w.dockerd ? result(line, { stdout: 'Docker version 27' }) : result(line, { exitCode: -1, notFound: true });
    throw new Error(`unexpected command ${line}`);
  };
  return {
    run,
    isRoot: w.root,
    platform: w.platform ?? 'linux',
    osRelease: async () => w.osRelease,
    dockerUp: async () => {
      did.push('docker-up');
      w.dockerUp = true;
    },
    imageExists: async (image) => w.images.has(image),
    pull: async (image, startSeconds) => {
      did.push(`pull ${image}`);
      if (w.registry === 'answers') {
        w.images.add(image);
        return { pulled: true, why: '', stalled: false };
      }
      return w.registry === 'silent'
        ? {
            pulled: false,
            why: `no registry answered within ${startSeconds}s (the pull had not started)`,
            stalled: true,
          }
        : { pulled: false, why: 'dial tcp: lookup registry-1.docker.io: no such host', stalled: false };
    },
    buildNodeImage: async (o) => {
      const present = w.images.has(o.imageTag ?? '');
      did.push(`${present ? 'check' : 'build'} ${o.kubernetesVersion} as ${o.imageTag}`);
      w.images.add(o.imageTag ?? '');
      w.kind = true; // a node-image build compiles kind into the cache
      return {
        image: o.imageTag ?? '',
        stages: [
          { name: 'plan', cached: false },
          { name: 'node-image', cached: present && !w.stale },
        ],
      };
    },
    buildKind: async () => {
      did.push('build kind');
      w.kind = true;
      return { version: 'v0.33.0', cached: false };
    },
    kindPath: () => '/cache/bin/kind-v0.33.0/kind',
    findGo: async () => w.go,
  };
}

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'ID=fedora\n';

async function setup(w: World, options: { nodeImage?: string; localImage?: boolean } = {}) {
  const did: string[] = [];
  const lines: string[] = [];
  const result = await setupForRun(
    { profile: '1.35-gates-on', localImage: false, ...options, log: (l) => lines.push(l), pullStartSeconds: 5 },
    host(w, did),
  );
  return { result, did, lines };
}

async function failure(
  w: World,
  options: { nodeImage?: string; localImage?: boolean } = {},
): Promise<EnvironmentError> {
  try {
    await setup(w, options);
  } catch (e) {
    if (e instanceof EnvironmentError) return e;
    throw e;
  }
  throw new Error('setup did not fail');
}

const world = (w: Partial<World>): World => ({
  dockerUp: true,
  root: false,
  osRelease: DEBIAN,
  images: new Set(),
  registry: 'answers',
  kind: true,
  go: true,
  ...w,
});

describe('setup', () => {
  describe('docker', () => {
    it('root on Debian or Ubuntu: starts the engine with docker-up.sh and goes on', async () => {
      for (const osRelease of [DEBIAN, UBUNTU]) {
        const { did, result, lines } = await setup(world({ dockerUp: false, root: true, osRelease }));
        expect(did[0]).to.equal('docker-up');
        expect(result.docker).to.equal('20.10.24');
        expect(lines.join('\n')).to.match(
          /docker: the Docker daemon is not answering.*; starting it with .*docker-up\.sh \(root on (Debian GNU\/Linux 12 \(bookworm\)|Ubuntu 24\.04 LTS)\)/,
        );
      }
    });

    it('elsewhere: exit 3 with the one command to run, and nothing else done', async () => {
      const cases: Array<[Partial<World>, RegExp]> = [
        [{ root: false, osRelease: DEBIAN }, /^run this, then setup again: sudo bash \/.*lib\/host\/docker-up\.sh$/],
        [{ root: true, osRelease: FEDORA, dockerd: true }, /: sudo systemctl start docker$/],
        [
          { root: true, osRelease: FEDORA, dockerd: false },
          /install Docker Engine \(https:\/\/docs\.docker\.com\/engine\/install\/\)/,
        ],
        [{ platform: 'darwin' }, /open -a Docker/],
      ];
      for (const [w, hint] of cases) {
        const e = await failure(world({ dockerUp: false, ...w }));
        expect(e.reason).to.contain('the Docker daemon is not answering');
        expect(e.hint).to.match(hint);
      }
    });
  });

  describe('node image', () => {
    it('a registry that answers: the pinned upstream image, pulled; the run gets it as --node-image', async () => {
      const { did, result } = await setup(world({}));
      expect(did).to.deep.equal([`pull ${UPSTREAM}`]);
      expect(result).to.deep.include({
        image: UPSTREAM,
        imageSource: 'pulled',
        run: { nodeImage: UPSTREAM, localImage: false },
      });
    });

    it('no registry, offline build present: uses it, checked current (the run gets --local-image)', async () => {
      for (const registry of ['unknown-host', 'silent'] as const) {
        const { did, result, lines } = await setup(world({ registry, images: new Set([LOCAL]) }));
        expect(did).to.deep.equal([`pull ${UPSTREAM}`, `check v1.35.8 as ${LOCAL}`]);
        expect(result).to.deep.include({ image: LOCAL, imageSource: 'present', run: { localImage: true } });
        expect(lines.join('\n')).to.contain(
          `cannot pull: ${registry === 'silent' ? 'no registry answered within 5s' : 'dial tcp'}`,
        );
      }
    });

    it("no registry and no offline build: builds it (node-image build of the tag's release), which brings kind too", async () => {
      const { did, result } = await setup(world({ registry: 'silent', kind: false }));
      expect(did).to.deep.equal([`pull ${UPSTREAM}`, `build v1.35.8 as ${LOCAL}`]);
      expect(result).to.deep.include({ image: LOCAL, imageSource: 'built', run: { localImage: true } });
      expect(result.kind.version).to.equal('v0.33.0');
    });

    it('--local-image never pulls: present is checked current (rebuilt when stale), absent is built', async () => {
      const present = await setup(world({ images: new Set([LOCAL]) }), { localImage: true });
      expect(present.did).to.deep.equal([`check v1.35.8 as ${LOCAL}`]);
      expect(present.result.imageSource).to.equal('present');
      expect(
        (await setup(world({ images: new Set([LOCAL]), stale: true }), { localImage: true })).result.imageSource,
      ).to.equal('built');
      const absent = await setup(world({}), { localImage: true });
      expect(absent.did).to.deep.equal([`build v1.35.8 as ${LOCAL}`]);
      expect(absent.result.imageSource).to.equal('built');
    });

    it('without Go: a present offline image is used as it is, saying so; an absent one is exit 3 saying why', async () => {
      const { did, lines } = await setup(world({ images: new Set([LOCAL]), go: false }), { localImage: true });
      expect(did).to.deep.equal([]);
      expect(lines.join('\n')).to.contain('no Go here to check it against');
      const e = await failure(world({ go: false }), { localImage: true });
      expect(e.reason).to.equal(`building the offline node image ${LOCAL} needs Go, and there is none`);
    });

    it('--node-image: used when present, pulled when not, exit 3 when it cannot be had', async () => {
      expect(
        (await setup(world({ images: new Set(['me/node:v1.35.9']) }), { nodeImage: 'me/node:v1.35.9' })).result.run,
      ).to.deep.equal({ nodeImage: 'me/node:v1.35.9', localImage: false });
      const e = await failure(world({ registry: 'unknown-host' }), { nodeImage: 'me/node:v1.35.9' });
      expect(e.reason).to.equal(
        'cannot pull node image me/node:v1.35.9: dial tcp: lookup registry-1.docker.io: no such host',
      );
    });
  });

  describe('kind', () => {
    it('found: nothing built; missing: built from its module; missing without Go: exit 3 with how to install', async () => {
      expect((await setup(world({ images: new Set([UPSTREAM]) }))).did).to.deep.equal([]);
      expect((await setup(world({ images: new Set([UPSTREAM]), kind: false }))).did).to.deep.equal(['build kind']);
      const e = await failure(world({ images: new Set([UPSTREAM]), kind: false, go: false }));
      expect(e.reason).to.contain('and there is no Go to build it');
      expect(e.hint).to.contain('go install sigs.k8s.io/kind@');
    });
  });

  it('a pull that does not start is stopped within seconds; one that fails says why at once', async function () {
    this.timeout(10_000);
    const silent: HostCommand = (file, args, opts) =>
      new Promise((resolve) => {
        opts?.signal?.addEventListener('abort', () =>
          resolve({ exitCode: -1, stdout: '', stderr: '', canceled: true, command: `${file} ${args.join(' ')}` }),
        );
      });
    const started = Date.now();
    const stalled = await pullImageFailingFast('kindest/node:v1.35.8', { startSeconds: 1 }, silent);
    expect(Date.now() - started).to.be.below(3000);
    expect(stalled).to.deep.equal({
      pulled: false,
      stalled: true,
      why: 'no registry answered within 1s (the pull had not started)',
    });

    const slowButMoving: HostCommand = async (file, args, opts) => {
      opts?.onLine?.('v1.35.8: Pulling from kindest/node');
      await new Promise((r) => setTimeout(r, 1500));
      return { exitCode: opts?.signal?.aborted ? -1 : 0, stdout: '', stderr: '', command: file };
    };
    expect((await pullImageFailingFast('kindest/node:v1.35.8', { startSeconds: 1 }, slowButMoving)).pulled).to.equal(
      true,
    );
  });

  it('the host runner stops a real process when the pull gives up on it', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const started = Date.now();
    const r = await runHostCommand('sleep', ['30'], { signal: stop.signal });
    expect(Date.now() - started).to.be.below(2000);
    expect(r).to.include({ canceled: true });
    expect(r.exitCode).to.not.equal(0);
  });

  it('flags: setup and run --setup', () => {
    expect(parseCli(['setup', '--profile', '1.36-defaults', '--local-image'], {})).to.deep.equal({
      command: 'setup',
      profile: '1.36-defaults',
      localImage: true,
      verbose: false,
    });
    expect(parseCli(['run', '--setup'], {})).to.include({ command: 'run', setup: true });
    for (const [argv, message] of [
      [['setup', '--node-image', 'x', '--local-image'], '--node-image and --local-image exclude each other'],
      [['setup', 'core'], 'unexpected argument "core"'],
      [['run', '--setup', '--kubeconfig', '/k'], '--setup prepares for a cluster the harness creates'],
      [['run', '--setup', '--reuse', 'c'], '--setup prepares for a new cluster'],
      [['setup', '--profle', 'x'], 'unknown option --profle for setup (did you mean --profile?)'],
    ] as Array<[string[], string]>) {
      expect(() => parseCli(argv, {}))
        .to.throw(UsageError)
        .with.property('message')
        .that.contains(message);
    }
  });
});
