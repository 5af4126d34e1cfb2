// What a node-image build says while it works (about 25 minutes cold): one line per stage, numbered
// over the whole build; each stage's own output (Go, debootstrap, docker) in a log file named when
// the stage fails; on a terminal, one live status line with the running stages' elapsed time and,
// from the previous build's timings, their usual duration and the time left; under GitHub Actions
// each finished stage's output folded into a ::group::; the total at the end.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StageReporter, StageRun } from './stage.js';

/** Seconds each stage took when it was last built (not cached), by stage name and cache key. */
export interface StageTimings {
  [stage: string]: { last: number; byKey: Record<string, number> };
}

export interface BuildProgressOptions {
  /** Stages the whole build has (for "[n/total]"). */
  total: number;
  /** Permanent lines. */
  line: (text: string) => void;
  /** Replaces the live status line (a terminal); omitted: no live line. */
  status?: (text: string) => void;
  /** Stream every stage's output as it comes (besides the log file). */
  verbose?: boolean;
  /** Fold each finished stage's output into ::group:: (GitHub Actions). */
  githubGroups?: boolean;
  /** Folder for the stage logs. */
  logDir: string;
  /** Timings of the previous builds (read from and written back to timingsFile). */
  timingsFile?: string;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function readTimings(file: string | undefined): StageTimings {
  if (!file) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as StageTimings) : {};
  } catch {
    return {};
  }
}

/** The previous build's duration of a stage: for the same inputs when known, else its last build. */
export function estimateFor(timings: StageTimings, name: string, key?: string): number | undefined {
  const t = timings[name];
  if (!t) return undefined;
  return (key !== undefined ? t.byKey[key] : undefined) ?? t.last;
}

interface Running {
  index: number;
  name: string;
  started: number;
  estimate?: number;
}

export class BuildProgress implements StageReporter {
  private readonly now: () => number;
  private readonly startedAt: number;
  private readonly previous: StageTimings;
  private readonly timings: StageTimings;
  private readonly running = new Map<number, Running>();
  private readonly finished = new Set<string>();
  private next = 0;
  private built = 0;
  private cached = 0;
  private readonly timer: NodeJS.Timeout;
  private lastHeartbeat: number;

  constructor(private readonly o: BuildProgressOptions) {
    this.now = o.now ?? (() => performance.now() / 1000);
    this.startedAt = this.now();
    this.lastHeartbeat = this.startedAt;
    this.previous = readTimings(o.timingsFile);
    this.timings = structuredClone(this.previous);
    // A terminal gets its status line redrawn every second; a log gets a line every two minutes.
    this.timer = setInterval(() => (o.status ? this.refresh() : this.heartbeat()), o.status ? 1000 : 10_000);
    this.timer.unref();
  }

  /** A permanent line; on a terminal the status line is redrawn below it. */
  line(text: string): void {
    if (this.o.status) this.o.status('');
    this.o.line(text);
    this.refresh();
  }

  started(name: string, key: string): StageRun {
    const index = ++this.next;
    const width = String(this.o.total).length;
    const label = `[${String(index).padStart(width)}/${this.o.total}] ${name} (${key})`;
    const logFile = join(this.o.logDir, `${String(index).padStart(2, '0')}-${name}.log`);
    const estimate = estimateFor(this.previous, name, key);
    const begin = this.now();
    let announced = false;
    const announce = (): void => {
      if (announced) return;
      announced = true;
      const usual = estimate !== undefined ? ` (previous build: ${formatDuration(estimate)})` : '';
      this.line(`${label} ...${usual}`);
      this.running.set(index, { index, name, started: begin, ...(estimate !== undefined ? { estimate } : {}) });
      mkdirSync(this.o.logDir, { recursive: true });
      writeFileSync(logFile, `# ${label}\n`);
    };
    const end = (): void => {
      this.running.delete(index);
      this.finished.add(name);
    };
    return {
      building: announce,
      log: (text: string) => {
        announce();
        appendFileSync(logFile, `${text}\n`);
        if (this.o.verbose) this.line(`    ${text}`);
      },
      cached: () => {
        end();
        this.cached++;
        this.line(`${label} cached`);
      },
      done: (seconds: number) => {
        end();
        this.built++;
        const t = (this.timings[name] ??= { last: seconds, byKey: {} });
        t.last = seconds;
        t.byKey[key] = seconds;
        const was = estimate !== undefined ? ` (previous build: ${formatDuration(estimate)})` : '';
        if (this.o.githubGroups && !this.o.verbose) {
          if (this.o.status) this.o.status('');
          this.o.line(`::group::${label} done in ${formatDuration(seconds)}${was}`);
          this.o.line(readFileSync(logFile, 'utf8').trimEnd());
          this.o.line('::endgroup::');
        } else {
          this.line(`${label} done in ${formatDuration(seconds)}${was}`);
        }
      },
      failed: (seconds: number) => {
        end();
        this.line(`${label} FAILED after ${formatDuration(seconds)}; its whole output: ${logFile}`);
        return logFile;
      },
    };
  }

  /** Without a terminal: a line every few minutes while a stage runs, so a CI log shows it is alive. */
  heartbeat(everySeconds = 120): void {
    if (this.o.status || this.running.size === 0) return;
    if (this.now() - this.lastHeartbeat < everySeconds) return;
    this.lastHeartbeat = this.now();
    this.o.line(`    …${this.statusLine()}`);
  }

  private describeRunning(): string {
    return [...this.running.values()]
      .map(
        (r) =>
          `${r.name} ${formatDuration(this.now() - r.started)}${r.estimate !== undefined ? `/~${formatDuration(r.estimate)}` : ''}`,
      )
      .join(', ');
  }

  /** Elapsed, and what the previous build says is left: running stages' remainders plus stages not started. */
  private describeTotal(): string {
    const elapsed = this.now() - this.startedAt;
    const known = Object.keys(this.previous);
    if (known.length === 0) return `${formatDuration(elapsed)} so far (no previous build to estimate from)`;
    let left = 0;
    for (const r of this.running.values())
      if (r.estimate !== undefined) left += Math.max(0, r.estimate - (this.now() - r.started));
    const runningNames = new Set([...this.running.values()].map((r) => r.name));
    for (const name of known)
      if (!this.finished.has(name) && !runningNames.has(name)) left += this.previous[name]?.last ?? 0;
    return `${formatDuration(elapsed)} so far, ~${formatDuration(left)} left by the previous build`;
  }

  /** The live status line: running stages with elapsed/usual time, then the build's elapsed and time left. */
  statusLine(): string {
    const running = this.describeRunning();
    return running ? `  ${running} · ${this.describeTotal()}` : '';
  }

  private refresh(): void {
    this.o.status?.(this.statusLine());
  }

  /** The closing line; writes the timings for the next build's estimates. Returns the total seconds. */
  finish(): number {
    clearInterval(this.timer);
    if (this.o.status) this.o.status('');
    const total = this.now() - this.startedAt;
    const logs = this.built > 0 ? `; stage logs in ${this.o.logDir}` : '';
    this.o.line(
      `node image: ${this.built} stage(s) built, ${this.cached} cached, total ${formatDuration(total)}${logs}`,
    );
    if (this.o.timingsFile && this.built > 0) {
      mkdirSync(dirname(this.o.timingsFile), { recursive: true });
      writeFileSync(this.o.timingsFile, `${JSON.stringify(this.timings, null, 2)}\n`);
    }
    return total;
  }

  /** Stops the status line after a failure (the error itself is the caller's to print). */
  abort(): void {
    clearInterval(this.timer);
    if (this.o.status) this.o.status('');
  }
}
