// A tiny stand-in for huggingface.co on 127.0.0.1, speaking the resolve protocol hfHubDownload relies on:
// HEAD/GET /<repo>/resolve/<rev>/<file> with X-Repo-Commit and ETag, LFS files answered with a 302 carrying
// X-Linked-Etag / X-Linked-Size to a CDN path that honours Range, X-Error-Code on errors.
import { createHash } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFile {
  content: Buffer;
  /** Serve through an LFS-style redirect with a sha256 etag. */
  lfs?: boolean;
}

export interface FakeRepo {
  type: 'model' | 'dataset';
  commit: string;
  files: Record<string, FakeFile>;
  /** Requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeHub {
  endpoint: string;
  requests: RecordedRequest[];
  /** Destroy the socket of the next GET of this blob after N body bytes. */
  dropNextGetAfter: Map<string, number>;
  /** Host (with port) LFS redirects point to; another name for this server makes the CDN a different origin. */
  cdnHost?: string;
  close(): Promise<void>;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const gitSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

function etagOf(file: FakeFile): string {
  return file.lfs ? sha256(file.content) : gitSha1(file.content);
}

export async function startFakeHub(repos: Record<string, FakeRepo>): Promise<FakeHub> {
  const requests: RecordedRequest[] = [];
  const dropNextGetAfter = new Map<string, number>();
  const blobs = new Map<string, Buffer>();
  for (const repo of Object.values(repos)) {
    for (const f of Object.values(repo.files)) blobs.set(etagOf(f), f.content);
  }

  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://x');
    const cdn = url.pathname.match(/^\/cdn\/([0-9a-f]+)$/);
    if (cdn) {
      const body = blobs.get(cdn[1]);
      if (!body) return void res.writeHead(404).end();
      return serveBytes(req.method ?? 'GET', req.headers, res, body, cdn[1]);
    }
    const api = url.pathname.match(/^\/api\/(models|datasets)\/(.+)\/revision\/([^/]+)$/);
    if (api) {
      const repo = repos[api[2]];
      if (!repo) return void res.writeHead(404, { 'X-Error-Code': 'RepoNotFound' }).end();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(
        JSON.stringify({
          sha: repo.commit,
          siblings: Object.keys(repo.files).map((rfilename) => ({ rfilename })),
        }),
      );
    }
    const m = url.pathname.match(/^\/(datasets\/)?(.+?)\/resolve\/([^/]+)\/(.+)$/);
    if (!m) return void res.writeHead(400).end();
    const repoId = decodeURIComponent(m[2]);
    const repo = repos[repoId];
    if (!repo || (repo.type === 'dataset') !== (m[1] !== undefined)) {
      return void res
        .writeHead(401, { 'X-Error-Code': 'RepoNotFound', 'X-Error-Message': 'Repository not found' })
        .end();
    }
    if (repo.token && req.headers.authorization !== `Bearer ${repo.token}`) {
      return void res
        .writeHead(401, { 'X-Error-Message': 'Invalid credentials in Authorization header' })
        .end();
    }
    const revision = decodeURIComponent(m[3]);
    if (revision !== 'main' && revision !== repo.commit) {
      return void res.writeHead(404, { 'X-Error-Code': 'RevisionNotFound' }).end();
    }
    const filename = m[4].split('/').map(decodeURIComponent).join('/');
    const file = repo.files[filename];
    if (!file) {
      return void res
        .writeHead(404, { 'X-Error-Code': 'EntryNotFound', 'X-Repo-Commit': repo.commit })
        .end('Entry not found');
    }
    const etag = etagOf(file);
    if (file.lfs) {
      res.writeHead(302, {
        Location: `http://${fake.cdnHost ?? req.headers.host}/cdn/${etag}`,
        'X-Repo-Commit': repo.commit,
        'X-Linked-Etag': `"${etag}"`,
        'X-Linked-Size': String(file.content.length),
        ETag: '"not-the-content-hash"',
      });
      return void res.end();
    }
    res.setHeader('X-Repo-Commit', repo.commit);
    return serveBytes(req.method ?? 'GET', req.headers, res, file.content, etag);
  });

  function serveBytes(
    method: string,
    headers: IncomingHttpHeaders,
    res: import('node:http').ServerResponse,
    body: Buffer,
    etag: string,
  ): void {
    const range = headers.range?.match(/^bytes=(\d+)-$/);
    const start = range ? Number(range[1]) : 0;
    if (start > body.length) return void res.writeHead(416).end();
    const slice = body.subarray(start);
    res.writeHead(range ? 206 : 200, {
      ETag: `"${etag}"`,
      'Content-Length': String(slice.length),
      ...(range ? { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (method === 'HEAD') return void res.end();
    const drop = dropNextGetAfter.get(etag);
    if (drop !== undefined) {
      dropNextGetAfter.delete(etag);
      res.write(slice.subarray(0, drop), () => {
        // Let the bytes leave, then cut the connection mid-body.
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(slice);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeHub = {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    dropNextGetAfter,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
