import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kindExecutable } from '../../../lib/cluster/paths.js';

describe('kind executable', () => {
  it('prefers INPLACE_E2E_KIND, then the newest kind built into the cache, then PATH', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ie2e-kind-'));
    expect(kindExecutable(cache, {})).to.equal('kind');
    for (const v of ['v0.32.0', 'v0.33.1', 'v0.9.0']) {
      mkdirSync(join(cache, 'bin', `kind-${v}`), { recursive: true });
      writeFileSync(join(cache, 'bin', `kind-${v}`, 'kind'), '');
    }
    mkdirSync(join(cache, 'bin', 'kind-v0.40.0'), { recursive: true }); // a directory without the binary
    expect(kindExecutable(cache, {})).to.equal(join(cache, 'bin', 'kind-v0.33.1', 'kind'));
    expect(kindExecutable(cache, { INPLACE_E2E_KIND: '/opt/kind' })).to.equal('/opt/kind');
  });
});
