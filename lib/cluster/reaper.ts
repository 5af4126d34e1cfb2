import { errorText } from '../errors.js';
// The reaper: everything the harness creates registers how to remove it here, instead of finally
// blocks scattered around. Cleanups run once, newest first, at the end of a run or when the
// process is interrupted (SIGINT → exit 130, SIGTERM → 143) or crashes.

export interface CleanupOutcome {
  description: string;
  ok: boolean;
  error?: string;
  /** How a person removes it by hand (printed when the cleanup failed or was skipped). */
  manual?: string;
}

interface Entry {
  id: number;
  description: string;
  run?: () => Promise<void> | void;
  manual?: string;
  timeoutMs: number;
  /** Kept on purpose (--keep): reported, never run. */
  kept: boolean;
}

export interface CleanupRegistryOptions {
  log?: (line: string) => void;
}

export interface ProcessHandlerOptions {
  /** Default process.exit. */
  exit?: (code: number) => void;
  /** Exit code after an uncaught exception / unhandled rejection (default 1; the CLI decides). */
  crashExitCode?: number;
}

export class CleanupRegistry {
  private entries: Entry[] = [];
  private nextId = 1;
  private running?: Promise<CleanupOutcome[]>;
  private readonly log: (line: string) => void;

  constructor(opts: CleanupRegistryOptions = {}) {
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  /** Registers a cleanup; returns a function that unregisters it (when the resource was removed normally). */
  register(
    description: string,
    run: () => Promise<void> | void,
    opts: { manual?: string; timeoutMs?: number } = {},
  ): () => void {
    const id = this.nextId++;
    this.entries.push({
      id,
      description,
      run,
      kept: false,
      timeoutMs: opts.timeoutMs ?? 300_000,
      ...(opts.manual ? { manual: opts.manual } : {}),
    });
    return () => {
      this.entries = this.entries.filter((e) => e.id !== id);
    };
  }

  /** Records a resource deliberately left behind (--keep): at the end it is listed with how to remove it. */
  keep(description: string, manual: string): () => void {
    const id = this.nextId++;
    this.entries.push({ id, description, manual, kept: true, timeoutMs: 0 });
    return () => {
      this.entries = this.entries.filter((e) => e.id !== id);
    };
  }

  get pending(): number {
    return this.entries.length;
  }

  /**
   * Runs every registered cleanup once, newest first; failures are collected, never thrown.
   * Concurrent calls share one run.
   */
  runAll(reason: string): Promise<CleanupOutcome[]> {
    if (this.running) return this.running;
    this.running = this.runEntries(reason).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runEntries(reason: string): Promise<CleanupOutcome[]> {
    const entries = this.entries.slice().reverse();
    this.entries = [];
    const out: CleanupOutcome[] = [];
    if (entries.some((e) => !e.kept)) this.log(`cleanup (${reason}): ${entries.filter((e) => !e.kept).length} item(s)`);
    for (const e of entries) {
      if (e.kept) {
        this.log(`kept: ${e.description}; remove it with: ${e.manual}`);
        out.push({ description: e.description, ok: true, ...(e.manual ? { manual: e.manual } : {}) });
        continue;
      }
      try {
        await withTimeout(
          Promise.resolve().then(() => e.run?.()),
          e.timeoutMs,
          e.description,
        );
        this.log(`  removed: ${e.description}`);
        out.push({ description: e.description, ok: true });
      } catch (err) {
        const error = errorText(err);
        this.log(
          `  FAILED to remove ${e.description}: ${error}${e.manual ? `\n    remove it by hand: ${e.manual}` : ''}`,
        );
        out.push({ description: e.description, ok: false, error, ...(e.manual ? { manual: e.manual } : {}) });
      }
    }
    return out;
  }

  /**
   * Installs SIGINT/SIGTERM/uncaughtException/unhandledRejection handlers that run the cleanups
   * once and exit (130 / 143 / crashExitCode). A second signal during cleanup exits at once,
   * listing what is left and how to remove it. Returns an uninstaller.
   */
  installProcessHandlers(opts: ProcessHandlerOptions = {}): () => void {
    const exit = opts.exit ?? ((code: number) => process.exit(code));
    let cleaningUp = false;
    const leave = (code: number, reason: string): void => {
      if (cleaningUp) {
        this.log(`${reason} again: exiting without finishing cleanup`);
        for (const e of this.entries)
          if (e.manual) this.log(`  left behind: ${e.description}; remove it with: ${e.manual}`);
        exit(code);
        return;
      }
      cleaningUp = true;
      void this.runAll(reason).then(
        () => exit(code),
        () => exit(code),
      );
    };
    const onSigint = (): void => leave(130, 'interrupted (SIGINT)');
    const onSigterm = (): void => leave(143, 'terminated (SIGTERM)');
    const onCrash = (err: unknown): void => {
      this.log(`crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      leave(opts.crashExitCode ?? 1, 'crash');
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    return () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    };
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what}: cleanup did not finish within ${Math.round(ms / 1000)}s`)),
          ms,
        );
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
