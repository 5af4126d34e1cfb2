import { expect } from 'chai';
import { formatVersion } from '../../../lib/k8s-version.js';
import { hasHarnessPrefix, kindNameProblem, newClusterName } from '../../../lib/cluster/names.js';
import { privateKubeconfig } from '../../../lib/cluster/paths.js';
import { cacheDir } from '../../../lib/package.js';
import {
  checkDocker,
  checkKind,
  checkKubectl,
  isAtLeast,
  parseKindVersion,
  parseKubectlClientVersion,
} from '../../../lib/cluster/tools.js';
import type { CommandResult, HostCommand } from '../../../lib/host/command.js';

const answer =
  (r: Partial<CommandResult>): HostCommand =>
  async (file, args) => ({ exitCode: 0, stdout: '', stderr: '', command: [file, ...args].join(' '), ...r });

describe('cluster names, paths and tools', () => {
  it("names clusters inplace-e2e-<profile>-<random> within kind's 50 characters", () => {
    expect(newClusterName('1.35-gates-on', () => 'abc123')).to.equal('inplace-e2e-1-35-gates-on-abc123');
    const long = newClusterName('a-very-long-profile-name-that-goes-on-and-on-and-on', () => 'abc123');
    expect(long.length).to.be.at.most(50);
    expect(long).to.match(/^inplace-e2e-a-very-long-.*[a-z0-9]-abc123$/);
    expect(kindNameProblem(long)).to.equal(undefined);
    expect(kindNameProblem('Bad_Name')).to.match(/not a valid kind cluster name/);
    expect(kindNameProblem('x'.repeat(51))).to.match(/at most 50/);
    expect(hasHarnessPrefix('inplace-e2e-dev-1')).to.equal(true);
    expect(hasHarnessPrefix('kind')).to.equal(false);
  });

  it('keeps state under $INPLACE_E2E_CACHE or ~/.cache/inplace-e2e', () => {
    expect(cacheDir({ INPLACE_E2E_CACHE: '/tmp/c' })).to.equal('/tmp/c');
    expect(cacheDir({})).to.match(/\/\.cache\/inplace-e2e$/);
    expect(privateKubeconfig('inplace-e2e-x', '/tmp/c')).to.equal('/tmp/c/clusters/inplace-e2e-x/kubeconfig');
  });

  it('parses kind and kubectl versions', () => {
    expect(formatVersion(parseKindVersion('kind v0.32.0 go1.25.1 linux/amd64')!)).to.equal('v0.32.0');
    expect(parseKindVersion('kind v0.33.0-alpha.12+abcdef0123 go1.26 linux/amd64')?.pre).to.equal('alpha.12');
    expect(parseKindVersion('something else')).to.equal(undefined);
    expect(isAtLeast(parseKindVersion('kind v0.32.0 go')!, 'v0.32.0')).to.equal(true);
    expect(isAtLeast(parseKindVersion('kind v0.31.9 go')!, 'v0.32.0')).to.equal(false);
    expect(isAtLeast(parseKindVersion('kind v0.32.0-alpha.1 go')!, 'v0.32.0')).to.equal(false);
    expect(parseKubectlClientVersion('{"clientVersion":{"gitVersion":"v1.35.8"}}')).to.equal('v1.35.8');
    expect(parseKubectlClientVersion('Client Version: v1.32.4-dispatcher\n')).to.equal('v1.32.4-dispatcher');
  });

  it('explains missing or old tools with how to install them', async () => {
    const notFound = answer({ exitCode: -1, notFound: true });
    expect(String(await checkKind(notFound).catch((e: unknown) => e))).to.match(
      /kind is not installed[\s\S]*go install sigs.k8s.io\/kind@v0.32.0/,
    );
    expect(
      String(await checkKind(answer({ stdout: 'kind v0.29.0 go1.24 linux/amd64' })).catch((e: unknown) => e)),
    ).to.match(
      /kind v0.29.0 is too old: the harness needs v0.32.0 or newer[\s\S]*kind.sigs.k8s.io\/dl\/v0.32.0\/kind-linux-amd64/,
    );
    expect(await checkKind(answer({ stdout: 'kind v0.32.0 go1.25.1 linux/amd64' }))).to.deep.equal({
      tool: 'kind',
      found: true,
      version: 'v0.32.0',
    });
    expect(String(await checkDocker(notFound).catch((e: unknown) => e))).to.match(/docker is not installed/);
    expect(
      String(
        await checkDocker(
          answer({
            exitCode: 1,
            stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
          }),
        ).catch((e: unknown) => e),
      ),
    ).to.match(/the Docker daemon is not answering: .*Cannot connect to the Docker daemon[\s\S]*docker-up.sh/);
    expect(await checkKubectl(notFound)).to.include({ tool: 'kubectl', found: false });
  });
});
