// The inplace-e2e command: parses, dispatches, and maps every error kind to its exit code
// (0 passed, 1 scenario failures, 2 bad input, 3 environment or preflight failure).
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { cleanupHarnessClusters } from '../cluster/session.js';
import { EnvironmentError, errorText, formatProblem, InputError } from '../errors.js';
import { GateRefusalError } from '../gates/resolve.js';
import { detectHost } from '../host/facts.js';
import { buildNodeImage } from '../nodeimage/index.js';
import { DEFAULT_PROFILE, listShippedProfiles, loadProfile } from '../profiles/load.js';
import { formatPlan, planCluster } from '../profiles/plan.js';
import { readBenchReport } from '../bench/read.js';
import { certify } from '../certify/run.js';
import { verifyBundle } from '../certify/bundle.js';
import { runBench } from '../bench/run.js';
import { htmlFromFiles } from '../report/from-files.js';
import { writeBenchFiles } from '../bench/write.js';
import type { Output } from '../runner/options.js';
import { runSuites } from '../runner/run.js';
import { toolVersion } from '../package.js';
import { loadSuites } from '../suite/load.js';
import { shippedSuitesDir } from '../suite/shipped.js';
import { validateInputs } from '../validate/index.js';
import { parseCli, UsageError, USAGE, type CliCommand } from './args.js';
import { EXIT } from './exit-codes.js';

const stdout: Output = { line: (t) => process.stdout.write(`${t}\n`) };

export async function main(argv: string[], out: Output = stdout, err: Output = { line: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  try {
    return await dispatch(parseCli(argv), out);
  } catch (e) {
    return reportError(e, err);
  }
}

async function dispatch(cmd: CliCommand, out: Output): Promise<number> {
  switch (cmd.command) {
    case 'help':
      out.line(USAGE[cmd.topic ?? 'main'] ?? USAGE.main ?? '');
      return EXIT.passed;
    case 'version':
      out.line(toolVersion().version);
      return EXIT.passed;
    case 'validate': {
      const result = await validateInputs(cmd.suites.length > 0 ? cmd.suites : [shippedSuitesDir()], {
        ...(cmd.kubernetes ? { kubernetes: cmd.kubernetes } : {}),
        ...(cmd.profile ? { profile: await loadProfile(cmd.profile) } : {}),
        defaultProfile: () => loadProfile(DEFAULT_PROFILE),
      });
      for (const f of result.files) {
        for (const w of f.warnings) out.line(`warning: ${formatProblem(w)}`);
        out.line(`ok ${f.file}: ${f.summary}`);
      }
      if (result.problems.length) throw new InputError(result.problems);
      return EXIT.passed;
    }
    case 'plan': {
      const profile = await loadProfile(cmd.profile);
      const nodeImage = cmd.nodeImage ?? (cmd.localImage ? profile.localImage : undefined);
      const plan = planCluster(profile, await detectHost(), nodeImage ? { nodeImage } : {});
      out.line(formatPlan(plan));
      const suites = await loadSuites(cmd.suites.length > 0 ? cmd.suites : [shippedSuitesDir()]);
      for (const s of suites) {
        for (const sc of s.scenarios) {
          out.line(`--- # ${s.suite.name} / ${sc.scenario.id ?? ''} ${sc.scenario.name}: the manifest exactly as sent (namespace added per scenario)`);
          out.line(stringify(sc.job?.manifest ?? sc.pod).trimEnd());
        }
      }
      return EXIT.passed;
    }
    case 'profiles': {
      for (const name of await listShippedProfiles()) {
        const p = await loadProfile(name);
        const gates = Object.entries(p.featureGates).map(([g, v]) => `${g}=${v}`).join(',') || 'version defaults';
        out.line(`${name.padEnd(18)} Kubernetes ${p.kubernetesVersion.padEnd(8)} nodes ${p.nodes.length}  gates ${gates}  — ${p.description}`);
      }
      return EXIT.passed;
    }
    case 'cleanup': {
      const r = await cleanupHarnessClusters({ log: out.line, dryRun: cmd.dryRun });
      out.line(
        `cleanup: deleted ${r.deleted.length} cluster(s)${r.failed.length ? `, ${r.failed.length} failed: ${r.failed.map((f) => `${f.name} (${f.error})`).join('; ')}` : ''}`,
      );
      for (const name of r.prefixOnly) out.line(`left alone: ${name} (named like a harness cluster, but no ownership record: not ours to delete)`);
      for (const name of r.busy) out.line(`left alone: ${name} (a running inplace-e2e process uses it)`);
      return r.failed.length > 0 ? EXIT.environment : EXIT.passed;
    }
    case 'node-image-build': {
      const result = await buildNodeImage({
        kubernetesVersion: cmd.kubernetes,
        ...(cmd.moduleVersion ? { kubernetesModuleVersion: cmd.moduleVersion } : {}),
        ...(cmd.tag ? { imageTag: cmd.tag } : {}),
        log: out.line,
        progress: {
          verbose: cmd.verbose,
          githubGroups: process.env.GITHUB_ACTIONS === 'true',
          // One live line on a terminal (redrawn in place); none when the output is a file or a CI log.
          ...(process.stdout.isTTY && process.env.TERM !== 'dumb' ? { status: (text: string) => process.stdout.write(`\r\u001b[2K${text}`) } : {}),
        },
      });
      out.line(`node image: ${result.image}`);
      out.line(`scenario image: ${result.busyboxImage}`);
      for (const s of result.stages) out.line(`  ${s.name.padEnd(24)} ${s.cached ? 'cached' : 'built '} ${s.seconds.toFixed(1)}s`);
      return EXIT.passed;
    }
    case 'report-html': {
      const { html, scenarios } = await htmlFromFiles(cmd.files, { suites: cmd.suites });
      await writeFile(cmd.out, html);
      const count = (s: string) => scenarios.filter((x) => (x.verdict?.status ?? 'recorded') === s).length;
      const declared = count('expected-failure') ? `, ${count('expected-failure')} failed as declared` : '';
      out.line(`wrote ${cmd.out}: ${scenarios.length} scenario(s): ${count('passed')} passed, ${count('failed')} failed${declared}, ${count('skipped')} skipped, ${count('recorded')} recorded (not judged)`);
      return EXIT.passed;
    }
    case 'run': {
      const { command: _command, ...options } = cmd;
      return EXIT[(await runSuites({ ...options, crashExitCode: EXIT.environment }, out)).end];
    }
    case 'certify': {
      const { command: _command, ...options } = cmd;
      return EXIT[(await certify({ ...options, crashExitCode: EXIT.environment }, out)).end];
    }
    case 'certify-verify': {
      let check;
      try {
        check = await verifyBundle(cmd.bundle);
      } catch (e) {
        out.line(`certify verify: ${cmd.bundle} is not a readable bundle: ${errorText(e)}`);
        return EXIT.failures;
      }
      if (check.summary) out.line(check.summary.trimEnd());
      out.line('');
      if (!check.ok) {
        out.line(`certify verify: ${cmd.bundle} FAILED (${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}):`);
        for (const p of check.problems) out.line(`  ${p}`);
        return EXIT.failures;
      }
      out.line(`certify verify: ${cmd.bundle} ok: ${check.files} files, every one listed in SHA256SUMS with a matching sha256; layout complete`);
      return EXIT.passed;
    }
    case 'bench-report': {
      const reports = await Promise.all(cmd.reports.map(readBenchReport));
      const files = await writeBenchFiles(reports, cmd.reportDir, { json: false });
      out.line(`bench report: ${reports.map((r) => r.cluster.kubernetesVersion).join(', ')} → ${[files.markdown, files.html, ...files.svgs].join(', ')}`);
      return EXIT.passed;
    }
    case 'bench': {
      const { command: _command, maxPods: _maxPods, ...options } = cmd;
      const outcome = await runBench({ ...options, crashExitCode: EXIT.environment }, out);
      if (outcome.failedReps > 0) out.line(`bench: ${outcome.failedReps} repetition(s) did not complete (see the report); exit 1`);
      return outcome.failedReps > 0 ? EXIT.failures : EXIT.passed;
    }
  }
}

function reportError(e: unknown, err: Output): number {
  if (e instanceof UsageError) {
    err.line(`error: ${e.message}`);
    err.line('');
    err.line(e.usage);
    return EXIT.input;
  }
  if (e instanceof InputError) {
    err.line(`error: ${e.summary ?? `invalid input (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'})`}; nothing touched a cluster`);
    for (const p of e.problems) err.line(`  ${formatProblem(p)}`);
    if (e.hint) err.line(`  hint: ${e.hint}`);
    return EXIT.input;
  }
  if (e instanceof GateRefusalError) {
    err.line('error: the profile asks for feature gates the Kubernetes version cannot start with; nothing was created');
    for (const line of e.message.split('\n')) err.line(`  ${line}`);
    return EXIT.input;
  }
  if (e instanceof EnvironmentError) {
    err.line(`error: ${e.message}`);
    return EXIT.environment;
  }
  err.line(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return EXIT.environment;
}
