import { expect } from 'chai';
import { parseCli, UsageError } from '../../../lib/cli/args.js';
import { DEFAULT_PROFILE } from '../../../lib/profiles/load.js';

describe('cli argument parsing', () => {
  it('parses run with every option', () => {
    const c = parseCli([
      'run',
      'core',
      'suites/x.yaml',
      '--profile',
      '1.36-defaults',
      '--grep',
      'R0[13]',
      '--parallel',
      '4',
      '--keep',
      '--report-dir',
      'out',
      '--control',
    ]);
    expect(c).to.include({
      command: 'run',
      profile: '1.36-defaults',
      parallel: 4,
      keep: true,
      reportDir: 'out',
      control: true,
    });
    if (c.command !== 'run') throw new Error('not run');
    expect(c.suites).to.deep.equal(['core', 'suites/x.yaml']);
    expect(c.grep?.test('core R01 x')).to.equal(true);
    expect(c.grep?.test('core R02 x')).to.equal(false);
  });

  it('defaults run to the 1.35 gates-on profile, 2 at a time, reports/', () => {
    const c = parseCli(['run']);
    expect(c).to.include({
      command: 'run',
      profile: DEFAULT_PROFILE,
      parallel: 2,
      keep: false,
      reportDir: 'reports',
      control: false,
    });
  });

  for (const [argv, message] of [
    [['run', '--parallel', '0'], '--parallel must be a whole number from 1 to 32, got "0"'],
    [['run', '--parallel', 'two'], '--parallel must be a whole number from 1 to 32, got "two"'],
    [['run', '--grep', '('], '--grep is not a valid regular expression'],
    [
      ['run', '--reuse', 'a', '--existing-cluster', 'k'],
      '--reuse and --existing-cluster (or --kubeconfig, --context) exclude each other',
    ],
    [['run', '--node-image', 'a', '--local-image'], '--node-image and --local-image exclude each other'],
    [['run', '--no-such-flag'], 'unknown option --no-such-flag for run (inplace-e2e help run lists the options)'],
    [['frobnicate'], 'unknown command "frobnicate" (known: run, '],
    [['node-image', 'push'], 'unknown node-image command "push" (known: build)'],
    [['node-image', 'build', '--kubernetes', '1.35'], '--kubernetes must be a release like v1.35.8, got "1.35"'],
    [['profiles', 'extra'], 'unexpected argument "extra"'],
  ] as Array<[string[], string]>) {
    it(`refuses ${argv.join(' ')} with a usage error`, () => {
      expect(() => parseCli(argv))
        .to.throw(UsageError)
        .with.property('message')
        .that.contains(message);
    });
  }

  it('parses cleanup with and without cluster names', () => {
    expect(parseCli(['cleanup'])).to.deep.equal({ command: 'cleanup', dryRun: false, names: [] });
    expect(parseCli(['cleanup', 'inplace-e2e-a-1', 'inplace-e2e-b-2', '--dry-run'])).to.deep.equal({
      command: 'cleanup',
      dryRun: true,
      names: ['inplace-e2e-a-1', 'inplace-e2e-b-2'],
    });
  });

  it('takes INPLACE_E2E_LOCAL_IMAGE=1 as --local-image', () => {
    const saved = process.env.INPLACE_E2E_LOCAL_IMAGE;
    process.env.INPLACE_E2E_LOCAL_IMAGE = '1';
    try {
      expect(parseCli(['run'])).to.include({ localImage: true });
    } finally {
      if (saved === undefined) delete process.env.INPLACE_E2E_LOCAL_IMAGE;
      else process.env.INPLACE_E2E_LOCAL_IMAGE = saved;
    }
  });

  it("answers <command> --help with that command's usage", () => {
    expect(parseCli(['run', '--profile', 'x', '--help'])).to.deep.equal({ command: 'help', topic: 'run' });
    expect(parseCli(['node-image', 'build', '-h'])).to.deep.equal({ command: 'help', topic: 'node-image' });
  });

  it('parses node-image build with a module version for a commit', () => {
    expect(
      parseCli([
        'node-image',
        'build',
        '--kubernetes',
        'v1.35.8',
        '--module-version',
        'v1.35.9-0.20261101000000-abcdef123456',
      ]),
    ).to.deep.equal({
      command: 'node-image-build',
      kubernetes: 'v1.35.8',
      moduleVersion: 'v1.35.9-0.20261101000000-abcdef123456',
      verbose: false,
    });
  });
});

describe('cli: certify arguments', () => {
  it('takes several --node-image, the bundle and the reference options', () => {
    const c = parseCli([
      'certify',
      '--node-image',
      'a:v1.35.8',
      '--node-image',
      'b:v1.36.3',
      '--out',
      'x.tar.gz',
      '--no-upstream',
      '--write-reference',
      'references',
      '--parallel',
      '3',
    ]);
    expect(c).to.deep.equal({
      command: 'certify',
      nodeImages: ['a:v1.35.8', 'b:v1.36.3'],
      out: 'x.tar.gz',
      upstream: false,
      writeReference: 'references',
      parallel: 3,
    });
  });

  it('defaults to upstream on, certify-bundle.tar.gz, 2 at a time', () => {
    expect(parseCli(['certify', '--node-image', 'a'])).to.deep.equal({
      command: 'certify',
      nodeImages: ['a'],
      out: 'certify-bundle.tar.gz',
      upstream: true,
      parallel: 2,
    });
  });

  it('parses certify verify BUNDLE', () => {
    expect(parseCli(['certify', 'verify', 'b.tar.gz'])).to.deep.equal({
      command: 'certify-verify',
      bundle: 'b.tar.gz',
    });
  });

  for (const [argv, message] of [
    [['certify'], 'certify needs at least one --node-image'],
    [['certify', '--node-image', 'a', '--node-image', 'a'], '--node-image a is given twice'],
    [['certify', '--node-image', 'a', '--out', 'x.zip'], '--out must name a .tar.gz file, got "x.zip"'],
    [['certify', 'verify'], 'certify verify needs exactly one bundle'],
    [['certify', 'verify', 'a', 'b'], 'certify verify needs exactly one bundle'],
    [['certify', 'extra', '--node-image', 'a'], 'unexpected argument "extra"'],
  ] as const) {
    it(`refuses ${argv.join(' ')} with a usage error`, () => {
      expect(() => parseCli([...argv])).to.throw(UsageError, message);
    });
  }
});
