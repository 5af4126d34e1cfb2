import { expect } from 'chai';
import { applyJsonPatch, type JsonPatchOp } from '../../../lib/manifest/json-patch.js';

const doc = () => ({ spec: { containers: [{ name: 'a' }, { name: 'b' }], 'x/y': 1, 'm~n': 2 } });

describe('JSON patch (RFC 6902)', () => {
  const apply = (ops: JsonPatchOp[], d: unknown = doc()) => applyJsonPatch(d, ops);

  it('adds, inserts, appends, replaces and removes', () => {
    const r = apply([
      { op: 'add', path: '/spec/containers/1', value: { name: 'mid' } },
      { op: 'add', path: '/spec/containers/-', value: { name: 'end' } },
      { op: 'replace', path: '/spec/containers/0/name', value: 'first' },
      { op: 'remove', path: '/spec/x~1y' },
      { op: 'add', path: '/spec/m~0n', value: 3 },
      { op: 'add', path: '/metadata', value: { name: 'p' } },
    ]);
    expect(r).to.deep.equal({
      ok: true,
      value: {
        spec: { containers: [{ name: 'first' }, { name: 'mid' }, { name: 'b' }, { name: 'end' }], 'm~n': 3 },
        metadata: { name: 'p' },
      },
    });
  });

  it('moves and copies; test compares deeply', () => {
    const r = apply([
      { op: 'copy', from: '/spec/containers/0', path: '/spec/containers/-' },
      { op: 'move', from: '/spec/containers/1', path: '/spec/first' },
      { op: 'test', path: '/spec/first', value: { name: 'b' } },
    ]);
    expect(r.ok && r.value).to.deep.equal({
      spec: { containers: [{ name: 'a' }, { name: 'a' }], 'x/y': 1, 'm~n': 2, first: { name: 'b' } },
    });
  });

  it('replaces the whole document at the root pointer', () => {
    expect(apply([{ op: 'replace', path: '', value: { a: 1 } }])).to.deep.equal({ ok: true, value: { a: 1 } });
  });

  it('does not share inserted values with the operation', () => {
    const value = { name: 'x' };
    const r = apply([{ op: 'add', path: '/spec/containers/0', value }]);
    (value as { name: string }).name = 'changed';
    expect(r.ok && (r.value as ReturnType<typeof doc>).spec.containers[0]?.name).to.equal('x');
  });

  it('fails on the first operation that does not apply, naming the member at fault', () => {
    const cases: Array<[JsonPatchOp[], { index: number; field: string; reason: string }]> = [
      [
        [{ op: 'add', path: '/spec/containers/5/x', value: 1 }],
        { index: 0, field: 'path', reason: '/spec/containers/5 does not exist (the list has 2 item(s))' },
      ],
      [
        [{ op: 'add', path: '/spec/containers/3', value: 1 }],
        { index: 0, field: 'path', reason: '/spec/containers/3 does not exist (the list has 2 item(s))' },
      ],
      [[{ op: 'remove', path: '/spec/nope' }], { index: 0, field: 'path', reason: '/spec/nope does not exist' }],
      [
        [{ op: 'replace', path: '/status/phase', value: 'x' }],
        { index: 0, field: 'path', reason: '/status does not exist' },
      ],
      [
        [{ op: 'add', path: '/spec/containers/01', value: 1 }],
        { index: 0, field: 'path', reason: '"01" in /spec/containers/01 is not an array index' },
      ],
      [
        [{ op: 'add', path: 'spec', value: 1 }],
        { index: 0, field: 'path', reason: '"spec" is not a JSON pointer (must start with "/")' },
      ],
      [[{ op: 'add', path: '/a' }], { index: 0, field: 'value', reason: '"add" needs a value' }],
      [[{ op: 'move', path: '/a' }], { index: 0, field: 'from', reason: '"move" needs a from pointer' }],
      [
        [{ op: 'move', from: '/spec', path: '/spec/inner' }],
        { index: 0, field: 'path', reason: 'cannot move /spec into its own child /spec/inner' },
      ],
      [
        [
          { op: 'add', path: '/a', value: 1 },
          { op: 'test', path: '/a', value: 2 },
        ],
        { index: 1, field: 'value', reason: 'test failed: /a holds 1' },
      ],
      [
        [{ op: 'add', path: '/spec/x~1y/z', value: 1 }],
        { index: 0, field: 'path', reason: 'the parent of /spec/x~1y/z is the value 1, not an object or list' },
      ],
    ];
    for (const [ops, failure] of cases) expect(apply(ops), JSON.stringify(ops)).to.deep.equal({ ok: false, failure });
  });
});
