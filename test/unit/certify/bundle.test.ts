// The bundle: its layout, SHA256SUMS, and `certify verify` accepting a bundle as written and rejecting one
// with a changed, added or missing file. Offline: temporary directories only.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  checkBundle,
  formatSums,
  IMAGE_FILES,
  imageSlug,
  MANIFEST_FILE,
  packBundle,
  readBundle,
  sha256,
  SUMS_FILE,
  verifyBundle,
  writeTarGz,
  type BundleManifest,
} from '../../../lib/certify/bundle.js';
import { main } from '../../../lib/cli/main.js';

const MTIME = new Date('2026-12-01T12:00:00Z');

/** A bundle directory with the whole layout for one image, as certify writes it. */
async function bundleDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'certify-bundle-'));
  const slug = imageSlug('inplace-e2e/node:v1.35.8');
  const put = async (rel: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  };
  const suite = 'name: core\n';
  const profile = 'name: 1.35-gates-on\n';
  await put('suites/core.yaml', suite);
  await put('profiles/1.35-gates-on.yaml', profile);
  for (const f of IMAGE_FILES) await put(`images/${slug}/${f}`, `${f} of ${slug}\n`);
  await put(`images/${slug}/upstream/results.json`, '{"specs":[]}\n');
  await put('summary.md', '# inplace-e2e certify: ✅ every image certified\n');
  await put('report.json', '{"images":[]}\n');
  const manifest: BundleManifest = {
    kind: 'inplace-e2e-certify-bundle',
    schemaVersion: 1,
    harness: { name: 'inplace-e2e', version: '0.1.0' },
    createdAt: MTIME.toISOString(),
    images: [{ image: 'inplace-e2e/node:v1.35.8', slug, kubernetesVersion: 'v1.35.8', upstream: true }],
    suites: [{ file: 'suites/core.yaml', sha256: sha256(suite) }],
    profiles: [{ file: 'profiles/1.35-gates-on.yaml', sha256: sha256(profile) }],
    references: [],
  };
  await put(MANIFEST_FILE, JSON.stringify(manifest));
  return dir;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => out.push(t) });
  return { code, out: out.join('\n') };
}

describe('certify: the bundle', () => {
  let dir: string;
  let bundle: string;
  before(async () => {
    dir = await bundleDir();
    bundle = path.join(dir, '..', `${path.basename(dir)}.tar.gz`);
    await packBundle(dir, bundle, MTIME);
  });

  it('names an image folder after the image, digest shortened', () => {
    expect(imageSlug('inplace-e2e/node:v1.35.8')).to.equal('inplace-e2e_node_v1.35.8');
    expect(imageSlug(`kindest/node:v1.36.4@sha256:${'0'.repeat(12)}${'f'.repeat(52)}`)).to.equal(
      'kindest_node_v1.36.4_000000000000',
    );
  });

  it('packs every file with SHA256SUMS covering all the others, in sha256sum format', async () => {
    const files = await readBundle(bundle);
    expect([...files.keys()]).to.include.members([
      SUMS_FILE,
      MANIFEST_FILE,
      'summary.md',
      'report.json',
      'suites/core.yaml',
      'images/inplace-e2e_node_v1.35.8/node-facts.json',
    ]);
    const sums = Buffer.from(files.get(SUMS_FILE)!).toString('utf8');
    expect(sums.trim().split('\n')).to.have.length(files.size - 1);
    expect(sums).to.contain(`${sha256('name: core\n')}  suites/core.yaml\n`);
    const withoutSums = new Map(files);
    withoutSums.delete(SUMS_FILE);
    expect(formatSums(withoutSums)).to.equal(sums);
  });

  it('packs the same tree to the same bytes', async () => {
    const again = `${bundle}.again.tar.gz`;
    await packBundle(dir, again, MTIME);
    const [a, b] = await Promise.all([readBundle(bundle), readBundle(again)]);
    expect([...a.keys()]).to.deep.equal([...b.keys()]);
  });

  it('verify accepts the bundle as written and prints its summary (exit 0)', async () => {
    const check = await verifyBundle(bundle);
    expect(check.problems).to.deep.equal([]);
    expect(check.ok).to.equal(true);
    const r = await cli('certify', 'verify', bundle);
    expect(r.code).to.equal(0, r.out);
    expect(r.out).to.contain('# inplace-e2e certify: ✅ every image certified');
    expect(r.out).to.match(/ok: \d+ files, every one listed in SHA256SUMS/);
  });

  it('verify rejects a bundle with a changed file, naming it (exit 1)', async () => {
    const files = await readBundle(bundle);
    files.set('images/inplace-e2e_node_v1.35.8/harness/junit.xml', Buffer.from('<testsuites failures="0"/>'));
    const changed = `${bundle}.changed.tar.gz`;
    await writeTarGz(files, changed, MTIME);
    const check = await verifyBundle(changed);
    expect(check.ok).to.equal(false);
    expect(check.problems).to.have.length(1);
    expect(check.problems[0]).to.match(
      /^images\/inplace-e2e_node_v1\.35\.8\/harness\/junit\.xml: sha256 [0-9a-f]{64} does not match SHA256SUMS .*the file was changed$/,
    );
    const r = await cli('certify', 'verify', changed);
    expect(r.code).to.equal(1);
    expect(r.out).to.contain('FAILED (1 problem)');
  });

  it('rejects an added file, a removed file, and a suite changed together with SHA256SUMS', () => {
    return readBundle(bundle).then((files) => {
      const added = new Map(files).set('images/extra.txt', Buffer.from('x'));
      expect(checkBundle(added).problems).to.deep.equal([
        'images/extra.txt: not listed in SHA256SUMS (added after the bundle was made)',
      ]);
      const removed = new Map(files);
      removed.delete('images/inplace-e2e_node_v1.35.8/node-facts.json');
      expect(checkBundle(removed).problems).to.deep.equal([
        'images/inplace-e2e_node_v1.35.8/node-facts.json: listed in SHA256SUMS but missing',
        'missing images/inplace-e2e_node_v1.35.8/node-facts.json (inplace-e2e/node:v1.35.8)',
      ]);
      // Rewriting SHA256SUMS hides a changed suite from the sums, not from the manifest's hashes.
      const resummed = new Map(files).set('suites/core.yaml', Buffer.from('name: core\nscenarios: []\n'));
      resummed.delete(SUMS_FILE);
      resummed.set(SUMS_FILE, Buffer.from(formatSums(resummed)));
      expect(checkBundle(resummed).problems).to.deep.equal([
        'suites/core.yaml: sha256 differs from the one in manifest.json',
      ]);
    });
  });

  it('says a file that is no bundle is not readable (exit 1)', async () => {
    const junk = path.join(dir, 'summary.md');
    const r = await cli('certify', 'verify', junk);
    expect(r.code).to.equal(1);
    expect(r.out).to.contain('is not a readable bundle');
  });
});
