import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  isAppUrl,
} from '../../main/app-protocol';

vi.mock('electron', () => {
  throw new Error('app-protocol.ts must not need electron at runtime');
});

let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'archplan-protocol-'));
  await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Architecture Planner</title>');
  await writeFile(join(root, 'renderer', 'assets', 'index-9c1d.css'), 'body{margin:0}');
  await writeFile(join(root, 'secret.txt'), 'do not serve');
  handle = createAppProtocolHandler(join(root, 'renderer'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme that keeps CSP (no bypassCSP)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });

  it('serves the renderer entry with the CSP header', async () => {
    const res = await handle(new Request(APP_ENTRY_URL));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Architecture Planner</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const res = await handle(new Request('app://renderer/assets/index-9c1d.css'));
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await res.text()).toBe('body{margin:0}');
  });

  it('refuses traversal, other hosts and other methods', async () => {
    // Request normalises a literal "/../", so build the raw forms the way a crafted URL would arrive.
    for (const url of [
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/../secret.txt',
    ]) {
      const res = await handle({ url, method: 'GET' } as Request);
      expect([400, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toContain('do not serve');
    }
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://renderer/assets/'))).status).toBe(404);
    expect((await handle(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('recognises only app://renderer URLs as our content', () => {
    expect(isAppUrl('app://renderer/index.html#/diagram')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'https://renderer/index.html',
      'file:///index.html',
      '',
      'app:renderer',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });
});
