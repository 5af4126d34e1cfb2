// A node-image build is a list of small stages run in order, kind-style: each has a name, a
// cache key naming its outputs, and a run step. A stage whose outputs already exist is skipped.

import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { errorText } from '../errors.js';
import type { HostCommand } from '../host/command.js';

/** Something a stage leaves behind: a file (or directory) in the cache, or a local Docker image. */
export type StageOutput =
  | { file: string }
  /** `cacheKey` is compared with the image's io.inplace-e2e.cache-key label. */
  | { image: string; cacheKey: string };

export interface StageKey {
  /** Human-readable identity of the inputs, e.g. "kubernetes v1.35.8". */
  key: string;
  /** All outputs; the stage counts as cached only when every one exists. */
  outputs: StageOutput[];
}

export interface StageContext {
  log: (line: string) => void;
  /** How programs run (default: the host's command runner); tests inject a fake. */
  run?: HostCommand;
}

export interface Stage<C extends StageContext = StageContext> {
  readonly name: string;
  /** Called right before the stage runs, so it may use what earlier stages produced. */
  cacheKey(): StageKey;
  run(ctx: C): Promise<void>;
}

export interface StageResult {
  name: string;
  seconds: number;
  cached: boolean;
}

/** Answers whether one output exists; injected so the runner is testable without Docker. */
export type OutputProbe = (output: StageOutput) => Promise<boolean>;

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** How one stage's progress is told: what the build shows and where the stage's own output goes. */
export interface StageRun {
  /** The stage runs (its outputs are missing). */
  building(): void;
  /** One line of the stage's own output (scripts, compilers). */
  log(line: string): void;
  cached(seconds: number): void;
  done(seconds: number): void;
  /** The stage failed; returns where its whole output was kept, when it was. */
  failed(seconds: number): string | undefined;
}

export interface StageReporter {
  started(name: string, key: string): StageRun;
}

/** One status line per stage on ctx.log, numbered within this call, the stage's output indented below it. */
export function lineReporter(log: (line: string) => void, total: number): StageReporter {
  let next = 0;
  const width = String(total).length;
  return {
    started(name, key) {
      const prefix = `[${String(++next).padStart(width)}/${total}] ${name} (${key})`;
      return {
        building: () => log(`${prefix} ...`),
        log: (line) => log(`    ${line}`),
        cached: (seconds) => log(`${prefix} cached in ${seconds.toFixed(1)}s`),
        done: (seconds) => log(`${prefix} done in ${seconds.toFixed(1)}s`),
        failed: () => undefined,
      };
    },
  };
}

/**
 * Runs the stages in order, telling `reporter` about each (default: one status line each on ctx.log,
 * "[3/11] etcd (…) done in 72.1s" or "… cached"). A stage runs with ctx.log routed to its own
 * output. Fails on the first failing stage, naming it, its key and where its whole output is.
 */
export async function runStages<C extends StageContext>(
  stages: Array<Stage<C>>,
  ctx: C,
  probe: OutputProbe,
  clock: () => number = () => performance.now(),
  reporter: StageReporter = lineReporter(ctx.log, stages.length),
): Promise<StageResult[]> {
  const results: StageResult[] = [];
  for (const stage of stages) {
    const start = clock();
    const { key, outputs } = stage.cacheKey();
    const run = reporter.started(stage.name, key);
    const present = await Promise.all(outputs.map(probe));
    const cached = outputs.length > 0 && present.every(Boolean);
    if (!cached) {
      run.building();
      try {
        await stage.run({ ...ctx, log: run.log });
      } catch (err) {
        const seconds = (clock() - start) / 1000;
        const file = run.failed(seconds);
        throw new Error(
          `node-image stage "${stage.name}" (${key}) failed after ${seconds.toFixed(1)}s: ${errorText(err)}${file ? `\nwhole output of the stage: ${file}` : ''}`,
          {
            cause: err,
          },
        );
      }
      const after = await Promise.all(outputs.map(probe));
      const lacking = outputs.filter((_, j) => !after[j]);
      if (lacking.length > 0) {
        const file = run.failed((clock() - start) / 1000);
        throw new Error(
          `node-image stage "${stage.name}" (${key}) ran but did not produce ${lacking.map(describeOutput).join(', ')}${file ? `; its output: ${file}` : ''}`,
        );
      }
    }
    const seconds = (clock() - start) / 1000;
    if (cached) run.cached(seconds);
    else run.done(seconds);
    results.push({ name: stage.name, seconds, cached });
  }
  return results;
}

export function describeOutput(o: StageOutput): string {
  return 'file' in o ? o.file : `image ${o.image} (cache key ${o.cacheKey})`;
}
