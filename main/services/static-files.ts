import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/**
 * Serving the built renderer (dist/renderer) safely, shared by the browser-mode HTTP host and the
 * desktop app:// protocol: no path traversal (raw or percent-encoded), no dot-files, no directory
 * listing, no symlinks out of the folder, and the same security headers on every response.
 */

/**
 * The renderer's Content Security Policy. style-src has no 'unsafe-inline': React and React Flow set
 * element styles through the CSSOM (element.style.x = …), which CSP does not restrict, and Vite emits
 * CSS as files; neither injects <style> elements or style="" markup in a production build.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response (static files, API answers and errors alike). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Vite puts content-hashed bundles under assets/, so they never change and may be cached for good;
 * everything else (index.html above all) is revalidated so a rebuilt renderer is picked up.
 */
export function cacheControlFor(relativePath: string): string {
  if (relativePath === 'index.html') return 'no-store';
  if (relativePath.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

export type StaticResolution =
  | { ok: true; file: string; relativePath: string }
  /** 400: the path itself is malformed or tries to leave the folder; 404: nothing to serve there. */
  | { ok: false; status: 400 | 404 };

/**
 * Maps the raw path of a request (still percent-encoded, e.g. "/assets/index-3f2a.js") to a file
 * inside `root`. "/" serves index.html. Each segment is decoded on its own, so "%2e%2e" and "%2f" are
 * judged after decoding, and the final real path must still lie inside the real root.
 */
export async function resolveStaticFile(root: string, rawPathname: string): Promise<StaticResolution> {
  if (!rawPathname.startsWith('/')) return { ok: false, status: 400 };
  const encoded = rawPathname === '/' ? ['index.html'] : rawPathname.slice(1).split('/');
  const segments: string[] = [];
  for (const part of encoded) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { ok: false, status: 400 };
    // Empty segments ("a//b", a trailing "/") would name a folder: no listings. Dot-files are never served.
    if (segment === '' || segment.startsWith('.')) return { ok: false, status: 404 };
    segments.push(segment);
  }
  try {
    const realRoot = await realpath(root);
    const realFile = await realpath(join(realRoot, ...segments));
    if (!realFile.startsWith(realRoot + sep)) return { ok: false, status: 404 };
    if (!(await stat(realFile)).isFile()) return { ok: false, status: 404 };
    return { ok: true, file: realFile, relativePath: segments.join('/') };
  } catch {
    return { ok: false, status: 404 };
  }
}
