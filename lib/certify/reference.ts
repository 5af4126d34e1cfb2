// The reference comparison: an image's verdicts against the reference of its minor, scenario by scenario
// and check by check. Pure. Differences are reported beside pass/fail, never instead of it: an image can
// pass and still behave differently from this project's build of the same minor (or fail the same way).
import type { RunReport } from '../report/types.js';
import type { Verdict } from '../verdict/types.js';
import type { Difference, ImageVerdicts, Reference, RunFacts, ScenarioFact } from './types.js';

export function scenarioFact(v: Verdict): ScenarioFact {
  const checks: ScenarioFact['checks'] = {};
  for (const c of v.checks)
    checks[c.check] = { passed: c.passed, observed: c.observed, ...(c.soft ? { soft: true } : {}) };
  return {
    suite: v.suite,
    scenario: v.scenario,
    ...(v.id ? { id: v.id } : {}),
    status: v.status,
    ...(v.skipReason ? { skipReason: v.skipReason } : {}),
    checks,
  };
}

export function runFacts(profile: string, end: RunFacts['end'], report: RunReport): RunFacts {
  return {
    profile,
    end,
    ...(report.error ? { error: `${report.error.stage}: ${report.error.message}` } : {}),
    scenarios: report.verdicts.map(scenarioFact),
  };
}

/** "R18" when the scenario has an id, else "suite/scenario". */
export function subjectOf(s: Pick<ScenarioFact, 'suite' | 'scenario' | 'id'>): string {
  return s.id ?? `${s.suite}/${s.scenario}`;
}

const short = (text: string, n = 140) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function compareRun(part: 'harness' | 'control', mine: RunFacts, ref: RunFacts): Difference[] {
  const out: Difference[] = [];
  if (mine.error !== ref.error && (mine.error || ref.error)) {
    out.push({
      part,
      subject: '(run)',
      what: mine.error
        ? `the run ended early here (${mine.error}); the reference ran to the end`
        : `the reference run ended early (${ref.error}); this one ran to the end`,
    });
  }
  const key = (s: ScenarioFact) => `${s.suite}/${s.scenario}`;
  const refByKey = new Map(ref.scenarios.map((s) => [key(s), s]));
  for (const s of mine.scenarios) {
    const r = refByKey.get(key(s));
    const subject = subjectOf(s);
    if (!r) {
      out.push({ part, subject, what: `not in the reference (a scenario added since it was made): ${s.status} here` });
      continue;
    }
    refByKey.delete(key(s));
    if (s.status !== r.status) {
      const why = (x: ScenarioFact) => (x.status === 'skipped' && x.skipReason ? ` (${short(x.skipReason, 100)})` : '');
      out.push({ part, subject, what: `${r.status} in the reference${why(r)}, ${s.status} here${why(s)}` });
    }
    for (const [name, c] of Object.entries(s.checks)) {
      const rc = r.checks[name];
      if (!rc) {
        if (r.status !== 'skipped')
          out.push({
            part,
            subject,
            what: `check ${name} is not in the reference; here it ${c.passed ? 'passed' : 'failed'} (${short(c.observed)})`,
          });
        continue;
      }
      if (rc.passed !== c.passed) {
        out.push({
          part,
          subject,
          what: `${name}: ${rc.passed ? 'passed' : 'failed'} in the reference (observed ${short(rc.observed)}), ${c.passed ? 'passes' : 'fails'} here (observed ${short(c.observed)})`,
        });
      }
    }
    for (const name of Object.keys(r.checks)) {
      if (!(name in s.checks) && s.status !== 'skipped') {
        out.push({
          part,
          subject,
          what: `${name}: checked in the reference (observed ${short(r.checks[name]!.observed)}), not checked here`,
        });
      }
    }
  }
  for (const r of refByKey.values())
    out.push({
      part,
      subject: subjectOf(r),
      what: `in the reference (${r.status}) but not run here (a scenario removed or renamed)`,
    });
  return out;
}

function compareUpstream(mine: ImageVerdicts['upstream'], ref: ImageVerdicts['upstream']): Difference[] {
  if (!mine && !ref) return [];
  if (!mine)
    return [{ part: 'upstream', subject: '(e2e.test)', what: "upstream's tests ran for the reference, not here" }];
  if (!ref)
    return [{ part: 'upstream', subject: '(e2e.test)', what: "upstream's tests ran here, not for the reference" }];
  const out: Difference[] = [];
  const refByName = new Map(ref.specs.map((s) => [s.name, s]));
  for (const s of mine.specs) {
    const r = refByName.get(s.name);
    refByName.delete(s.name);
    if (!r) out.push({ part: 'upstream', subject: s.name, what: `not run for the reference; ${s.state} here` });
    else if (r.state !== s.state)
      out.push({
        part: 'upstream',
        subject: s.name,
        what: `${r.state} in the reference, ${s.state} here${s.failure ? ` (${short(s.failure)})` : ''}`,
      });
  }
  for (const r of refByName.values())
    out.push({ part: 'upstream', subject: r.name, what: `${r.state} in the reference, not run here` });
  return out;
}

/** Every difference of an image's verdicts from its minor's reference. Pure. */
export function compareToReference(mine: ImageVerdicts, ref: Reference): Difference[] {
  return [
    ...compareRun('harness', mine.harness, ref.verdicts.harness),
    ...compareRun('control', mine.control, ref.verdicts.control),
    ...compareUpstream(mine.upstream, ref.verdicts.upstream),
  ];
}

/** "differs from the 1.36 reference on R18: lastState.trigger: passed in the reference (…), fails here (…)". */
export function formatDifference(minor: string, d: Difference): string {
  const part = d.part === 'harness' ? '' : d.part === 'control' ? ' (gate-off control)' : ' (upstream e2e.test)';
  return `differs from the ${minor} reference on ${d.subject}${part}: ${d.what}`;
}

/** Reads a reference file's JSON, refusing anything that is not one (of the minor asked for). */
export function parseReference(text: string, file: string, minor?: string): Reference {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`, { cause: e });
  }
  const r = doc as Partial<Reference>;
  if (
    r.kind !== 'inplace-e2e-certify-reference' ||
    r.schemaVersion !== 1 ||
    !r.verdicts ||
    typeof r.minor !== 'string'
  ) {
    throw new Error(`${file}: not a certify reference (kind inplace-e2e-certify-reference, schemaVersion 1)`);
  }
  if (minor !== undefined && r.minor !== minor) throw new Error(`${file}: a reference for ${r.minor}, not ${minor}`);
  return r as Reference;
}

export function makeReference(
  verdicts: ImageVerdicts,
  imageId: string,
  tool: { name: string; version: string },
  at: Date,
): Reference {
  return {
    kind: 'inplace-e2e-certify-reference',
    schemaVersion: 1,
    minor: verdicts.minor,
    generatedBy: tool,
    generatedAt: at.toISOString(),
    source: { image: verdicts.image, imageId },
    verdicts,
  };
}
