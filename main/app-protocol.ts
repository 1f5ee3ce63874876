import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { cacheControlFor, contentTypeFor, resolveStaticFile, securityHeaders } from './services/static-files';

/**
 * The desktop renderer is served from app://renderer/…, never file:// (Electron security checklist
 * #18): a standard, secure scheme gives the page a real origin for CSP 'self' and lets the IPC sender
 * check recognise our own content by URL.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must be registered before the app is ready, in a single registerSchemesAsPrivileged call. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** True for URLs of our own renderer content (app://renderer/…). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The protocol.handle handler: files of `rendererDir` only, with the renderer's CSP on every answer. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = (extra: Record<string, string>): Record<string, string> => ({
      ...securityHeaders(),
      ...extra,
    });
    const text = (status: number, body: string): Response =>
      new Response(body, { status, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    // Take the path from the raw string so percent-encoded segments reach resolveStaticFile undecoded.
    const match = /^app:\/\/([^/?#]*)(\/[^?#]*)?/i.exec(request.url);
    if (!match || match[1]?.toLowerCase() !== APP_HOST) return text(404, 'Not found');
    const found = await resolveStaticFile(rendererDir, match[2] ?? '/');
    if (!found.ok) return text(found.status, found.status === 400 ? 'Bad request' : 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: headers({
        'Content-Type': contentTypeFor(found.file),
        'Cache-Control': cacheControlFor(found.relativePath),
      }),
    });
  };
}
