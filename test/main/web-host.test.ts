import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebHost, parseWebHostArgs, startWebHost } from '../../main/web-host';
import { exampleProject } from './fixtures/example-project';

let root: string;
let workspace: string;
let host: WebHost;
let origin: string;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'archplan-web-'));
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(
    join(staticDir, 'index.html'),
    '<!doctype html><title>Architecture Planner</title><script type="module" src="/assets/index-3f2a.js"></script>',
  );
  await writeFile(join(staticDir, 'assets', 'index-3f2a.js'), 'console.log("renderer");');
  await writeFile(join(staticDir, '.env'), 'SECRET=1');
  // What a traversal would reach: a file beside the static folder.
  await writeFile(join(root, 'package.json'), '{"name":"must-not-be-served"}');
  workspace = join(root, 'workspace-not-yet-created');
  host = await startWebHost({
    port: 0,
    workspaceDir: workspace,
    staticDir,
    version: '1.2.3',
    log: (m) => logs.push(m),
  });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

/** A raw HTTP request: node:http sends the path and headers exactly as given (fetch would normalise "/../"). */
function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as unknown,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      'Content-Type': 'application/json',
      Origin: origin,
      'X-Archplan-Token': host.token,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('startWebHost', () => {
  it('listens on 127.0.0.1 with a fresh 256-bit token in the URL fragment, and creates the workspace', async () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(await readdir(workspace)).toEqual([]);
  });
});

describe('API access control', () => {
  it('answers app.info to the page that holds the token', async () => {
    const res = await api('app.info', {});
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      version: '1.2.3',
      mode: 'browser',
      regions: ['ap-south-1', 'us-east-1'],
      workspace,
    });
  });

  it('accepts localhost as well as 127.0.0.1', async () => {
    const local = `localhost:${host.port}`;
    const res = await api('app.info', {}, { Host: local, Origin: `http://${local}` });
    expect(res.status).toBe(200);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await send({
      method: 'POST',
      path: '/api/app.info',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({ status: 'error', issues: [{ code: 'http.bad-token' }] });
    const wrong = await api(
      'app.info',
      {},
      { 'X-Archplan-Token': host.token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
    );
    expect(wrong.status).toBe(401);
    const short = await api('app.info', {}, { 'X-Archplan-Token': 'abc' });
    expect(short.status).toBe(401);
  });

  it('refuses another web page (wrong or missing Origin) with 403, even with the token', async () => {
    expect((await api('app.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await api('app.info', {}, { Origin: 'null' })).status).toBe(403);
    const noOrigin = await send({
      method: 'POST',
      path: '/api/app.info',
      headers: { 'X-Archplan-Token': host.token },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses requests addressed to another host name (DNS rebinding), for the API and the page', async () => {
    const rebound = await api('app.info', {}, { Host: `attacker.example:${host.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.json()).toMatchObject({ issues: [{ code: 'http.wrong-host' }] });
    expect((await send({ path: '/', headers: { Host: `attacker.example:${host.port}` } })).status).toBe(421);
    expect((await send({ path: '/', headers: { Host: '127.0.0.1' } })).status).toBe(421);
  });

  it('answers 404 for an unknown channel and 405 for a method other than POST', async () => {
    const unknown = await api('project.delete', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ issues: [{ code: 'http.unknown-channel' }] });
    expect((await api('__proto__', {})).status).toBe(404);
    const get = await send({
      path: '/api/app.info',
      headers: { Origin: origin, 'X-Archplan-Token': host.token },
    });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('answers 400 with issues for a malformed body or one that breaks the contract', async () => {
    const notJson = await api('project.open', '{"path": "estate.archplan.json"');
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toMatchObject({
      status: 'error',
      issues: [{ code: 'http.bad-json', severity: 'error' }],
    });
    const badRegion = await api('pricing.snapshot', { region: 42 });
    expect(badRegion.status).toBe(400);
    expect(badRegion.json()).toMatchObject({
      status: 'error',
      issues: [{ code: 'ipc.invalid-input', path: { field: 'region' } }],
    });
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await send({
      method: 'POST',
      path: '/api/project.save',
      headers: { Origin: origin, 'X-Archplan-Token': host.token, 'Content-Length': String(21 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
  });
});

describe('projects over HTTP', () => {
  it('saves a project into the workspace, lists it, and opens it again', async () => {
    const project = await exampleProject();
    const saved = await api('project.save', { project });
    expect(saved.status).toBe(200);
    expect(saved.json()).toEqual({ status: 'saved', path: 'Acme-Corp-RPA-estate-phase-2.archplan.json' });
    expect(await readdir(workspace)).toEqual(['Acme-Corp-RPA-estate-phase-2.archplan.json']);

    const recent = await api('project.recent', {});
    expect(recent.json()).toMatchObject({ files: [{ path: 'Acme-Corp-RPA-estate-phase-2.archplan.json' }] });

    const opened = await api('project.open', { path: 'Acme-Corp-RPA-estate-phase-2.archplan.json' });
    expect(opened.status).toBe(200);
    expect(opened.json()).toEqual({
      status: 'opened',
      path: 'Acme-Corp-RPA-estate-phase-2.archplan.json',
      project,
      issues: [],
    });
  });

  it('refuses to open a file outside the workspace, as a user-readable issue', async () => {
    const res = await api('project.open', { path: '../package.json' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'error', issues: [{ code: 'workspace.outside' }] });
    expect(res.text).not.toContain('must-not-be-served');
  });

  it('serves a price snapshot', async () => {
    const res = await api('pricing.snapshot', { region: 'ap-south-1' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', snapshot: { region: 'ap-south-1', currency: 'USD' } });
  });
});

describe('static renderer files', () => {
  it('serves index.html for / with the strict CSP and the other security headers', async () => {
    const res = await send({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Architecture Planner</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves hashed assets with a JavaScript content type and long caching', async () => {
    const res = await send({ path: '/assets/index-3f2a.js?v=1' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('refuses path traversal, raw or percent-encoded', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/assets/%00.js',
      '/%zz',
    ]) {
      const res = await send({ path });
      expect([400, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain('must-not-be-served');
    }
  });

  it('lists no directories, serves no dot-files, and accepts only GET and HEAD', async () => {
    expect((await send({ path: '/assets/' })).status).toBe(404);
    expect((await send({ path: '/assets' })).status).toBe(404);
    expect((await send({ path: '/.env' })).status).toBe(404);
    expect((await send({ path: '/missing.js' })).status).toBe(404);
    expect((await send({ path: '/', method: 'POST' })).status).toBe(405);
    const head = await send({ path: '/', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('parseWebHostArgs', () => {
  it('defaults to any free port and ~/ArchitecturePlanner', () => {
    expect(parseWebHostArgs([], '/home/ana')).toEqual({
      port: 0,
      workspaceDir: '/home/ana/ArchitecturePlanner',
    });
  });

  it('reads --port and --workspace in both spellings, expanding ~', () => {
    expect(parseWebHostArgs(['--port', '8123', '--workspace', '~/plans'], '/home/ana')).toEqual({
      port: 8123,
      workspaceDir: '/home/ana/plans',
    });
    expect(parseWebHostArgs(['--port=0', '--workspace=/srv/plans'], '/home/ana')).toEqual({
      port: 0,
      workspaceDir: '/srv/plans',
    });
  });

  it('reports bad usage', () => {
    expect(parseWebHostArgs(['--port', 'eighty'])).toMatchObject({
      error: expect.stringContaining('--port'),
    });
    expect(parseWebHostArgs(['--port', '70000'])).toMatchObject({ error: expect.stringContaining('--port') });
    expect(parseWebHostArgs(['--workspace'])).toMatchObject({
      error: expect.stringContaining('--workspace'),
    });
    expect(parseWebHostArgs(['--open'])).toMatchObject({ error: expect.stringContaining('Unknown option') });
  });
});
