#!/usr/bin/env node
// Runs the bundled CLI; `npm install` builds it (the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/archplan.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'archplan is not built yet: run `npm install` (or `npm run build:node`) in the project folder.\n',
  );
  process.exit(2);
}
await import(bundle.href);
