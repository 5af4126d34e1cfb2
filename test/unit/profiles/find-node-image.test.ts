// Finding the node image a run uses, against a fake Docker: what it has, what a pull does.
import { expect } from 'chai';
import { EnvironmentError } from '../../../lib/errors.js';
import { loadProfile } from '../../../lib/profiles/load.js';
import { findNodeImage, type ImageStore } from '../../../lib/profiles/node-image.js';

function docker(
  has: string[],
  pull: { pulled: boolean; why: string } = { pulled: false, why: 'no registry' },
): ImageStore & { pulls: string[] } {
  const pulls: string[] = [];
  return { pulls, has: async (image) => has.includes(image), pull: async (image) => (pulls.push(image), pull) };
}

describe('findNodeImage', () => {
  it('--node-image wins without asking Docker anything', async () => {
    const profile = await loadProfile('1.35-gates-on');
    const d = docker([]);
    expect(
      await findNodeImage(profile, { nodeImage: 'vendor/node:v1.35.3', localImage: false }, d, () => undefined),
    ).to.include({ source: 'override' });
    expect(d.pulls).to.deep.equal([]);
  });

  it('--local-image needs the offline build in Docker, and says how to build it', async () => {
    const profile = await loadProfile('1.35-gates-on');
    const local = profile.localImage as string;
    expect(await findNodeImage(profile, { localImage: true }, docker([local]), () => undefined)).to.include({
      image: local,
      source: 'local',
    });
    const missing = await findNodeImage(profile, { localImage: true }, docker([]), () => undefined).catch(
      (e: unknown) => e,
    );
    expect(missing).to.be.instanceOf(EnvironmentError);
    expect((missing as EnvironmentError).hint).to.contain('inplace-e2e node-image build --kubernetes v1.35');
  });

  it('the pin when Docker has it or can pull it', async () => {
    const profile = await loadProfile('1.35-gates-on');
    expect(
      await findNodeImage(profile, { localImage: false }, docker([profile.nodeImage]), () => undefined),
    ).to.include({ source: 'upstream' });
    const d = docker([], { pulled: true, why: '' });
    expect(await findNodeImage(profile, { localImage: false }, d, () => undefined)).to.include({ source: 'upstream' });
    expect(d.pulls).to.deep.equal([profile.nodeImage]);
  });

  it('falls back to the offline build only when the pin cannot be pulled, and says why', async () => {
    const profile = await loadProfile('1.35-gates-on');
    const local = profile.localImage as string;
    const chosen = await findNodeImage(profile, { localImage: false }, docker([local]), () => undefined);
    expect(chosen).to.include({ image: local, source: 'local' });
    expect(chosen.notes[0]).to.contain('cannot be pulled (no registry); using the offline build');
    const none = await findNodeImage(profile, { localImage: false }, docker([]), () => undefined).catch(
      (e: unknown) => e,
    );
    expect(none).to.be.instanceOf(EnvironmentError);
    expect(String((none as Error).message)).to.contain(`cannot pull node image ${profile.nodeImage}: no registry`);
  });
});
