// The package entry (lib/index.ts): what a program can import, and that it works offline.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../lib/index.js';
import { real } from './report/real-fixtures.js';

describe('package entry (lib/index.ts)', () => {
  it('exports the documented API and nothing undocumented is needed for the common tasks', () => {
    for (const name of [
      'validateSuites',
      'loadSuites',
      'loadProfile',
      'listShippedProfiles',
      'planCluster',
      'run',
      'judge',
      'judgeRecorded',
      'writeReports',
      'renderHtmlPage',
      'htmlFromFiles',
      'formatProblem',
      'schemaId',
    ]) {
      expect(api, name).to.have.property(name).that.is.a('function');
    }
    expect(api.EXIT).to.deep.equal({ passed: 0, failures: 1, input: 2, environment: 3 });
    expect(api.REPORT_FILES).to.include({ html: 'report.html', json: 'report.json' });
  });

  it('validateSuites returns the shipped suites, or the problems with their positions', async () => {
    const shipped = await api.validateSuites();
    expect(shipped.ok).to.equal(true);
    if (shipped.ok) expect(shipped.suites.map((s) => s.suite.name)).to.include.members(['core', 'validation']);
    const broken = await api.validateSuites([join(process.cwd(), 'test/fixtures/suites/unknown-key.yaml')]);
    expect(broken.ok).to.equal(false);
    if (!broken.ok) {
      expect(broken.problems[0]!.file).to.match(/unknown-key\.yaml$/);
      expect(broken.problems[0]!.line).to.be.above(0);
    }
  });

  it('judgeRecorded judges a real recording with its shipped scenario, and says when there is none', async () => {
    expect((await api.judgeRecorded(real('v1.35.8-R07-prestop-not-run.json'))).status).to.equal('passed');
    const orphan = { ...real('v1.35.8-R07-prestop-not-run.json'), suite: 'nope' };
    const err = await api.judgeRecorded(orphan).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(api.InputError);
    expect(String((err as Error).message)).to.contain('found no scenario nope/prestop-not-run');
  });

  it('ships schemas with a stable $id per format version, and the Apache-2.0 licence text', () => {
    for (const name of ['suite', 'profile']) {
      const schema = JSON.parse(readFileSync(join(process.cwd(), 'schemas', `${name}.schema.json`), 'utf8')) as {
        $id: string;
      };
      expect(schema.$id)
        .to.equal(`https://inplace-e2e.dev/schemas/v1alpha1/${name}.schema.json`)
        .and.to.equal(api.schemaId(name));
    }
    const licence = readFileSync(join(process.cwd(), 'LICENSE'), 'utf8');
    expect(licence).to.match(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(licence).to.contain('END OF TERMS AND CONDITIONS');
    expect(JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'))).to.include({ license: 'Apache-2.0' });
  });
});
