import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

/**
 * The renderer is built to dist/renderer with relative asset URLs (base './') so the same files load
 * under the desktop's app:// protocol and from the browser-mode host over http.
 */

/**
 * index.html carries the strict CSP the built app runs under. The dev server injects an inline React
 * Refresh preamble and CSS as <style> tags, and its HMR uses a websocket, so `vite serve` (only)
 * relaxes the policy for those.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'archplan:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws:"),
  };
}

/**
 * `ARCHPLAN_WEB_HOST=http://127.0.0.1:<port> npx vite` serves the renderer with hot reload and passes
 * /api/* to a running browser-mode host (open the dev URL with the host's #token=… fragment). The host
 * accepts only its own Origin, so the proxy presents that. ('/api/' with the slash: '/api' would also
 * catch the renderer's own /api.ts module.)
 */
const webHost = process.env.ARCHPLAN_WEB_HOST;

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  server: webHost
    ? { proxy: { '/api/': { target: webHost, changeOrigin: true, headers: { origin: webHost } } } }
    : {},
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // elkjs (the auto-layout engine core plans with) is ~1.5 MB on its own; the app loads from disk or localhost.
    chunkSizeWarningLimit: 3000,
  },
});
