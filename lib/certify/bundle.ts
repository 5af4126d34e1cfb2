// The certification bundle: one .tar.gz a vendor can publish. Its layout (what must be in it), SHA256SUMS
// over every other file, packing a directory into it and `certify verify`: every file listed with the
// right hash, nothing unlisted, the layout complete. Hashing and checking are pure, over in-memory entries;
// tar and gzip are tar-stream (already in the dependency tree through testcontainers and client-node) and
// node:zlib.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

export const SUMS_FILE = 'SHA256SUMS';
/** The bundle's own description: harness version, images, the suites and profiles used with their sha256. */
export const MANIFEST_FILE = 'manifest.json';
/** Every image's certify result (verdicts, differences from the reference, upstream beside the harness). */
export const REPORT_FILE = 'report.json';
export const SUMMARY_FILE = 'summary.md';

/** Files every image folder has (images/<slug>/…): the two runs' reports and the node facts. */
export const IMAGE_FILES = [
  'node-facts.json',
  'harness/report.json',
  'harness/junit.xml',
  'harness/summary.md',
  'harness/report.html',
  'control/report.json',
  'control/junit.xml',
  'control/summary.md',
  'control/report.html',
] as const;

/** Upstream's results, in images/<slug>/upstream/ when e2e.test ran. */
export const UPSTREAM_FILES = ['results.json', 'junit.xml', 'ginkgo.json', 'e2e.log'] as const;

export interface BundleManifest {
  kind: 'inplace-e2e-certify-bundle';
  schemaVersion: 1;
  harness: { name: string; version: string };
  createdAt: string;
  images: Array<{ image: string; slug: string; kubernetesVersion: string; upstream: boolean }>;
  /** Files under suites/ and profiles/ in the bundle, with the sha256 of their content. */
  suites: Array<{ file: string; sha256: string }>;
  profiles: Array<{ file: string; sha256: string }>;
  references: Array<{ file: string; sha256: string }>;
}

/** A file name for an image: inplace-e2e/node:v1.35.8 → inplace-e2e_node_v1.35.8. */
export function imageSlug(image: string): string {
  return image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*/, '@$1').replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `sha256sum` format: "<hex>  <path>" per line, sorted by path. */
export function formatSums(files: Map<string, Uint8Array>): string {
  return [...files.keys()]
    .filter((p) => p !== SUMS_FILE)
    .sort()
    .map((p) => `${sha256(files.get(p)!)}  ${p}\n`)
    .join('');
}

export function parseSums(text: string): { sums: Map<string, string>; problems: string[] } {
  const sums = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) problems.push(`${SUMS_FILE}:${i + 1}: not "<sha256>  <path>": ${line.slice(0, 80)}`);
    else sums.set(m[2]!, m[1]!);
  });
  return { sums, problems };
}

/** What the layout lacks: the top-level files, and each image's files named in the manifest. */
export function layoutProblems(files: Map<string, Uint8Array>): string[] {
  const problems: string[] = [];
  for (const f of [SUMS_FILE, MANIFEST_FILE, REPORT_FILE, SUMMARY_FILE])
    if (!files.has(f)) problems.push(`missing ${f}`);
  const raw = files.get(MANIFEST_FILE);
  if (!raw) return problems;
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(Buffer.from(raw).toString('utf8')) as BundleManifest;
  } catch {
    return [...problems, `${MANIFEST_FILE} is not JSON`];
  }
  if (manifest.kind !== 'inplace-e2e-certify-bundle')
    problems.push(`${MANIFEST_FILE} is not a certify bundle manifest`);
  for (const img of manifest.images ?? []) {
    for (const f of IMAGE_FILES)
      if (!files.has(`images/${img.slug}/${f}`)) problems.push(`missing images/${img.slug}/${f} (${img.image})`);
    if (img.upstream && !files.has(`images/${img.slug}/upstream/results.json`))
      problems.push(`missing images/${img.slug}/upstream/results.json (${img.image})`);
  }
  for (const group of [manifest.suites ?? [], manifest.profiles ?? [], manifest.references ?? []]) {
    for (const { file, sha256: want } of group) {
      const data = files.get(file);
      if (!data) problems.push(`missing ${file} (named in ${MANIFEST_FILE})`);
      else if (sha256(data) !== want) problems.push(`${file}: sha256 differs from the one in ${MANIFEST_FILE}`);
    }
  }
  return problems;
}

export interface BundleCheck {
  ok: boolean;
  problems: string[];
  /** summary.md, when present. */
  summary?: string;
  manifest?: BundleManifest;
  files: number;
}

/** The integrity of a bundle's entries: SHA256SUMS covers every other file and each hash matches; the layout is complete. Pure. */
export function checkBundle(files: Map<string, Uint8Array>): BundleCheck {
  const problems: string[] = [];
  const sumsRaw = files.get(SUMS_FILE);
  if (sumsRaw) {
    const { sums, problems: bad } = parseSums(Buffer.from(sumsRaw).toString('utf8'));
    problems.push(...bad);
    for (const [p, want] of sums) {
      const data = files.get(p);
      if (!data) problems.push(`${p}: listed in ${SUMS_FILE} but missing`);
      else if (sha256(data) !== want)
        problems.push(`${p}: sha256 ${sha256(data)} does not match ${SUMS_FILE} (${want}): the file was changed`);
    }
    for (const p of files.keys())
      if (p !== SUMS_FILE && !sums.has(p))
        problems.push(`${p}: not listed in ${SUMS_FILE} (added after the bundle was made)`);
  }
  problems.push(...layoutProblems(files));
  const summary = files.get(SUMMARY_FILE);
  const manifestRaw = files.get(MANIFEST_FILE);
  let manifest: BundleManifest | undefined;
  try {
    manifest = manifestRaw ? (JSON.parse(Buffer.from(manifestRaw).toString('utf8')) as BundleManifest) : undefined;
  } catch {
    manifest = undefined;
  }
  return {
    ok: problems.length === 0,
    problems,
    ...(summary ? { summary: Buffer.from(summary).toString('utf8') } : {}),
    ...(manifest ? { manifest } : {}),
    files: files.size,
  };
}

/** Every file under a directory, by path relative to it (forward slashes), read into memory. */
export async function readTree(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) files.set(p, await readFile(path.join(dir, p)));
    }
  };
  await walk('');
  return files;
}

/**
 * Writes SHA256SUMS into `dir` and packs the directory into `out` (.tar.gz): regular files only, sorted,
 * one fixed mtime, so the same tree packs to the same bytes.
 */
export async function packBundle(dir: string, out: string, mtime: Date): Promise<{ files: number; bytes: number }> {
  const files = await readTree(dir);
  files.delete(SUMS_FILE);
  const sums = Buffer.from(formatSums(files));
  await writeFile(path.join(dir, SUMS_FILE), sums);
  files.set(SUMS_FILE, sums);
  const bytes = await writeTarGz(files, out, mtime);
  return { files: files.size, bytes };
}

/** Files into a .tar.gz as they are: sorted, regular files, one mtime. Returns the size written. */
export async function writeTarGz(files: Map<string, Uint8Array>, out: string, mtime: Date): Promise<number> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 9 }), createWriteStream(out));
  for (const p of [...files.keys()].sort()) {
    const data = files.get(p)!;
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: p, size: data.length, mode: 0o644, mtime }, Buffer.from(data), (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }
  pack.finalize();
  await written;
  return (await stat(out)).size;
}

/** A bundle's files, read into memory. Anything but regular files (links, devices) is refused. */
export async function readBundle(file: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const extract = tar.extract();
  const done = pipeline(createReadStream(file), createGunzip(), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const { name, type } = entry.header;
    if (type === 'directory') continue;
    if (type !== 'file') throw new Error(`${file}: entry ${name} is a ${type}, not a file: not a certify bundle`);
    if (name.startsWith('/') || name.split('/').includes('..'))
      throw new Error(`${file}: entry ${name} leaves the bundle`);
    files.set(name.replace(/^\.\//, ''), Buffer.concat(chunks));
  }
  await done;
  return files;
}

/** `certify verify BUNDLE`: reads and checks it. */
export async function verifyBundle(file: string): Promise<BundleCheck> {
  return checkBundle(await readBundle(file));
}
