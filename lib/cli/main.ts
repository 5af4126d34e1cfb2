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
import { shippedSuiteNames, shippedSuitesDir } from '../suite/shipped.js';
import { validateInputs } from '../validate/index.js';
import { listRun, type ProfileListing } from '../runner/list.js';
import { setupForRun, type SetupOptions } from '../setup/index.js';
import { githubAnnotation } from './annotations.js';
import { parseCli, UsageError, USAGE, type CliCommand, type CliEnv } from './args.js';
import { colorWanted, paint, type Paint } from './color.js';
import { completionScript } from './completion.js';
import { EXIT } from './exit-codes.js';

const stdout: Output = { line: (t) => process.stdout.write(`${t}\n`) };

/** What the command reads from its surroundings besides argv; tests give their own. */
export interface CliContext extends CliEnv {
  NO_COLOR?: string | undefined;
  FORCE_COLOR?: string | undefined;
  TERM?: string | undefined;
  /** Whether standard output is a terminal (colour, the live status line). */
  isTTY?: boolean;
}

export async function main(
  argv: string[],
  out: Output = stdout,
  err: Output = { line: (t) => process.stderr.write(`${t}\n`) },
  context: CliContext = { ...process.env, isTTY: Boolean(process.stdout.isTTY) },
): Promise<number> {
  const color = colorWanted({ argv, env: context, isTTY: context.isTTY ?? false });
  try {
    return await dispatch(parseCli(argv, context), out, { err, color, paint: paint(color), context });
  } catch (e) {
    return reportError(e, err, paint(color));
  }
}

interface Console {
  /** Standard error: what must stay out of a JSON document on standard output. */
  err: Output;
  color: boolean;
  paint: Paint;
  context: CliContext;
}

async function dispatch(cmd: CliCommand, out: Output, con: Console): Promise<number> {
  const { paint: p } = con;
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
      if (cmd.annotations) {
        // The Actions runner reads workflow commands from both streams: with -o json they keep off stdout.
        const to = cmd.output === 'json' ? con.err : out;
        for (const f of result.files) for (const w of f.warnings) to.line(githubAnnotation('warning', w));
        for (const problem of result.problems) to.line(githubAnnotation('error', problem));
      }
      if (cmd.output === 'json') {
        out.line(
          JSON.stringify({ ok: result.problems.length === 0, files: result.files, problems: result.problems }, null, 2),
        );
        return result.problems.length ? EXIT.input : EXIT.passed;
      }
      for (const f of result.files) {
        for (const w of f.warnings) out.line(`${p.yellow('warning:')} ${formatProblem(w)}`);
        out.line(`${p.green('ok')} ${f.file}: ${f.summary}`);
      }
      if (result.problems.length) throw new InputError(result.problems);
      return EXIT.passed;
    }
    case 'plan': {
      const profile = await loadProfile(cmd.profile);
      const nodeImage = cmd.nodeImage ?? (cmd.localImage ? profile.localImage : undefined);
      const plan = planCluster(profile, await detectHost(), nodeImage ? { nodeImage } : {});
      const suites = await loadSuites(cmd.suites.length > 0 ? cmd.suites : [shippedSuitesDir()]);
      if (cmd.output === 'json') {
        const { profile: _profile, kind, ...rest } = plan;
        const manifests = suites.flatMap((s) =>
          s.scenarios.map((sc) => ({
            suite: s.suite.name,
            id: sc.scenario.id,
            scenario: sc.scenario.name,
            pod: sc.pod,
          })),
        );
        out.line(
          JSON.stringify(
            {
              profile: { name: profile.name, kubernetesVersion: profile.kubernetesVersion },
              kindConfig: kind.yaml,
              ...rest,
              manifests,
            },
            null,
            2,
          ),
        );
        return EXIT.passed;
      }
      out.line(formatPlan(plan));
      for (const s of suites) {
        for (const sc of s.scenarios) {
          out.line(
            `--- # ${s.suite.name} / ${sc.scenario.id ?? ''} ${sc.scenario.name}: the manifest exactly as sent (namespace added per scenario)`,
          );
          out.line(stringify(sc.job?.manifest ?? sc.pod).trimEnd());
        }
      }
      return EXIT.passed;
    }
    case 'profiles': {
      const names = await listShippedProfiles();
      if (cmd.output === 'json') {
        const profiles = await Promise.all(names.map(loadProfile));
        out.line(
          JSON.stringify(
            profiles.map((x, i) => ({
              name: names[i],
              kubernetesVersion: x.kubernetesVersion,
              nodes: x.nodes.length,
              featureGates: x.featureGates,
              description: x.description,
            })),
            null,
            2,
          ),
        );
        return EXIT.passed;
      }
      for (const name of names) {
        const p = await loadProfile(name);
        const gates =
          Object.entries(p.featureGates)
            .map(([g, v]) => `${g}=${v}`)
            .join(',') || 'version defaults';
        out.line(
          `${name.padEnd(18)} Kubernetes ${p.kubernetesVersion.padEnd(8)} nodes ${p.nodes.length}  gates ${gates}  — ${p.description}`,
        );
      }
      return EXIT.passed;
    }
    case 'cleanup': {
      const r = await cleanupHarnessClusters({
        log: out.line,
        dryRun: cmd.dryRun,
        ...(cmd.names.length > 0 ? { names: cmd.names } : {}),
      });
      out.line(
        `cleanup: deleted ${r.deleted.length} cluster(s)${r.failed.length ? `, ${r.failed.length} failed: ${r.failed.map((f) => `${f.name} (${f.error})`).join('; ')}` : ''}`,
      );
      for (const name of r.prefixOnly)
        out.line(`left alone: ${name} (named like a harness cluster, but no ownership record: not ours to delete)`);
      for (const name of r.busy) out.line(`left alone: ${name} (a running inplace-e2e process uses it)`);
      for (const name of r.unknown)
        out.line(
          `cleanup: no cluster or record of this harness is named ${name} (inplace-e2e cleanup --dry-run lists them)`,
        );
      if (r.failed.length > 0) return EXIT.environment;
      return r.unknown.length > 0 ? EXIT.input : EXIT.passed;
    }
    case 'node-image-build': {
      const result = await buildNodeImage({
        kubernetesVersion: cmd.kubernetes,
        ...(cmd.moduleVersion ? { kubernetesModuleVersion: cmd.moduleVersion } : {}),
        ...(cmd.tag ? { imageTag: cmd.tag } : {}),
        log: out.line,
        progress: buildProgress(cmd.verbose, con),
      });
      out.line(`node image: ${result.image}`);
      out.line(`scenario image: ${result.busyboxImage}`);
      for (const s of result.stages)
        out.line(`  ${s.name.padEnd(24)} ${s.cached ? 'cached' : 'built '} ${s.seconds.toFixed(1)}s`);
      return EXIT.passed;
    }
    case 'report-html': {
      const { html, scenarios } = await htmlFromFiles(cmd.files, { suites: cmd.suites });
      await writeFile(cmd.out, html);
      const count = (s: string) => scenarios.filter((x) => (x.verdict?.status ?? 'recorded') === s).length;
      const declared = count('expected-failure') ? `, ${count('expected-failure')} failed as declared` : '';
      out.line(
        `wrote ${cmd.out}: ${scenarios.length} scenario(s): ${count('passed')} passed, ${count('failed')} failed${declared}, ${count('skipped')} skipped, ${count('recorded')} recorded (not judged)`,
      );
      return EXIT.passed;
    }
    case 'list': {
      const { command: _command, output, profiles, ...options } = cmd;
      const listings = await listRun({
        ...options,
        profiles: profiles === 'all shipped' ? await listShippedProfiles() : profiles,
      });
      if (output === 'json') out.line(JSON.stringify(listings, null, 2));
      else for (const l of listings) printListing(l, out, p);
      // As the run would: a selection with nothing to run is refused.
      return listings.some((l) => l.refused) ? EXIT.input : EXIT.passed;
    }
    case 'completion':
      out.line(completionScript(cmd.shell, { profiles: await listShippedProfiles(), suites: shippedSuiteNames() }));
      return EXIT.passed;
    case 'setup': {
      const { command: _command, verbose, ...options } = cmd;
      const result = await setupForRun({ ...options, log: out.line, buildProgress: buildProgress(verbose, con) });
      const flag = result.run.localImage ? '--local-image' : `--node-image ${result.run.nodeImage ?? ''}`;
      out.line(
        `setup: ready in ${result.seconds.toFixed(1)}s: docker ${result.docker}, kind ${result.kind.version}, node image ${result.image} (${result.imageSource})`,
      );
      out.line(`setup: run with: inplace-e2e run --profile ${cmd.profile} ${flag}`);
      return EXIT.passed;
    }
    case 'run': {
      const { command: _command, setup, ...options } = cmd;
      if (setup) {
        const prepared: SetupOptions = {
          profile: options.profile,
          localImage: options.localImage,
          ...(options.nodeImage ? { nodeImage: options.nodeImage } : {}),
          log: out.line,
          buildProgress: buildProgress(false, con),
        };
        const result = await setupForRun(prepared);
        out.line(`setup: ready in ${result.seconds.toFixed(1)}s; running with node image ${result.image}`);
        const { nodeImage: _nodeImage, ...rest } = options;
        return EXIT[
          (await runSuites({ ...rest, ...result.run, color: con.color, crashExitCode: EXIT.environment }, out)).end
        ];
      }
      return EXIT[(await runSuites({ ...options, color: con.color, crashExitCode: EXIT.environment }, out)).end];
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
        out.line(
          `certify verify: ${cmd.bundle} FAILED (${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}):`,
        );
        for (const p of check.problems) out.line(`  ${p}`);
        return EXIT.failures;
      }
      out.line(
        `certify verify: ${cmd.bundle} ok: ${check.files} files, every one listed in SHA256SUMS with a matching sha256; layout complete`,
      );
      return EXIT.passed;
    }
    case 'bench-report': {
      const reports = await Promise.all(cmd.reports.map(readBenchReport));
      const files = await writeBenchFiles(reports, cmd.reportDir, { json: false });
      out.line(
        `bench report: ${reports.map((r) => r.cluster.kubernetesVersion).join(', ')} → ${[files.markdown, files.html, ...files.svgs].join(', ')}`,
      );
      return EXIT.passed;
    }
    case 'bench': {
      const { command: _command, maxPods: _maxPods, ...options } = cmd;
      const outcome = await runBench({ ...options, crashExitCode: EXIT.environment }, out);
      if (outcome.failedReps > 0)
        out.line(`bench: ${outcome.failedReps} repetition(s) did not complete (see the report); exit 1`);
      return outcome.failedReps > 0 ? EXIT.failures : EXIT.passed;
    }
  }
}

/** How a node-image build reports here: one live line on a terminal, ::group:: folds under GitHub Actions. */
function buildProgress(verbose: boolean, con: Console): SetupOptions['buildProgress'] {
  return {
    verbose,
    githubGroups: con.context.GITHUB_ACTIONS === 'true',
    // One live line on a terminal (redrawn in place); none when the output is a file or a CI log.
    ...(con.context.isTTY && con.context.TERM !== 'dumb'
      ? { status: (text: string) => process.stdout.write(`\r\u001b[2K${text}`) }
      : {}),
  };
}

/** One profile's listing: a header with the counts, then a line per scenario. */
function printListing(l: ProfileListing, out: Output, p: Paint): void {
  const shard = l.shard ? `, shard ${l.shard.index}/${l.shard.count} (${l.shard.others} in the other shards)` : '';
  out.line(
    p.bold(
      `profile ${l.profile} (Kubernetes ${l.kubernetesVersion}): ${l.counts.run} run, ${l.counts.control} control, ${l.counts.skip} skip${shard}`,
    ),
  );
  const word = { run: p.green('run    '), control: p.cyan('control'), skip: p.yellow('skip   ') };
  for (const s of l.scenarios) {
    const control = s.control?.underivable
      ? `not run: ${s.control.underivable}`
      : `${s.control?.kind ?? 'gate-off'} control: ${s.control?.expects ?? `${(s.gates ?? []).join(', ')} off`}`;
    const why = s.action === 'skip' ? `  — ${s.reason ?? ''}` : s.action === 'control' ? `  — ${control}` : '';
    out.line(`  ${word[s.action]} ${s.suite}/${s.id ? `${s.id} ` : ''}${s.name}${why}`);
  }
  if (l.refused) out.line(`  ${p.red('refused:')} ${l.refused.message} (${l.refused.hint})`);
}

function reportError(e: unknown, err: Output, p: Paint): number {
  if (e instanceof UsageError) {
    err.line(`${p.red('error:')} ${e.message}`);
    err.line('');
    err.line(e.usage);
    return EXIT.input;
  }
  if (e instanceof InputError) {
    err.line(
      `${p.red('error:')} ${e.summary ?? `invalid input (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'})`}; nothing touched a cluster`,
    );
    for (const problem of e.problems) err.line(`  ${formatProblem(problem)}`);
    if (e.hint) err.line(`  hint: ${e.hint}`);
    return EXIT.input;
  }
  if (e instanceof GateRefusalError) {
    err.line(
      `${p.red('error:')} the profile asks for feature gates the Kubernetes version cannot start with; nothing was created`,
    );
    for (const line of e.message.split('\n')) err.line(`  ${line}`);
    return EXIT.input;
  }
  if (e instanceof EnvironmentError) {
    err.line(`${p.red('error:')} ${e.message}`);
    return EXIT.environment;
  }
  err.line(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return EXIT.environment;
}
