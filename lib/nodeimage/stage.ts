// A node-image build is a list of small stages run in order, kind-style: each has a name, a
// cache key naming its outputs, and a run step. A stage whose outputs already exist is skipped.

import { access } from 'node:fs/promises';
import { constants } from 'node:fs';

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

/**
 * Runs the stages in order with one status line each ("[3/11] etcd v3.6.6 ... 72.1s" or
 * "... cached"). Fails on the first failing stage, naming it and its key.
 */
export async function runStages<C extends StageContext>(
  stages: Array<Stage<C>>,
  ctx: C,
  probe: OutputProbe,
  clock: () => number = () => performance.now(),
): Promise<StageResult[]> {
  const results: StageResult[] = [];
  const width = String(stages.length).length;
  for (const [i, stage] of stages.entries()) {
    const start = clock();
    const { key, outputs } = stage.cacheKey();
    const prefix = `[${String(i + 1).padStart(width)}/${stages.length}] ${stage.name} (${key})`;
    const present = await Promise.all(outputs.map(probe));
    const cached = outputs.length > 0 && present.every(Boolean);
    if (!cached) {
      ctx.log(`${prefix} ...`);
      try {
        await stage.run(ctx);
      } catch (err) {
        const seconds = (clock() - start) / 1000;
        throw new Error(`node-image stage "${stage.name}" (${key}) failed after ${seconds.toFixed(1)}s: ${errorText(err)}`, {
          cause: err,
        });
      }
      const after = await Promise.all(outputs.map(probe));
      const lacking = outputs.filter((_, j) => !after[j]);
      if (lacking.length > 0) {
        throw new Error(`node-image stage "${stage.name}" (${key}) ran but did not produce ${lacking.map(describeOutput).join(', ')}`);
      }
    }
    const seconds = (clock() - start) / 1000;
    ctx.log(`${prefix} ${cached ? 'cached' : 'done'} in ${seconds.toFixed(1)}s`);
    results.push({ name: stage.name, seconds, cached });
  }
  return results;
}

export function describeOutput(o: StageOutput): string {
  return 'file' in o ? o.file : `image ${o.image} (cache key ${o.cacheKey})`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
