// `inplace-e2e validate`: every input file checked offline in one pass, whatever it is: suites (schema,
// names, pods, restart rules against the API servers the scenarios can meet), plain Kubernetes manifests
// (Pods and workload pod templates, as the API server of the minor in play would judge them) and cluster
// profiles (schema, gates the version can start with).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type InputProblem } from '../errors.js';
import { GateRefusalError } from '../gates/index.js';
import { defaultsTarget, tableTargets, type ApiTarget } from '../manifest/api-target.js';
import { loadProfile } from '../profiles/load.js';
import type { ClusterProfile } from '../profiles/types.js';
import { loadSuites } from '../suite/load.js';
import { shippedSuiteFile, shippedSuiteNames } from '../suite/shipped.js';
import { checkManifestFile, isManifestKind } from './manifest-file.js';

export interface ValidateOptions {
  /** Base for relative paths and for how paths are shown; default process.cwd(). */
  cwd?: string;
  /** `--kubernetes`: check against this minor (manifests: at its default gates; suites: gates as each scenario requires). */
  kubernetes?: string;
  /** `--profile`: check against this profile's Kubernetes minor and kube-apiserver gates. */
  profile?: ClusterProfile;
  /** Manifests without --kubernetes or --profile are checked against this profile (the run default). */
  defaultProfile: () => Promise<ClusterProfile>;
}

export interface ValidatedFile {
  file: string;
  what: 'suite' | 'manifests' | 'profile';
  /** One line: what was found in it. */
  summary: string;
  warnings: InputProblem[];
}

export interface Validation {
  files: ValidatedFile[];
  /** Every problem of every file; empty when all passed. */
  problems: InputProblem[];
}

type FileKind = 'suite' | 'manifests' | 'profile' | 'other';

/** What a YAML file holds, from its top-level kind lines (a manifest file may hold several documents). */
function classify(text: string): FileKind {
  const kinds = [...text.matchAll(/^kind:\s*["']?([A-Za-z]+)/gm)].map((m) => m[1] as string);
  if (kinds.some(isManifestKind)) return 'manifests';
  if (kinds[0] === 'ClusterProfile') return 'profile';
  if (kinds.length === 0 || kinds[0] === 'Suite') return 'suite';
  return 'other';
}

const profileTarget = (p: ClusterProfile): ApiTarget => ({
  minor: p.minor,
  gates: { ...p.clusterGates.effective },
  label: `${p.minor} (profile ${p.name})`,
});

export async function validateInputs(paths: string[], options: ValidateOptions): Promise<Validation> {
  const cwd = options.cwd ?? process.cwd();
  const display = (file: string) => {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  const problems: InputProblem[] = [];
  const files: ValidatedFile[] = [];
  const found: Array<{ file: string; kind: FileKind }> = [];
  const add = async (file: string, inDirectory: boolean) => {
    const kind = classify(await readFile(file, 'utf8'));
    if (kind === 'other' && inDirectory) return false;
    found.push({ file, kind: kind === 'other' ? 'suite' : kind });
    return true;
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isFile()) await add(abs, false);
    else if (st?.isDirectory()) {
      let any = false;
      for (const entry of (await readdir(abs)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
        const file = path.join(abs, entry);
        if ((await stat(file)).isFile() && (await add(file, true))) any = true;
      }
      if (!any)
        problems.push({
          file: p,
          line: 0,
          column: 0,
          path: '',
          found: 'a directory without suites, manifests or profiles',
          expected: 'YAML files to check',
        });
    } else if (shippedSuiteNames().includes(p)) found.push({ file: shippedSuiteFile(p), kind: 'suite' });
    else
      problems.push({
        file: p,
        line: 0,
        column: 0,
        path: '',
        found: 'no such file, directory or shipped suite',
        expected: `a suite, a Kubernetes manifest or a profile file, a directory of them, or a shipped suite: ${shippedSuiteNames().join(', ')}`,
      });
  }

  // Suites: all at once (suite names must be unique among them).
  const suiteFiles = found.filter((f) => f.kind === 'suite').map((f) => f.file);
  if (suiteFiles.length) {
    const api = options.profile
      ? [profileTarget(options.profile)]
      : options.kubernetes
        ? [{ minor: options.kubernetes, gates: {}, label: options.kubernetes }]
        : tableTargets();
    try {
      for (const s of await loadSuites(suiteFiles, { cwd, api })) {
        const confirmed = s.scenarios.filter((x) => (x.predictedRejections ?? []).length > 0).length;
        files.push({
          file: s.file,
          what: 'suite',
          summary: `suite ${s.suite.name}, ${s.scenarios.length} scenario(s)${confirmed ? `; ${confirmed} expected rejection(s) predicted offline alike` : ''}`,
          warnings: s.warnings,
        });
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }

  const manifestFiles = found.filter((f) => f.kind === 'manifests');
  if (manifestFiles.length) {
    const target = options.profile
      ? profileTarget(options.profile)
      : options.kubernetes
        ? defaultsTarget(options.kubernetes)
        : profileTarget(await options.defaultProfile());
    for (const { file } of manifestFiles) {
      const r = await checkManifestFile(file, display(file), [target]);
      problems.push(...r.errors);
      if (r.errors.length) continue;
      const objects = r.objects.map((o) => `${o.kind}/${o.name}`).join(', ');
      const skipped = r.skipped.length ? `; not checked: ${r.skipped.join(', ')}` : '';
      files.push({
        file: r.file,
        what: 'manifests',
        summary: `${r.objects.length} object(s) (${objects}) pass Kubernetes ${target.label}${skipped}`,
        warnings: r.warnings,
      });
    }
  }

  for (const { file } of found.filter((f) => f.kind === 'profile')) {
    try {
      const p = await loadProfile(file);
      files.push({
        file: display(file),
        what: 'profile',
        summary: `profile ${p.name}, Kubernetes ${p.kubernetesVersion}, ${p.nodes.length} node(s)`,
        warnings: [],
      });
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else if (e instanceof GateRefusalError)
        problems.push({
          file: display(file),
          line: 0,
          column: 0,
          path: '/featureGates',
          found: e.message,
          expected: 'gates the version can start with',
        });
      else throw e;
    }
  }
  return { files, problems };
}
