// The CLI conventions chainsaw, ginkgo and kubectl users expect, each flag offline with its failure paths:
// --kubeconfig/--context, --shard, --fail-fast, --exclude, list / run --dry-run, -o json, colour,
// "did you mean", completion, GitHub annotations from validate.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { githubAnnotation } from '../../../lib/cli/annotations.js';
import { parseCli, UsageError, type ListArgs, type RunArgs } from '../../../lib/cli/args.js';
import { colorWanted } from '../../../lib/cli/color.js';
import { main, type CliContext } from '../../../lib/cli/main.js';
import type { ProfileListing } from '../../../lib/runner/list.js';
import { FailFast } from '../../../lib/runner/execute.js';
import { existingClusterFacts } from '../../../lib/runner/inputs.js';
import { Pool } from '../../../lib/runner/pool.js';
import { loadSuites } from '../../../lib/suite/load.js';
import type { Verdict } from '../../../lib/verdict/types.js';
import { parseShard, shardOf } from '../../../lib/verdict/shard.js';

const PLAIN: CliContext = { isTTY: false, HOME: '/home/u' };

async function cli(argv: string[], context: CliContext = PLAIN): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { line: (t) => out.push(t) }, { line: (t) => err.push(t) }, context);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function usageError(argv: string[], env = {}): string {
  try {
    parseCli(argv, env);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${argv.join(' ')} parsed without error`);
}

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: first
clusters:
- name: c1
  cluster: {server: https://127.0.0.1:6443, insecure-skip-tls-verify: true}
- name: c2
  cluster: {server: https://127.0.0.1:7443, insecure-skip-tls-verify: true}
users:
- name: u
  user: {token: t}
contexts:
- name: first
  context: {cluster: c1, user: u}
- name: second
  context: {cluster: c2, user: u}
`;

describe('CLI conventions', function () {
  this.timeout(60_000);

  describe('--kubeconfig and --context', () => {
    it('--kubeconfig names the cluster to run against, as --existing-cluster does', () => {
      expect(parseCli(['run', '--kubeconfig', '/k'], {})).to.include({ existingCluster: '/k' });
      expect(parseCli(['run', '--kubeconfig', '/k', '--existing-cluster', '/k'], {})).to.include({
        existingCluster: '/k',
      });
      expect(parseCli(['bench', '--kubeconfig', '/k', '--context', 'c'], {})).to.include({
        existingCluster: '/k',
        context: 'c',
      });
    });

    it('--context alone takes the one file of $KUBECONFIG, else ~/.kube/config', () => {
      expect(parseCli(['run', '--context', 'kind-a'], { KUBECONFIG: '/etc/kc' })).to.include({
        existingCluster: '/etc/kc',
        context: 'kind-a',
      });
      expect(parseCli(['run', '--context', 'kind-a'], { HOME: '/home/u' })).to.include({
        existingCluster: '/home/u/.kube/config',
        context: 'kind-a',
      });
    });

    for (const [argv, env, message] of [
      [
        ['run', '--context', 'x'],
        { KUBECONFIG: `/a${path.delimiter}/b` },
        '$KUBECONFIG lists 2 files: name the one with the context with --kubeconfig',
      ],
      [
        ['run', '--kubeconfig', '/a', '--existing-cluster', '/b'],
        {},
        '--existing-cluster and --kubeconfig name two kubeconfig files',
      ],
      [
        ['run', '--reuse', 'c', '--context', 'x'],
        { KUBECONFIG: '/a' },
        '--reuse and --existing-cluster (or --kubeconfig, --context) exclude each other',
      ],
      [['run', '--context', ''], {}, '--context needs a context name'],
    ] as Array<[string[], Record<string, string>, string]>) {
      it(`refuses ${argv.join(' ')} (exit 2)`, () => expect(usageError(argv, env)).to.contain(message));
    }

    it('reads the named context and never changes the file (its current-context stays)', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-kc-'));
      const file = path.join(dir, 'config');
      await writeFile(file, KUBECONFIG);
      expect(await existingClusterFacts(file, 'second')).to.include({
        context: 'second',
        cluster: 'c2',
        server: 'https://127.0.0.1:7443',
      });
      expect(await existingClusterFacts(file)).to.include({ context: 'first', cluster: 'c1' });
      expect(await readFile(file, 'utf8')).to.equal(KUBECONFIG);
    });

    it('a context the file lacks is bad input before anything runs (exit 2), naming the ones it has', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-kc-'));
      const file = path.join(dir, 'config');
      await writeFile(file, KUBECONFIG);
      const r = await cli(['run', 'core', '--kubeconfig', file, '--context', 'thrid', '--report-dir', dir]);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('no context named "thrid" (it has: first, second)');
      expect(r.out).to.not.contain('cluster:');
    });
  });

  describe('--shard', () => {
    it('parses I/N and refuses anything else (exit 2)', async () => {
      expect(parseShard('2/3')).to.deep.equal({ index: 2, count: 3 });
      expect(parseShard('-1/2')).to.equal(undefined);
      for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '1/1001']) {
        expect(parseShard(bad), bad).to.equal(undefined);
        const r = await cli(['run', '--shard', bad]);
        expect(r.code, bad).to.equal(2);
        expect(r.err).to.contain(`--shard must be I/N with whole numbers 1 ≤ I ≤ N ≤ 1000 (e.g. 1/2), got "${bad}"`);
      }
    });

    it('deals every item into exactly one shard, balanced, whatever order the items come in', () => {
      const names = Array.from({ length: 11 }, (_, i) => `suite R${String(i).padStart(2, '0')} n`);
      const runs = (n: string) => !n.includes('R03');
      const shards = [1, 2, 3].map((index) => shardOf(names, { index, count: 3 }, (n) => n, runs));
      expect(shards.flat().sort()).to.deep.equal([...names].sort());
      const running = shards.map((s) => s.filter(runs).length);
      expect(Math.max(...running) - Math.min(...running)).to.be.at.most(1);
      const reversed = [1, 2, 3].map((index) => shardOf([...names].reverse(), { index, count: 3 }, (n) => n, runs));
      expect(reversed.map((s) => [...s].sort())).to.deep.equal(shards.map((s) => [...s].sort()));
    });

    it('list --shard 1/2 and 2/2 split the core suite between them, every scenario once', async () => {
      const one = JSON.parse((await cli(['list', 'core', '--shard', '1/2', '-o', 'json'])).out) as ProfileListing[];
      const two = JSON.parse((await cli(['list', 'core', '--shard', '2/2', '-o', 'json'])).out) as ProfileListing[];
      const all = JSON.parse((await cli(['list', 'core', '-o', 'json'])).out) as ProfileListing[];
      const ids = (l: ProfileListing[]) => l[0]!.scenarios.map((s) => `${s.suite}/${s.id ?? s.name}`);
      expect(ids(one)).to.not.include.members(ids(two));
      expect([...ids(one), ...ids(two)].sort()).to.deep.equal(ids(all).sort());
      expect(one[0]!.shard).to.deep.equal({ index: 1, count: 2, others: ids(two).length });
    });

    it('a shard left with nothing to run is refused like any empty selection (exit 2)', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-shard-'));
      const r = await cli(['run', 'core', '--grep', 'R01 ', '--shard', '2/2', '--report-dir', dir]);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('--shard 2/2 has no scenario to run: the selection has 1 to run, dealt over 2 shards');
      expect(r.out).to.not.contain('cluster:');
    });
  });

  describe('--exclude', () => {
    it('leaves out what matches, saying so, and refuses a selection it empties (exit 2)', async () => {
      const [l] = JSON.parse((await cli(['list', 'core', '--exclude', 'R01 ', '-o', 'json'])).out) as ProfileListing[];
      expect(l!.scenarios.find((s) => s.id === 'R01')).to.include({ action: 'skip', reason: 'matches --exclude R01 ' });
      const others = l!.scenarios.filter((s) => s.id !== 'R01');
      expect(others.length).to.be.greaterThan(0);
      expect(others.every((s) => s.action === 'run')).to.equal(true);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-excl-'));
      const r = await cli(['run', 'core', '--exclude', '.', '--report-dir', dir]);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(/--exclude \. leaves none of the \d+ scenario\(s\): no scenario to run/);
      expect(usageError(['run', '--exclude', '('])).to.contain('--exclude is not a valid regular expression');
    });
  });

  describe('--fail-fast', () => {
    it('parses, and is off by default', () => {
      expect(parseCli(['run', '--fail-fast'], {})).to.include({ failFast: true });
      expect(parseCli(['run'], {})).to.include({ failFast: false });
    });

    it('once a scenario fails, none starts after it: each is skipped naming the failure', async () => {
      const [suite] = await loadSuites(['core']);
      const scenarios = suite!.scenarios.slice(0, 4);
      const logs: string[] = [];
      const started: string[] = [];
      for (const enabled of [true, false]) {
        const gate = new FailFast(enabled, (l) => logs.push(l));
        const pool = new Pool(1);
        started.length = 0;
        const verdicts = await Promise.all(
          scenarios.map((s, i) =>
            pool.run(async (): Promise<Verdict> => {
              const skip = gate.skipped(s);
              if (skip) return skip;
              started.push(s.scenario.id ?? '');
              const verdict: Verdict = {
                suite: s.suiteName,
                scenario: s.scenario.name,
                status: i === 1 ? 'failed' : 'passed',
                checks: [],
                durationMs: 1,
              };
              gate.ended(s, verdict);
              return verdict;
            }),
          ),
        );
        if (enabled) {
          expect(started).to.have.length(2);
          expect(verdicts.slice(2).map((v) => v.status)).to.deep.equal(['skipped', 'skipped']);
          expect(verdicts[2]!.skipReason).to.equal(
            `not started: --fail-fast, core/${scenarios[1]!.scenario.id} failed`,
          );
          expect(logs).to.deep.equal([
            `--fail-fast: core/${scenarios[1]!.scenario.id} failed; no further scenario starts`,
          ]);
        } else {
          expect(started).to.have.length(4);
        }
      }
    });
  });

  describe('list and run --dry-run', () => {
    it('says what runs, what is skipped and why, per profile (exit 0)', async () => {
      const r = await cli(['list', '--profile', '1.35-gates-on', '--profile', '1.35-gates-off', '--control']);
      expect(r.code).to.equal(0, r.err);
      expect(r.out).to.match(/^profile 1\.35-gates-on \(Kubernetes 1\.35\): \d+ run, 0 control, \d+ skip$/m);
      expect(r.out).to.match(/^profile 1\.35-gates-off \(Kubernetes 1\.35\): \d+ run, [1-9]\d* control, \d+ skip$/m);
      expect(r.out).to.match(/^ {2}run {5}core\/R01 core-in-place-restart$/m);
      expect(r.out).to.match(
        /^ {2}control core\/R01 core-in-place-restart {2}— action-refused control: the API server refuses the pod /m,
      );
      expect(r.out).to.match(
        /^ {2}skip {4}gate-off\/R23 action-refused {2}— requires RestartAllContainersOnContainerExits=false; /m,
      );
    });

    it("run --dry-run is list for the run's profile and selection, and creates nothing", async () => {
      const dry = parseCli(['run', 'core', '--profile', '1.36-defaults', '--grep', 'R0', '--dry-run'], {}) as ListArgs;
      expect(dry).to.include({ command: 'list', output: 'text' });
      expect(dry.profiles).to.deep.equal(['1.36-defaults']);
      const r = await cli(['run', 'core', '--grep', 'R01 ', '--dry-run']);
      expect(r.code).to.equal(0, r.err);
      expect(r.out).to.match(/: 1 run, 0 control, \d+ skip/);
      expect(r.out).to.not.contain('cluster:');
    });

    it('a selection the run would refuse makes list exit 2 as well, saying why', async () => {
      const r = await cli(['list', '--profile', '1.35-gates-off', 'core']);
      expect(r.code).to.equal(2);
      expect(r.out).to.contain('refused: no scenario to run');
    });

    it('--all-profiles lists every shipped profile; -o json is one document', async () => {
      const r = await cli(['list', 'core', '--all-profiles', '-o', 'json']);
      expect(r.code).to.be.oneOf([0, 2]);
      const listings = JSON.parse(r.out) as ProfileListing[];
      expect(listings.map((l) => l.profile)).to.include.members(['1.35-gates-on', '1.36-defaults', '1.37-defaults']);
      expect(usageError(['list', '--all-profiles', '--profile', 'x'])).to.contain(
        '--all-profiles and --profile exclude each other',
      );
    });

    it('an unknown profile name gets the closest one, never a path inside the package (exit 2)', async () => {
      const r = await cli(['list', '--profile', '1.36-default']);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain(
        'profile 1.36-default: /: found no shipped profile named "1.36-default" (did you mean "1.36-defaults"?)',
      );
      expect(r.err).to.not.contain('clusters/');
    });
  });

  describe('-o json', () => {
    it('validate: {ok, files, problems}, exit 2 with problems', async () => {
      const good = await cli(['validate', 'suites/core.yaml', '-o', 'json']);
      expect(good.code).to.equal(0);
      expect(JSON.parse(good.out)).to.deep.include({ ok: true, problems: [] });
      const bad = await cli(['validate', 'test/fixtures/suites/onexit-in-pod-file.yaml', '--output', 'json']);
      expect(bad.code).to.equal(2);
      const doc = JSON.parse(bad.out) as { ok: boolean; problems: Array<{ file: string; line: number; path: string }> };
      expect(doc.ok).to.equal(false);
      expect(doc.problems[0]!.path).to.contain('restartPolicyRules/0/onExit');
      expect(doc.problems[0]!.line).to.be.greaterThan(0);
    });

    it('profiles and plan', async () => {
      const profiles = JSON.parse((await cli(['profiles', '-o', 'json'])).out) as Array<{
        name: string;
        kubernetesVersion: string;
      }>;
      expect(profiles.find((p) => p.name === '1.36-defaults')).to.include({ kubernetesVersion: '1.36' });
      const plan = JSON.parse((await cli(['plan', 'core', '-o', 'json'])).out) as {
        profile: { name: string };
        kindConfig: string;
        manifests: unknown[];
      };
      expect(plan.profile.name).to.equal('1.35-gates-on');
      expect(plan.kindConfig).to.contain('kind.x-k8s.io/v1alpha4');
      expect(plan.manifests.length).to.be.greaterThan(3);
    });

    it('an unknown format is refused (exit 2), with the closest one', async () => {
      const r = await cli(['validate', '-o', 'jsn']);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('--output "jsn" (did you mean "json"?): expected text or json');
    });
  });

  describe('colour', () => {
    it('only on a terminal, never with NO_COLOR, --no-color or TERM=dumb; FORCE_COLOR forces it', () => {
      expect(colorWanted({ argv: [], env: {}, isTTY: true })).to.equal(true);
      expect(colorWanted({ argv: [], env: {}, isTTY: false })).to.equal(false);
      expect(colorWanted({ argv: [], env: { NO_COLOR: '1' }, isTTY: true })).to.equal(false);
      expect(colorWanted({ argv: [], env: { NO_COLOR: '' }, isTTY: true })).to.equal(true);
      expect(colorWanted({ argv: ['run', '--no-color'], env: {}, isTTY: true })).to.equal(false);
      expect(colorWanted({ argv: ['run', '--', '--no-color'], env: {}, isTTY: true })).to.equal(true);
      expect(colorWanted({ argv: [], env: { TERM: 'dumb' }, isTTY: true })).to.equal(false);
      expect(colorWanted({ argv: [], env: { FORCE_COLOR: '1' }, isTTY: false })).to.equal(true);
      expect(colorWanted({ argv: [], env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false })).to.equal(false);
    });

    it('what the console shows follows it; every command takes --no-color', async () => {
      const esc = '\u001b[';
      expect((await cli(['frobnicate'], { isTTY: true })).err).to.contain(`${esc}31merror:`);
      expect((await cli(['frobnicate'], { isTTY: true, NO_COLOR: '1' })).err).to.not.contain(esc);
      expect((await cli(['frobnicate', '--no-color'], { isTTY: true })).err).to.not.contain(esc);
      expect((await cli(['validate', 'suites/core.yaml'], { isTTY: false })).out).to.not.contain(esc);
      expect((await cli(['validate', 'suites/core.yaml', '--no-color'], { isTTY: true })).out).to.not.contain(esc);
      expect((await cli(['validate', 'suites/core.yaml'], { isTTY: true })).out).to.contain(`${esc}32mok`);
      expect(parseCli(['run', '--no-color'], {})).to.include({ command: 'run' });
    });
  });

  describe('did you mean', () => {
    for (const [argv, message] of [
      [['rn'], 'unknown command "rn" (did you mean "run"?)'],
      [['valdiate'], 'unknown command "valdiate" (did you mean "validate"?)'],
      [['help', 'lst'], 'unknown command "lst" (did you mean "list"?)'],
      [['run', '--paralel', '3'], 'unknown option --paralel for run (did you mean --parallel?)'],
      [['run', '--fail-fats'], 'unknown option --fail-fats for run (did you mean --fail-fast?)'],
      [['list', '--exlude', 'x'], 'unknown option --exlude for list (did you mean --exclude?)'],
      [['node-image', 'biuld'], 'unknown node-image command "biuld" (did you mean "build"?)'],
      [
        ['node-image', 'build', '--kubernets', 'v1.35.8'],
        'unknown option --kubernets for node-image build (did you mean --kubernetes?)',
      ],
      [['completion', 'zhs'], 'unknown shell "zhs" (did you mean "zsh"?)'],
    ] as Array<[string[], string]>) {
      it(`${argv.join(' ')} → exit 2: ${message}`, async () => {
        const r = await cli(argv);
        expect(r.code).to.equal(2);
        expect(r.err).to.contain(`error: ${message}`);
        expect(r.err).to.match(/Usage:? +inplace-e2e|Usage:\n/);
      });
    }
  });

  describe('completion', () => {
    /** What bash's completion offers for a command line (the cursor at its end). */
    function complete(script: string, words: string[]): string[] {
      const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _inplace_e2e; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8', cwd: process.cwd() })
        .split('\n')
        .filter(Boolean);
    }

    it("bash: commands, each command's flags, profile names, formats, shells", async () => {
      const r = await cli(['completion', 'bash']);
      expect(r.code).to.equal(0);
      execFileSync('bash', ['-n'], { input: r.out });
      expect(complete(r.out, ['inplace-e2e', 'li'])).to.deep.equal(['list']);
      expect(complete(r.out, ['inplace-e2e', 'run', '--fa'])).to.deep.equal(['--fail-fast']);
      expect(complete(r.out, ['inplace-e2e', 'run', '--sh'])).to.deep.equal(['--shard']);
      expect(complete(r.out, ['inplace-e2e', 'list', '--profile', '1.36-d'])).to.include('1.36-defaults');
      expect(complete(r.out, ['inplace-e2e', 'validate', '-o', ''])).to.deep.equal(['text', 'json']);
      expect(complete(r.out, ['inplace-e2e', 'completion', ''])).to.deep.equal(['bash', 'zsh']);
      expect(complete(r.out, ['inplace-e2e', 'run', 'co'])).to.include('core');
      expect(complete(r.out, ['inplace-e2e', 'validate', '--annotations', 'g'])).to.deep.equal(['github']);
    });

    it('zsh: a compdef function with the same words', async () => {
      const r = await cli(['completion', 'zsh']);
      expect(r.code).to.equal(0);
      expect(r.out).to.match(/^#compdef inplace-e2e/);
      expect(r.out).to.contain('compdef _inplace_e2e inplace-e2e');
      expect(r.out).to.contain('--fail-fast').and.contain('1.35-gates-on');
    });

    it('zsh: the function offers the same words (run by zsh with compadd and _files recorded)', async function () {
      try {
        execFileSync('zsh', ['--version']);
      } catch {
        this.skip(); // no zsh on this machine: the syntax and words are checked above
      }
      const script = (await cli(['completion', 'zsh'])).out;
      execFileSync('zsh', ['-n'], { input: script });
      const offered = (words: string[]): string[] => {
        const program = [
          'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }',
          '_files() { print -- _files; }',
          'compdef() { :; }',
          script,
          `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; PREFIX='${words.at(-1) ?? ''}'`,
          '_inplace_e2e',
        ].join('\n');
        return execFileSync('zsh', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
      };
      expect(offered(['inplace-e2e', ''])).to.include.members(['run', 'list', 'setup', 'completion']);
      expect(offered(['inplace-e2e', 'run', '--fa'])).to.include.members([
        '--fail-fast',
        '--shard',
        '--kubeconfig',
        '--context',
      ]);
      expect(offered(['inplace-e2e', 'list', '--profile', ''])).to.include.members(['1.35-gates-on', '_files']);
      expect(offered(['inplace-e2e', 'completion', ''])).to.deep.equal(['bash', 'zsh']);
    });

    it('needs a shell (exit 2)', async () => {
      expect((await cli(['completion'])).code).to.equal(2);
      expect((await cli(['completion', 'fish'])).err).to.contain('unknown shell "fish" (known: bash, zsh)');
    });
  });

  describe('GitHub annotations from validate', () => {
    it('escapes as the Actions toolkit does and points at the line', () => {
      const line = githubAnnotation(
        'error',
        { file: '/w/s/a,b.yaml', line: 3, column: 7, path: '/x', found: '50% "a"\nb', expected: 'c: d' },
        '/w',
      );
      expect(line).to.equal(
        '::error file=s/a%2Cb.yaml,line=3,col=7,title=inplace-e2e validate%3A /x::found 50%25 "a"%0Ab; expected c: d',
      );
      expect(
        githubAnnotation('warning', { file: 'f.yaml', line: 0, column: 0, path: '', found: 'x', expected: 'y' }),
      ).to.equal('::warning file=f.yaml,title=inplace-e2e validate%3A /::found x; expected y');
    });

    it('under GITHUB_ACTIONS=true or with --annotations github, each problem becomes one; --annotations none stops them', async () => {
      const file = 'test/fixtures/suites/onexit-in-pod-file.yaml';
      const flagged = await cli(['validate', file, '--annotations', 'github']);
      expect(flagged.code).to.equal(2);
      expect(flagged.out).to.match(
        /^::error file=test\/fixtures\/suites\/pods\/onexit-pod\.yaml,line=\d+,col=\d+,title=inplace-e2e validate%3A .*restartPolicyRules\/0\/onExit::found /m,
      );
      const actions = await cli(['validate', file], { ...PLAIN, GITHUB_ACTIONS: 'true' });
      expect(actions.out).to.match(/^::error file=/m);
      const none = await cli(['validate', file, '--annotations', 'none'], { ...PLAIN, GITHUB_ACTIONS: 'true' });
      expect(none.out).to.not.contain('::error');
      expect((await cli(['validate', file])).out).to.not.contain('::error');
      const json = await cli(['validate', file, '-o', 'json'], { ...PLAIN, GITHUB_ACTIONS: 'true' });
      expect(JSON.parse(json.out)).to.include({ ok: false });
      expect(json.err).to.match(/^::error file=/m);
      expect((await cli(['validate', '--annotations', 'gitlab'])).code).to.equal(2);
    });
  });

  it("every run flag lands on the runner's options", () => {
    const c = parseCli(
      [
        'run',
        'core',
        '--kubeconfig',
        '/k',
        '--context',
        'c',
        '--shard',
        '2/4',
        '--fail-fast',
        '--exclude',
        'R0[12]',
        '--no-color',
      ],
      {},
    ) as RunArgs;
    expect(c).to.deep.include({ existingCluster: '/k', context: 'c', shard: { index: 2, count: 4 }, failFast: true });
    expect(c.exclude?.test('core R01 x')).to.equal(true);
  });
});
