import { expect } from 'chai';
import type { JsonObject } from '../../../lib/kube/json.js';
import { startWatch, type WatchConnector } from '../../../lib/kube/watch.js';
import type { QueryParams } from '../../../lib/kube/transport.js';

interface Conn {
  params: QueryParams;
  line: (type: string, obj: unknown) => void;
  close: (err: unknown) => void;
  aborted: boolean;
}

/** A connector whose connections the test drives by hand. */
function fakeConnector(failFirst?: unknown): { connector: WatchConnector; conns: Conn[]; next: () => Promise<Conn> } {
  const conns: Conn[] = [];
  const waiting: Array<(c: Conn) => void> = [];
  let first = true;
  const connector: WatchConnector = {
    async connect(_path, params, onLine, onClose) {
      const c: Conn = { params, line: onLine, close: onClose, aborted: false };
      if (first && failFirst !== undefined) {
        first = false;
        onClose(failFirst);
        return { abort: () => undefined };
      }
      first = false;
      conns.push(c);
      waiting.shift()?.(c);
      return {
        abort: () => {
          c.aborted = true;
          onClose(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        },
      };
    },
  };
  const next = (): Promise<Conn> =>
    new Promise((resolve) => {
      const seen = conns.length;
      const check = (): void => {
        if (conns.length > seen) resolve(conns[seen] as Conn);
        else waiting.push(() => check());
      };
      check();
    });
  return { connector, conns, next };
}

const pod = (uid: string, rv: string, extra: Record<string, unknown> = {}): JsonObject => ({
  metadata: { name: uid, uid, resourceVersion: rv },
  ...extra,
});

describe('kube/watch (resume logic)', () => {
  it('delivers events and resumes from the last resourceVersion after a disconnect', async () => {
    const { connector, conns, next } = fakeConnector();
    const seen: string[] = [];
    const resumes: string[] = [];
    const handle = await startWatch(
      connector,
      async () => ({ items: [], resourceVersion: '0' }),
      '/api/v1/namespaces/n/pods',
      { fieldSelector: 'metadata.name=p' },
      (t, o) => seen.push(`${t}:${String((o.metadata as JsonObject).resourceVersion)}`),
      {
        resourceVersion: '10',
        onResume: (r) => resumes.push(r),
      },
    );
    const c1 = conns[0] as Conn;
    expect(c1.params).to.include({
      resourceVersion: '10',
      fieldSelector: 'metadata.name=p',
      allowWatchBookmarks: true,
    });
    c1.line('MODIFIED', pod('u1', '11'));
    c1.line('BOOKMARK', { metadata: { resourceVersion: '15' } });
    const reconnect = next();
    c1.close(Object.assign(new Error('timeout'), { name: 'TimeoutError' }));
    const c2 = await reconnect;
    expect(c2.params.resourceVersion).to.equal('15');
    c2.line('MODIFIED', pod('u1', '16'));
    expect(seen).to.deep.equal(['MODIFIED:11', 'MODIFIED:16']);
    expect(resumes[0]).to.match(/resuming from resourceVersion 15/);
    handle.stop();
    expect((await handle.ended).error).to.equal(undefined);
  });

  it('after 410 Gone relists: replays changes, reports missed deletions, then watches from the list version', async () => {
    const { connector, conns, next } = fakeConnector();
    const seen: string[] = [];
    let listed: QueryParams | undefined;
    const handle = await startWatch(
      connector,
      async (_p, q) => {
        listed = q;
        return { items: [pod('a', '30')], resourceVersion: '31' };
      },
      '/p',
      { fieldSelector: 'x=y', timeoutSeconds: 5 },
      (t, o) =>
        seen.push(
          `${t}:${String((o.metadata as JsonObject).uid)}@${String((o.metadata as JsonObject).resourceVersion)}`,
        ),
      { retryDelayMs: 1 },
    );
    const c1 = conns[0] as Conn;
    c1.line('ADDED', pod('a', '20'));
    c1.line('ADDED', pod('b', '21'));
    const reconnect = next();
    c1.line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    const c2 = await reconnect;
    expect(listed).to.deep.equal({ fieldSelector: 'x=y' });
    expect(seen).to.deep.equal(['ADDED:a@20', 'ADDED:b@21', 'MODIFIED:a@30', 'DELETED:b@21']);
    expect(c2.params.resourceVersion).to.equal('31');
    handle.stop();
  });

  it('drops replays of an object version it already delivered', async () => {
    const { connector, conns, next } = fakeConnector();
    const seen: string[] = [];
    const handle = await startWatch(
      connector,
      async () => ({ items: [], resourceVersion: '' }),
      '/p',
      {},
      (t) => seen.push(t),
    );
    const c1 = conns[0] as Conn;
    c1.line('ADDED', pod('a', '5'));
    const reconnect = next();
    c1.close(null);
    const c2 = await reconnect;
    c2.line('ADDED', pod('a', '5'));
    c2.line('MODIFIED', pod('a', '6'));
    expect(seen).to.deep.equal(['ADDED', 'MODIFIED']);
    handle.stop();
  });

  it("a 4xx on the first connection is the caller's error", async () => {
    const { connector } = fakeConnector(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    let err: unknown;
    try {
      await startWatch(
        connector,
        async () => ({ items: [], resourceVersion: '' }),
        '/p',
        {},
        () => undefined,
      );
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(/watch \/p: Error: Forbidden \(HTTP 403\)/);
  });

  it('gives up after the configured number of failed connections and says why', async () => {
    const connector: WatchConnector = {
      async connect(_p, _q, _l, onClose) {
        onClose(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
        return { abort: () => undefined };
      },
    };
    const errors: string[] = [];
    const handle = await startWatch(
      connector,
      async () => ({ items: [], resourceVersion: '' }),
      '/p',
      {},
      () => undefined,
      {
        maxConsecutiveFailures: 3,
        retryDelayMs: 1,
        onError: (e) => errors.push(e.message),
      },
    );
    const end = await handle.ended;
    expect(end.error?.message).to.match(/gave up after 3 failed connections: Error: connect ECONNREFUSED/);
    expect(errors).to.have.length(1);
  });
});
