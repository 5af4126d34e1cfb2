import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { Scenario } from '../../../lib/suite/schema.js';
import { StrictMap, VersionRange } from '../../../lib/input/schema-parts.js';
import { schemaProblems } from '../../../lib/input/schema-problems.js';
import { parseYaml, SourceMap } from '../../../lib/input/yaml-source.js';

/** Problems of a YAML snippet against a schema, as "line:column path | found | expected". */
function check(schema: Parameters<typeof schemaProblems>[0], yaml: string): string[] {
  const map = new SourceMap();
  const doc = parseYaml(yaml, 's.yaml', map);
  return schemaProblems(schema, doc.value, map.locator(doc.value, doc.at)).map(
    (p) => `${p.line}:${p.column} ${p.path} | ${p.found} | ${p.expected}`,
  );
}

describe('schema problems', () => {
  it('a valid scenario has none', () => {
    expect(check(Scenario, 'name: a\npod: {builtin: base}\nexpect: {restarts: {"*": 0, trigger: 1}}\n')).to.deep.equal(
      [],
    );
  });

  it('a missing required key points at its object and names the key', () => {
    expect(check(Scenario, 'pod: {builtin: base}\nexpect: {}\n')).to.deep.equal([
      '1:1 /name | no "name" | "name" (required) (Unique within the suite; used for the namespace and reports)',
    ]);
  });

  it('a union of objects picks the branch by its key and reports inside it', () => {
    expect(check(Scenario, 'name: a\npod: {file: 3}\nexpect: {}\n')).to.deep.equal([
      '2:13 /pod/file | 3 (an integer) | a string (Pod manifest file, relative to the suite file)',
    ]);
  });

  it('a union of objects without any of its keys says which keys it takes', () => {
    expect(check(Scenario, 'name: a\npod: {patches: []}\nexpect: {}\n')).to.deep.equal([
      '2:6 /pod | none of "file", "builtin", "manifest" | one of: file, builtin, manifest',
    ]);
  });

  it('a value of the wrong kind for a mixed union lists the alternatives', () => {
    expect(check(Scenario, 'name: a\npod: {builtin: base}\nexpect: {admission: 5}\n')).to.deep.equal([
      '3:21 /expect/admission | 5 (an integer) | "accepted" or an object with "rejected"',
    ]);
  });

  it('map keys are checked with their own description, values with theirs', () => {
    const schema = StrictMap(VersionRange, Type.Integer());
    expect(check(schema, '">=1.36": 1\nlatest: 2\n"1.35": x\n')).to.deep.equal([
      '2:1 /latest | key "latest" | Kubernetes version range: "*", "1.35" (that minor), ">=1.36", "<1.36", "=1.35.8"',
      '3:9 /1.35 | "x" (a string) | an integer',
    ]);
  });

  it('limits are said in words', () => {
    expect(check(Scenario, 'name: ""\npod: {builtin: base}\nexpect: {within: 0}\n')).to.deep.equal([
      '1:7 /name | "" (a string) | a string of at least 1 character(s)',
      '3:18 /expect/within | 0 (an integer) | an integer >= 1',
    ]);
  });
});
