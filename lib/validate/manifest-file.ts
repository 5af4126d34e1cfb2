// Plain Kubernetes manifests, checked offline as the API server would: every document of a file that is a
// Pod or a workload with a pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
// PodTemplate) against the API types of the Kubernetes minor in play and its restart-rule validation.
import { readFile } from 'node:fs/promises';
import type { InputProblem } from '../errors.js';
import { restartRuleFindingsFor, type ApiTarget } from '../manifest/api-target.js';
import { loadApiModels } from '../manifest/model.js';
import { describeValue } from '../input/describe.js';
import { apiRuleProblems, checkPodWith, type ManifestFinding } from '../manifest/validate.js';
import { WORKLOAD_KINDS, workloadKind } from '../manifest/workloads.js';
import { parsePointer, parseYamlAll, problemAt, SourceMap } from '../input/yaml-source.js';
import { isObject } from '../kube/json.js';

export interface ManifestObject {
  kind: string;
  name: string;
  /** 1-based line of the object in the file. */
  line: number;
}

export interface ManifestFileResult {
  file: string;
  /** Objects checked. */
  objects: ManifestObject[];
  /** Documents of other kinds (a Service, a ConfigMap, …): not checked, named in the summary. */
  skipped: string[];
  errors: InputProblem[];
  warnings: InputProblem[];
}

const KINDS_TEXT = `${Object.entries(WORKLOAD_KINDS)
  .map(([k, w]) => `${w.apiVersion} ${k}`)
  .join(', ')}`;

/** The kinds a file must hold (some document) to be read as manifests rather than a suite. */
export function isManifestKind(kind: unknown): boolean {
  return typeof kind === 'string' && Object.hasOwn(WORKLOAD_KINDS, kind);
}

function at(value: unknown, pointer: string): unknown {
  let v = value;
  for (const seg of parsePointer(pointer)) v = isObject(v) ? v[seg] : undefined;
  return v;
}

/** Splits findings: structure and certain rejections are errors; rejections that depend on gates the target leaves open, and silent drops, are warnings. */
function sort(findings: ManifestFinding[], errors: InputProblem[], warnings: InputProblem[]) {
  for (const { rule, ...problem } of findings)
    (rule === 'api-conditional' || rule === 'api-dropped' ? warnings : errors).push(problem);
}

/**
 * Checks one manifest file. `shown` is how the file is named in messages; `targets` the API servers it must
 * pass (a profile's, or a minor's defaults).
 */
export async function checkManifestFile(
  file: string,
  shown: string,
  targets: ApiTarget[],
): Promise<ManifestFileResult> {
  const result: ManifestFileResult = { file: shown, objects: [], skipped: [], errors: [], warnings: [] };
  const map = new SourceMap();
  const docs = parseYamlAll(await readFile(file, 'utf8'), shown, map);
  const minors = [...new Set(targets.map((t) => t.minor))];
  for (const [index, doc] of docs.entries()) {
    result.errors.push(...doc.problems);
    if (doc.problems.length || doc.value === null || doc.value === undefined) continue;
    const locate = map.locator(doc.value, doc.at);
    const value = doc.value;
    const where = `document ${index + 1}`;
    if (!isObject(value)) {
      result.errors.push(
        problemAt(doc.at, '', `${where}: ${describeValue(value)}`, `a Kubernetes object (${KINDS_TEXT})`),
      );
      continue;
    }
    const kind = workloadKind(value.apiVersion, value.kind);
    const meta = isObject(value.metadata) ? value.metadata : {};
    const name =
      typeof meta.name === 'string'
        ? meta.name
        : typeof meta.generateName === 'string'
          ? `${meta.generateName}*`
          : '(unnamed)';
    if (!kind) {
      if (isManifestKind(value.kind)) {
        const expected = WORKLOAD_KINDS[value.kind as string]?.apiVersion;
        result.errors.push(
          problemAt(
            locate('/apiVersion'),
            '/apiVersion',
            describeValue(value.apiVersion),
            `"${expected}" for a ${String(value.kind)}`,
          ),
        );
      } else result.skipped.push(`${String(value.kind ?? '(no kind)')}/${name}`);
      continue;
    }
    result.objects.push({ kind: value.kind as string, name, line: doc.at.line });
    const models = await loadApiModels(kind.model);
    const structure = new Map<string, ManifestFinding>();
    for (const minor of minors)
      for (const f of checkPodWith(models, value, { locate, file: shown, minor, identity: 'object' }))
        structure.set(`${f.path} ${f.found}`, f);
    sort([...structure.values()], result.errors, result.warnings);
    if (typeof meta.name !== 'string' && typeof meta.generateName !== 'string')
      result.errors.push(
        problemAt(
          locate('/metadata'),
          '/metadata/name',
          'no "metadata.name" nor "metadata.generateName"',
          '"metadata.name: Required value: name or generateName is required" is what the API server answers',
        ),
      );
    const spec = at(value, kind.podSpec);
    if (!isObject(spec)) continue; // a missing template is a structural finding already (required keys)
    const findings = restartRuleFindingsFor(
      spec,
      { pointer: kind.podSpec, field: kind.fieldPath, operation: 'create', template: kind.podSpec !== '/spec' },
      targets,
    );
    sort(
      apiRuleProblems(findings, locate, 'pick the API server with --profile or --kubernetes'),
      result.errors,
      result.warnings,
    );
  }
  const byPosition = (a: InputProblem, b: InputProblem) => a.line - b.line || a.column - b.column;
  result.errors.sort(byPosition);
  result.warnings.sort(byPosition);
  return result;
}
