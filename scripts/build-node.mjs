// Bundles the Node-side entry points with esbuild: Electron main and preload (CommonJS, as a sandboxed
// preload requires), the browser-mode host and the CLI (ESM). The renderer is built by Vite.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Runtime dependencies stay in node_modules (electron-builder ships them); only our code is bundled.
  packages: 'external',
};
// CommonJS bundles have no import.meta.url; give them one so shared code can find its resources.
const cjsShim = {
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

const entries = [
  {
    entryPoints: ['main/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    external: ['electron'],
    ...cjsShim,
  },
  // The sandboxed preload may only require('electron'); everything else (zod) is bundled in. No cjsShim:
  // Electron runs a sandboxed preload inside a wrapper without __filename, and require('node:url') is
  // not loadable there, so the shim's banner would throw before the preload could expose anything.
  {
    entryPoints: ['main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    external: ['electron'],
    packages: 'bundle',
  },
  { entryPoints: ['main/web-host.ts'], outfile: 'dist/web/web-host.js', format: 'esm' },
  { entryPoints: ['cli/archplan.ts'], outfile: 'dist/cli/archplan.js', format: 'esm' },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  const { context } = await import('esbuild');
  for (const e of entries) await (await context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
}
