// KubeClient over real sockets against a small local HTTP server that answers like an API server.
import { expect } from 'chai';
import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KubeClient } from '../../../lib/kube/client.js';
import { DeadlineError } from '../../../lib/errors.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse) => void;

describe('kube/client over HTTP', () => {
  let server: http.Server;
  let dir: string;
  let client: KubeClient;
  let handler: Handler;
  const seen: Seen[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const s = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        seen.push(s);
        handler(s, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    dir = await mkdtemp(path.join(os.tmpdir(), 'inplace-e2e-kube-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: test',
        'contexts: [{name: test, context: {cluster: c, user: u}}]',
        // Plain HTTP: client-node allows it only with insecure-skip-tls-verify.
        `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
        'users: [{name: u, user: {token: secret-token}}]',
      ].join('\n'),
    );
    client = await KubeClient.fromFile(kubeconfig);
  });

  after(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('creates a pod from the manifest as given, with strict field validation and the token, and keeps Warning headers', async () => {
    handler = (req, res) => {
      res.writeHead(201, {
        'Content-Type': 'application/json',
        Warning: '299 - "metadata.name: this is a test warning"',
      });
      res.end(JSON.stringify({ ...JSON.parse(req.body), metadata: { name: 'p', resourceVersion: '77', uid: 'u' } }));
    };
    // An invented key the typed models would drop: it must reach the server.
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'i',
            restartPolicyRules: [{ action: 'RestartAllContainers', onExit: { exitCodes: [42] } }],
          },
        ],
      },
    };
    const r = await client.createPod('ns1', manifest);
    expect(seen[0]?.method).to.equal('POST');
    expect(seen[0]?.url).to.equal('/api/v1/namespaces/ns1/pods?fieldValidation=Strict');
    expect(seen[0]?.headers.authorization).to.equal('Bearer secret-token');
    expect(seen[0]?.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).to.deep.equal(manifest);
    expect(r.outcome).to.deep.equal({ accepted: true, warnings: ['metadata.name: this is a test warning'] });
    expect(r.object?.metadata).to.deep.equal({ name: 'p', resourceVersion: '77', uid: 'u' });

    await client.createPod('default', manifest, { dryRun: true });
    expect(seen[1]?.url).to.equal('/api/v1/namespaces/default/pods?fieldValidation=Strict&dryRun=All');
  });

  it('returns a rejection as an outcome with status, reason and causes', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          status: 'Failure',
          message: '.spec.containers[0].restartPolicyRules[0].onExit: field not declared in schema',
          reason: 'BadRequest',
          details: {
            causes: [
              {
                reason: 'FieldValueInvalid',
                message: 'field not declared in schema',
                field: '.spec.containers[0].restartPolicyRules[0].onExit',
              },
            ],
          },
          code: 400,
        }),
      );
    };
    const r = await client.createPod('ns1', { kind: 'Pod' });
    expect(r.object).to.equal(undefined);
    expect(r.outcome.accepted).to.equal(false);
    expect(r.outcome.error).to.deep.equal({
      status: 400,
      reason: 'BadRequest',
      message: '.spec.containers[0].restartPolicyRules[0].onExit: field not declared in schema',
      causes: [
        {
          field: '.spec.containers[0].restartPolicyRules[0].onExit',
          reason: 'FieldValueInvalid',
          message: 'field not declared in schema',
        },
      ],
    });
  });

  it('patches with the content type of the patch kind, on a subresource when asked', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"metadata":{"name":"p"}}');
    };
    await client.patchPod('ns1', 'p', [{ op: 'replace', path: '/spec/x', value: 1 }], 'json');
    await client.patchPod('ns1', 'p', { spec: {} }, 'strategic', 'ephemeralcontainers');
    expect(seen.map((s) => [s.method, s.url, s.headers['content-type']])).to.deep.equal([
      ['PATCH', '/api/v1/namespaces/ns1/pods/p?fieldValidation=Strict', 'application/json-patch+json'],
      [
        'PATCH',
        '/api/v1/namespaces/ns1/pods/p/ephemeralcontainers?fieldValidation=Strict',
        'application/strategic-merge-patch+json',
      ],
    ]);
  });

  it('returns a previous log that is gone as error text, without throwing', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          message: 'previous terminated container "bystander" in pod "p" not found',
          reason: 'BadRequest',
          code: 400,
        }),
      );
    };
    const l = await client.logs('ns1', 'p', 'bystander', { previous: true });
    expect(seen[0]?.url).to.equal(
      '/api/v1/namespaces/ns1/pods/p/log?container=bystander&previous=true&timestamps=true',
    );
    expect(l).to.deep.equal({
      container: 'bystander',
      previous: true,
      text: '400 BadRequest: previous terminated container "bystander" in pod "p" not found',
      error: '400 BadRequest: previous terminated container "bystander" in pod "p" not found',
    });
  });

  it('watches a stream of raw objects and resumes from the last resourceVersion when the server ends it', async () => {
    let connections = 0;
    handler = (req, res) => {
      connections++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (connections === 1) {
        res.write(
          `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'p', uid: 'u', resourceVersion: '5' }, spec: { unknownToModels: true } } })}\n`,
        );
        res.end(`${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } })}\n`);
      } else {
        res.write(
          `${JSON.stringify({ type: 'MODIFIED', object: { metadata: { name: 'p', uid: 'u', resourceVersion: '10' } } })}\n`,
        );
        void req;
      }
    };
    const got: Array<[string, unknown]> = [];
    const done = new Promise<void>((resolve) => {
      void client
        .watch('/api/v1/namespaces/ns1/pods', { fieldSelector: 'metadata.name=p' }, (type, obj) => {
          got.push([type, obj]);
          if (got.length === 2) resolve();
        })
        .then((h) => done.then(() => h.stop()));
    });
    await done;
    expect(got[0]).to.deep.equal([
      'ADDED',
      { metadata: { name: 'p', uid: 'u', resourceVersion: '5' }, spec: { unknownToModels: true } },
    ]);
    expect(got[1]?.[0]).to.equal('MODIFIED');
    const urls = seen.map((s) => new URL(s.url, 'http://x'));
    expect(urls[0]?.searchParams.get('watch')).to.equal('true');
    expect(urls[0]?.searchParams.get('fieldSelector')).to.equal('metadata.name=p');
    expect(urls[0]?.searchParams.get('allowWatchBookmarks')).to.equal('true');
    expect(urls[0]?.searchParams.get('resourceVersion')).to.equal(null);
    expect(urls[1]?.searchParams.get('resourceVersion')).to.equal('9');
  });

  it('deletes a namespace and waits for its DELETED event, or says what it saw at the deadline', async () => {
    handler = (req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            metadata: { name: 'ns1', uid: 'n', resourceVersion: '50' },
            status: { phase: 'Terminating' },
          }),
        );
      } else if (req.url.includes('watch=true')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        setTimeout(
          () =>
            res.end(
              `${JSON.stringify({ type: 'DELETED', object: { metadata: { name: 'ns1', uid: 'n', resourceVersion: '60' } } })}\n`,
            ),
          20,
        );
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ metadata: { name: 'ns1' }, status: { phase: 'Terminating' } }));
      }
    };
    await client.deleteNamespace('ns1', { waitSeconds: 5 });
    const watchUrl = new URL(seen.find((s) => s.url.includes('watch=true'))?.url ?? '', 'http://x');
    expect(watchUrl.searchParams.get('resourceVersion')).to.equal('50');

    handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.method === 'DELETE' || !req.url.includes('watch=true')) {
        res.end(JSON.stringify({ metadata: { name: 'ns2', resourceVersion: '70' }, status: { phase: 'Terminating' } }));
      } else {
        res.write(
          `${JSON.stringify({ type: 'MODIFIED', object: { metadata: { name: 'ns2', uid: 'n2', resourceVersion: '71' }, status: { phase: 'Terminating', conditions: [{ type: 'NamespaceContentRemaining', status: 'True', message: 'Some resources are remaining: pods. has 1 resource instances' }] } } })}\n`,
        );
      }
    };
    const err = await client.deleteNamespace('ns2', { waitSeconds: 0.2 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DeadlineError);
    expect((err as DeadlineError).lastSeen).to.equal(
      'phase Terminating (NamespaceContentRemaining: Some resources are remaining: pods. has 1 resource instances)',
    );
  });

  it('creates a labelled namespace and waits for its default ServiceAccount by watch', async () => {
    handler = (req, res) => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
      if (req.method === 'POST') res.end(req.body);
      else
        setTimeout(
          () =>
            res.end(
              `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'default', uid: 's', resourceVersion: '3' } } })}\n`,
            ),
          30,
        );
    };
    await client.createNamespace('e2e-x', 'run-1');
    expect(JSON.parse(seen[0]?.body ?? '').metadata.labels).to.deep.equal({
      'inplace-e2e.dev/run': 'run-1',
      'app.kubernetes.io/managed-by': 'inplace-e2e',
    });
    const w = new URL(seen[1]?.url ?? '', 'http://x');
    expect(w.pathname).to.equal('/api/v1/namespaces/e2e-x/serviceaccounts');
    expect(w.searchParams.get('fieldSelector')).to.equal('metadata.name=default');
  });

  it('a request that gets no answer throws with the method and path', async () => {
    const dead = path.join(dir, 'dead');
    const kubeconfig = (cluster: string): string =>
      `current-context: t\ncontexts: [{name: t, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: ${cluster}}]\nusers: [{name: u, user: {}}]\n`;
    await writeFile(dead, kubeconfig('{server: "http://127.0.0.1:1", insecure-skip-tls-verify: true}'));
    const err = await (await KubeClient.fromFile(dead)).serverVersion().catch((e: unknown) => e);
    expect(String(err)).to.match(
      /KubeApiError: GET \/version: no answer from the API server \(connect ECONNREFUSED 127.0.0.1:1\)/,
    );
    // client-node refuses plain HTTP unless TLS verification is off on purpose; the reason reaches the error.
    await writeFile(dead, kubeconfig('{server: "http://127.0.0.1:1"}'));
    const plain = await (await KubeClient.fromFile(dead)).serverVersion().catch((e: unknown) => e);
    expect(String(plain)).to.match(
      /GET \/version: no answer from the API server \(HTTP protocol is not allowed when skipTLSVerify is not set/,
    );
  });
});
