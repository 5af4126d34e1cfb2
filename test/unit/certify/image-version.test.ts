// Reading the Kubernetes version from a node image and picking what certify judges it by, offline
// (docker is a fake HostCommand).
import { expect } from 'chai';
import { InputError } from '../../../lib/errors.js';
import type { CommandResult, HostCommand } from '../../../lib/host/command.js';
import {
  imageVersionFrom,
  parseKindVersionFile,
  parseKubeletVersion,
  readImageVersion,
} from '../../../lib/certify/image-version.js';
import { certifyTargetFor, knownMinors } from '../../../lib/certify/known.js';

const ok = (stdout: string, command = 'docker'): CommandResult => ({ exitCode: 0, stdout, stderr: '', command });

/** docker run --entrypoint E IMG ARGS…: answers from a table by entrypoint. */
function fakeDocker(answers: Record<string, CommandResult>): { run: HostCommand; calls: string[][] } {
  const calls: string[][] = [];
  const run: HostCommand = async (_file, args) => {
    calls.push(args);
    const entry = args[args.indexOf('--entrypoint') + 1] ?? '';
    return answers[entry] ?? { exitCode: 125, stdout: '', stderr: 'Unable to find image', command: 'docker' };
  };
  return { run, calls };
}

describe('certify: the Kubernetes version of a node image', () => {
  it('reads /kind/version and kubelet --version', () => {
    expect(parseKindVersionFile('v1.36.3\n')).to.equal('v1.36.3');
    expect(parseKindVersionFile('v1.37.0-rc.1')).to.equal('v1.37.0-rc.1');
    expect(parseKindVersionFile('not a version')).to.equal(undefined);
    expect(parseKubeletVersion('Kubernetes v1.35.8\n')).to.equal('v1.35.8');
    expect(parseKubeletVersion('kubelet: command not found')).to.equal(undefined);
  });

  it('takes the version both sources name, with its minor', () => {
    const v = imageVersionFrom('me/node:x', 'v1.36.3\n', 'Kubernetes v1.36.3');
    expect(v).to.include({
      version: 'v1.36.3',
      minor: '1.36',
      kindVersionFile: 'v1.36.3',
      kubeletVersion: 'Kubernetes v1.36.3',
    });
  });

  it('refuses an image whose /kind/version and kubelet disagree (a retagged or half-rebuilt image)', () => {
    expect(() => imageVersionFrom('me/node:v1.36.3', 'v1.36.3', 'Kubernetes v1.35.8'))
      .to.throw(InputError)
      .with.property('message')
      .that.contains('/kind/version says v1.36.3 but its kubelet is v1.35.8');
  });

  it('refuses an image without /kind/version or without a kubelet that says its version', () => {
    expect(() => imageVersionFrom('busybox', '', 'Kubernetes v1.35.8')).to.throw(
      InputError,
      /\/kind\/version reads ""/,
    );
    expect(() => imageVersionFrom('x', 'v1.35.8', 'sh: kubelet: not found')).to.throw(
      InputError,
      /kubelet --version printed/,
    );
  });

  it('reads both from the image itself with docker run, no network', async () => {
    const { run, calls } = fakeDocker({ cat: ok('v1.37.2\n'), '/usr/bin/kubelet': ok('Kubernetes v1.37.2') });
    const v = await readImageVersion('inplace-e2e/node:v1.37.2', run);
    expect(v.version).to.equal('v1.37.2');
    expect(calls[0]).to.deep.equal([
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'cat',
      'inplace-e2e/node:v1.37.2',
      '/kind/version',
    ]);
    expect(calls[1]).to.include('--version');
  });

  it('says which image could not be read when docker cannot run it', async () => {
    const { run } = fakeDocker({});
    try {
      await readImageVersion('nope/node:v9', run);
      expect.fail('no error');
    } catch (e) {
      expect((e as Error).message).to.contain('cannot read the Kubernetes version of nope/node:v9');
    }
  });
});

describe('certify: the minors it knows', () => {
  it('knows 1.35, 1.36 and 1.37, each with a catalogue profile and a gate-off control', () => {
    expect(knownMinors()).to.deep.equal(['1.35', '1.36', '1.37']);
    const v135 = certifyTargetFor('i', imageVersionFrom('i', 'v1.35.8', 'Kubernetes v1.35.8'));
    expect(v135.profile).to.equal('1.35-gates-on');
    expect(v135.control).to.deep.equal({ profile: '1.35-gates-off' });
    const v136 = certifyTargetFor('i', imageVersionFrom('i', 'v1.36.3', 'Kubernetes v1.36.3'));
    expect(v136.profile).to.equal('1.36-defaults');
    expect(v136.control).to.deep.equal({ profile: '1.36-gates-off' });
    const v137 = certifyTargetFor('i', imageVersionFrom('i', 'v1.37.2', 'Kubernetes v1.37.2'));
    expect(v137.profile).to.equal('1.37-defaults');
    expect(v137.control).to.deep.equal({ profile: '1.37-gates-off' });
  });

  it('refuses an unknown minor as bad input (exit 2), naming the minors it knows', () => {
    const v = imageVersionFrom('me/node:v1.34.2', 'v1.34.2', 'Kubernetes v1.34.2');
    try {
      certifyTargetFor('me/node:v1.34.2', v);
      expect.fail('no error');
    } catch (e) {
      expect(e).to.be.instanceOf(InputError);
      const err = e as InputError;
      expect(err.summary).to.equal(
        'certify has no profile or reference for Kubernetes 1.34 (me/node:v1.34.2 is v1.34.2); it knows 1.35, 1.36, 1.37',
      );
      expect(err.problems[0]?.expected).to.contain('1.35, 1.36, 1.37');
    }
  });
});
