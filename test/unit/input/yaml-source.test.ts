import { expect } from 'chai';
import { applyJsonPatch } from '../../../lib/manifest/json-patch.js';
import { joinPointer, parsePointer, parseYaml, SourceMap } from '../../../lib/input/yaml-source.js';

const text = `a:
  b: 1
  list:
  - x: 1
  - {x: 2, y: [10, 20]}
"we/ird~": 3
`;

describe('YAML with positions', () => {
  it('locates keys and values by JSON pointer', () => {
    const map = new SourceMap();
    const doc = parseYaml(text, 'f.yaml', map);
    const at = (p: string, anchor?: 'key' | 'value') => {
      const { line, column } = map.locate(doc.value, p, anchor);
      return [line, column];
    };
    expect(doc.problems).to.deep.equal([]);
    expect(at('/a/b', 'key')).to.deep.equal([2, 3]);
    expect(at('/a/b', 'value')).to.deep.equal([2, 6]);
    expect(at('/a/list/1')).to.deep.equal([5, 5]);
    expect(at('/a/list/1/y/1')).to.deep.equal([5, 20]);
    expect(at('/we~1ird~0', 'key')).to.deep.equal([6, 1]);
    // Unknown places fall back to the nearest known ancestor.
    expect(at('/a/list/1/nope/deeper')).to.deep.equal([5, 5]);
    expect(map.locate(doc.value, '').file).to.equal('f.yaml');
  });

  it('keeps positions through clones and JSON patches (array items shift with inserts)', () => {
    const map = new SourceMap();
    const doc = parseYaml(text, 'f.yaml', map);
    const copy = map.clone(doc.value);
    expect(copy).to.deep.equal(doc.value);
    expect(copy).to.not.equal(doc.value);
    const patchAt = { file: 'suite.yaml', line: 40, column: 9 };
    const r = applyJsonPatch(copy, [{ op: 'add', path: '/a/list/0', value: { x: 0 } }], {
      set: (parent, key, _i, inserted) =>
        inserted && Array.isArray(parent)
          ? map.itemInserted(parent, Number(key), patchAt)
          : map.keySet(parent, key, patchAt),
      removed: (parent, key) => map.removed(parent, key),
    });
    expect(r.ok).to.equal(true);
    expect(map.locate(copy, '/a/list/0')).to.deep.equal(patchAt);
    expect(map.locate(copy, '/a/list/2/y/0')).to.deep.equal({ file: 'f.yaml', line: 5, column: 16 });
    // The original is untouched.
    expect(map.locate(doc.value, '/a/list/0')).to.deep.equal({ file: 'f.yaml', line: 4, column: 5 });
  });

  it('reports syntax errors and duplicate keys with positions', () => {
    const map = new SourceMap();
    const dup = parseYaml('a: 1\nb: 2\na: 3\n', 'd.yaml', map);
    expect(dup.value).to.equal(undefined);
    expect(dup.problems.map((p) => [p.line, p.column, p.expected])).to.deep.equal([[3, 1, 'well-formed YAML']]);
    expect(dup.problems[0]?.found).to.match(/unique/i);
  });

  it('treats a "__proto__" key as data', () => {
    const doc = parseYaml('__proto__: {polluted: true}\n', 'p.yaml', new SourceMap());
    expect(Object.keys(doc.value as object)).to.deep.equal(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(doc.value)).to.equal(Object.prototype);
  });

  it('escapes and unescapes pointer segments', () => {
    expect(joinPointer('/a', 'b/c', 'd~e', 0)).to.equal('/a/b~1c/d~0e/0');
    expect(parsePointer('/a/b~1c/d~0e/0')).to.deep.equal(['a', 'b/c', 'd~e', '0']);
    expect(parsePointer('')).to.deep.equal([]);
  });
});
