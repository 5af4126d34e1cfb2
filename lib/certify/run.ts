// `inplace-e2e certify`: for each node image, read its Kubernetes version from the image, pick the profile
// and the gate-off control of that minor, run the shipped catalogue through lib/runner on a cluster kept for
// the next two steps (node facts from the running node, upstream's e2e.test against the same cluster), delete
// it, run the gate-off control, compare with the minor's reference, and pack everything into one bundle.
// Stages are functions with typed inputs and outputs; the CLI turns the outcome into an exit code.
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KindProvider } from '../cluster/kind-provider.js';
import { CleanupRegistry } from '../cluster/reaper.js';
import { errorText } from '../errors.js';
import { KubeClient } from '../kube/client.js';
import { packageRoot, toolVersion } from '../package.js';
import { shippedProfilesDir } from '../profiles/load.js';
import type { Output } from '../runner/options.js';
import { RUN_DEFAULTS } from '../runner/options.js';
import { runSuites, type RunOutcome } from '../runner/run.js';
import { loadSuites } from '../suite/load.js';
import { shippedSuitesDir } from '../suite/shipped.js';
import {
  imageSlug,
  MANIFEST_FILE,
  packBundle,
  REPORT_FILE,
  sha256,
  SUMMARY_FILE,
  type BundleManifest,
} from './bundle.js';
import { readImageDigest, readImageVersion, type ImageVersion } from './image-version.js';
import { certifyTargetFor, type CertifyTarget } from './known.js';
import { collectNodeFacts, type NodeFacts } from './node-facts.js';
import { compareToReference, makeReference, parseReference, runFacts } from './reference.js';
import { decide, type CertifiedImage } from './result.js';
import { buildCertifySummary } from './summary.js';
import type { Reference, RunFacts, ScenarioFact, UpstreamResults } from './types.js';
import { agreement, ensureE2eTest, harnessArea, runUpstream, stageUpstreamImages, type Area } from './upstream.js';
import { localImageExists } from '../nodeimage/docker.js';
import { SCENARIO_IMAGES } from '../runner/provision.js';

export interface CertifyOptions {
  /** Node images to judge, each on its own clusters, one after the other. */
  nodeImages: string[];
  /** The bundle to write (.tar.gz). */
  out: string;
  /** Where the bundle's files are assembled (emptied first). Default: `out` without .tar.gz. */
  workDir?: string;
  /** Build and run upstream's e2e.test beside the catalogue (default true). */
  upstream: boolean;
  /** Folder of the references (<minor>.json). Default: references/ of this package. */
  references?: string;
  /** Also write each image's verdicts as the reference of its minor into this folder. */
  writeReference?: string;
  /** Scenarios at a time. */
  parallel: number;
  crashExitCode?: number;
}

/** passed: every image certified; failures: some image was not; environment: a cluster could not be made at all. */
export interface CertifyOutcome {
  end: 'passed' | 'failures' | 'environment';
  images: CertifiedImage[];
  bundle: string;
}

export const CERTIFY_DEFAULTS = {
  out: 'certify-bundle.tar.gz',
  upstream: true,
  parallel: RUN_DEFAULTS.parallel,
} satisfies Partial<CertifyOptions>;

export function shippedReferencesDir(): string {
  return path.join(packageRoot(), 'references');
}

interface Detected {
  image: string;
  version: ImageVersion;
  target: CertifyTarget;
}

export async function certify(o: CertifyOptions, out: Output): Promise<CertifyOutcome> {
  const log = (t: string) => out.line(t);
  const createdAt = new Date();
  // ---- detect: offline on the images; an unknown minor ends here (exit 2) before any cluster ------------------
  const detected: Detected[] = [];
  for (const image of o.nodeImages) {
    const version = await readImageVersion(image);
    const target = certifyTargetFor(image, version);
    log(
      `certify: ${image}: Kubernetes ${version.version} (/kind/version ${version.kindVersionFile}, ${version.kubeletVersion}); profile ${target.profile}`,
    );
    detected.push({ image, version, target });
  }
  const areas = await shippedScenarioAreas();

  const work = path.resolve(o.workDir ?? o.out.replace(/\.tar\.gz$|\.tgz$/, '') + '.d');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const usedSuites = await copyTree(shippedSuitesDir(), path.join(work, 'suites'), 'suites');
  const usedProfiles = new Map<string, string>();
  const usedReferences: Array<{ file: string; sha256: string }> = [];

  const images: CertifiedImage[] = [];
  let environment = false;
  for (const d of detected) {
    const slug = imageSlug(d.image);
    const dir = path.join(work, 'images', slug);
    log(`certify: ==== ${d.image} (${d.version.version}) ====`);
    const imageFacts = { image: d.image, ...(await readImageDigest(d.image)) };

    // catalogue, kept for node facts and upstream
    const profileFile = await profileInBundle(d.target.profile, work, usedProfiles);
    const harness = await runSuitesOnImage(
      o,
      d,
      { profile: profileFile, name: d.target.profile, control: false },
      path.join(dir, 'harness'),
      log,
    );
    let nodeFacts: NodeFacts[] = [];
    let upstream: UpstreamResults | undefined;
    const cluster = harness.outcome.report.cluster;
    const provider = new KindProvider();
    if (cluster.created && (await provider.list()).includes(cluster.name)) {
      // The runner kept this cluster for us, so its own signal handlers are gone: ours delete it if the
      // process is interrupted or crashes during the node facts or upstream's tests (up to 30 min).
      const registry = new CleanupRegistry({ log });
      const uninstall = registry.installProcessHandlers(
        o.crashExitCode !== undefined ? { crashExitCode: o.crashExitCode } : {},
      );
      registry.register(`kind cluster ${cluster.name}`, () => provider.delete(cluster.name), {
        manual: `kind delete cluster --name ${cluster.name}`,
      });
      try {
        const kubeconfig = await provider.kubeconfig(cluster.name);
        const client = await KubeClient.fromFile(kubeconfig);
        log(`certify: node facts of ${cluster.name}`);
        nodeFacts = await collectNodeFacts((n, argv, opt) => provider.nodeExec(n, argv, opt), client);
        if (o.upstream)
          upstream = await upstreamOn(
            d.version.version,
            kubeconfig,
            path.join(dir, 'upstream'),
            (image) => provider.loadImage(cluster.name, image),
            log,
          );
      } finally {
        log(`certify: deleting ${cluster.name}`);
        await registry.runAll('node facts and upstream done');
        uninstall();
      }
    } else {
      log(
        `certify: no cluster of ${d.image} to read node facts from or run upstream's tests on (the run stopped at ${harness.outcome.report.error?.stage ?? '?'})`,
      );
    }
    await writeJson(path.join(dir, 'node-facts.json'), { image: imageFacts, nodes: nodeFacts });
    if (upstream) await writeJson(path.join(dir, 'upstream', 'results.json'), upstream);

    // gate-off control, on its own cluster
    const controlFile = await profileInBundle(d.target.control.profile, work, usedProfiles);
    const control = await runSuitesOnImage(
      o,
      d,
      { profile: controlFile, name: d.target.control.profile, control: true },
      path.join(dir, 'control'),
      log,
    );

    for (const r of [harness, control]) {
      const stage = r.outcome.report.error?.stage ?? '';
      if (r.outcome.end === 'environment' && stage !== 'cluster/preflight') environment = true;
    }
    const verdicts = {
      image: d.image,
      kubernetesVersion: d.version.version,
      minor: d.version.minor,
      harness: harness.facts,
      control: control.facts,
      ...(upstream ? { upstream } : {}),
    };
    const { certified, reasons } = decide(verdicts);
    const ref = await loadReference(o.references ?? shippedReferencesDir(), d.version.minor);
    if ('reference' in ref) {
      const file = `references/${d.version.minor}.json`;
      if (!usedReferences.some((r) => r.file === file)) {
        await mkdir(path.join(work, 'references'), { recursive: true });
        await writeFile(path.join(work, file), ref.text);
        usedReferences.push({ file, sha256: sha256(ref.text) });
      }
    }
    const areaOf = (s: ScenarioFact) => areas.get(`${s.suite}/${s.scenario}`);
    const result: CertifiedImage = {
      image: d.image,
      slug,
      version: d.version,
      imageFacts,
      verdicts,
      certified,
      reasons,
      reference:
        'reference' in ref
          ? {
              file: `references/${d.version.minor}.json`,
              minor: d.version.minor,
              image: ref.reference.source.image,
              generatedAt: ref.reference.generatedAt,
            }
          : { missing: ref.missing },
      differences: 'reference' in ref ? compareToReference(verdicts, ref.reference) : [],
      agreement: upstream ? agreement(upstream.specs, harness.facts.scenarios, areaOf) : [],
      nodeFacts,
    };
    images.push(result);
    log(`certify: ${d.image}: ${certified ? 'certified' : `NOT certified: ${reasons.join(' | ')}`}`);
    if (o.writeReference) {
      await mkdir(o.writeReference, { recursive: true });
      const file = path.join(o.writeReference, `${d.version.minor}.json`);
      await writeFile(
        file,
        `${JSON.stringify(makeReference(verdicts, imageFacts.id, toolVersion(), createdAt), null, 2)}\n`,
      );
      log(`certify: wrote the ${d.version.minor} reference to ${file}`);
    }
  }

  // ---- the bundle ---------------------------------------------------------------------------------------------
  const harnessTool = toolVersion();
  const summary = buildCertifySummary(images, { harness: harnessTool, createdAt: createdAt.toISOString() });
  await writeFile(path.join(work, SUMMARY_FILE), summary);
  await writeJson(path.join(work, REPORT_FILE), { harness: harnessTool, createdAt: createdAt.toISOString(), images });
  const manifest: BundleManifest = {
    kind: 'inplace-e2e-certify-bundle',
    schemaVersion: 1,
    harness: harnessTool,
    createdAt: createdAt.toISOString(),
    images: images.map((i) => ({
      image: i.image,
      slug: i.slug,
      kubernetesVersion: i.version.version,
      upstream: i.verdicts.upstream !== undefined,
    })),
    suites: usedSuites,
    profiles: [...usedProfiles.values()].sort().map((file) => ({ file, sha256: '' })),
    references: usedReferences,
  };
  for (const p of manifest.profiles) p.sha256 = sha256(await readFile(path.join(work, p.file)));
  await writeJson(path.join(work, MANIFEST_FILE), manifest);
  const bundle = path.resolve(o.out);
  const packed = await packBundle(work, bundle, createdAt);
  log('');
  log(summary.split('\n## ')[0]!.trim());
  log('');
  log(
    `certify: bundle ${bundle} (${packed.files} files, ${Math.round(packed.bytes / 1024)} KiB); check it with: inplace-e2e certify verify ${o.out}`,
  );
  const end = environment ? 'environment' : images.every((i) => i.certified) ? 'passed' : 'failures';
  return { end, images, bundle };
}

/** The feature area of every shipped scenario, by "suite/scenario" (the key of a ScenarioFact). */
export async function shippedScenarioAreas(): Promise<Map<string, Area | undefined>> {
  const areas = new Map<string, Area | undefined>();
  for (const s of await loadSuites([shippedSuitesDir()]))
    for (const sc of s.scenarios) areas.set(`${sc.suiteName}/${sc.scenario.name}`, harnessArea(sc.pod));
  return areas;
}

interface RunDone {
  outcome: RunOutcome;
  facts: RunFacts;
}

/**
 * Every shipped suite on the image through the runner: the catalogue (its cluster kept for node facts and
 * upstream's tests) or the gate-off control.
 */
async function runSuitesOnImage(
  o: CertifyOptions,
  d: Detected,
  run: { profile: string; name: string; control: boolean },
  reportDir: string,
  log: (t: string) => void,
): Promise<RunDone> {
  log(
    run.control
      ? `certify: gate-off control on ${run.name}`
      : `certify: catalogue (every shipped suite) on ${run.name}`,
  );
  const outcome = await runSuites(
    {
      ...RUN_DEFAULTS,
      suites: [],
      profile: run.profile,
      nodeImage: d.image,
      parallel: o.parallel,
      control: run.control,
      keep: !run.control,
      reportDir,
      ...(o.crashExitCode !== undefined ? { crashExitCode: o.crashExitCode } : {}),
    },
    { line: (t) => log(`  ${t}`) },
  );
  return { outcome, facts: runFacts(run.name, outcome.end, outcome.report) };
}

async function upstreamOn(
  version: string,
  kubeconfig: string,
  dir: string,
  loadImage: (image: string) => Promise<void>,
  log: (t: string) => void,
): Promise<UpstreamResults> {
  try {
    const binary = await ensureE2eTest(version, log);
    const images = (await localImageExists(SCENARIO_IMAGES[0]!))
      ? await stageUpstreamImages({ binary, harnessBusybox: SCENARIO_IMAGES[0]!, loadImage }, log)
      : [];
    const results = await runUpstream({ binary, version, kubeconfig, dir }, log);
    return images.length ? { ...results, images } : results;
  } catch (e) {
    return { version, focus: '', seconds: 0, specs: [], error: errorText(e) };
  }
}

/** A shipped profile copied into the bundle's profiles/; the copy is what the run reads. */
async function profileInBundle(name: string, work: string, used: Map<string, string>): Promise<string> {
  const rel = `profiles/${name}.yaml`;
  await mkdir(path.join(work, 'profiles'), { recursive: true });
  await copyFile(path.join(shippedProfilesDir(), `${name}.yaml`), path.join(work, rel));
  used.set(name, rel);
  return path.join(work, rel);
}

async function loadReference(
  dir: string,
  minor: string,
): Promise<{ reference: Reference; text: string } | { missing: string }> {
  const file = path.join(dir, `${minor}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { missing: `${file} does not exist` };
  }
  try {
    return { reference: parseReference(text, file, minor), text };
  } catch (e) {
    return { missing: errorText(e) };
  }
}

/** Copies every file under `from` into `to`; returns them as bundle paths with sha256. */
async function copyTree(from: string, to: string, prefix: string): Promise<Array<{ file: string; sha256: string }>> {
  const out: Array<{ file: string; sha256: string }> = [];
  await mkdir(to, { recursive: true });
  for (const e of (await readdir(from, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory())
      out.push(...(await copyTree(path.join(from, e.name), path.join(to, e.name), `${prefix}/${e.name}`)));
    else if (e.isFile()) {
      const data = await readFile(path.join(from, e.name));
      await writeFile(path.join(to, e.name), data);
      out.push({ file: `${prefix}/${e.name}`, sha256: sha256(data) });
    }
  }
  return out;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
