/**
 * Speed figures (`npm run bench`): prints measurements against the targets in the issues; it does not
 * fail on them — timings belong in a benchmark, not in tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseNativeCsv } from '../core/inventory/parse-native-csv';
import { DEFAULT_PLAN_OPTIONS } from '../core/model/options';
import { estimateTopology } from '../core/pricing/estimate';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../core/pricing/price-book';
import { evaluateChecks } from '../core/security/evaluate';
import { sizeInventory } from '../core/sizing/size-inventory';
import { buildTopology } from '../core/topology/build-topology';
import { layoutTopology } from '../core/topology/layout';
import { syntheticInventoryCsv } from './synthetic-inventory';

const root = join(import.meta.dirname, '..');

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const snap = parsePricingSnapshot(
    readFileSync(join(root, 'pricing-data', 'ap-south-1.json'), 'utf8'),
    'ap-south-1.json',
  );
  if (!snap.ok) throw new Error('snapshot');
  const book = createSnapshotPriceBook(snap.value);
  const options = DEFAULT_PLAN_OPTIONS;

  for (const n of [14, 1000, 5000]) {
    const csv =
      n === 14 ? readFileSync(join(root, 'examples', 'rpa-estate.csv'), 'utf8') : syntheticInventoryCsv(n);
    const [parsed, tParse] = time(() => parseNativeCsv(csv, 'bench.csv', '2026-01-01T00:00:00Z'));
    const [sized, tSize] = time(() =>
      sizeInventory(parsed.inventory, snap.value.instanceTypes, book, options),
    );
    const [topology, tTopo] = time(() => buildTopology(parsed.inventory, sized.results, options));
    const [, tLayout] = await timeAsync(() => layoutTopology(topology));
    const [, tEstimate] = time(() =>
      estimateTopology(topology, createSnapshotPriceBook(snap.value), 'on-demand'),
    );
    const [, tChecks] = time(() => evaluateChecks(topology));
    const total = tParse + tSize + tTopo + tLayout + tEstimate + tChecks;
    process.stdout.write(
      `plan in-process, ${String(n).padStart(5)} servers: total ${ms(total)} (parse ${ms(tParse)}, size ${ms(tSize)}, topology ${ms(tTopo)}, layout ${ms(tLayout)}, estimate ${ms(tEstimate)}, checks ${ms(tChecks)})\n`,
    );
  }

  const cli = join(root, 'dist', 'cli', 'archplan.js');
  if (existsSync(cli)) {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-bench-'));
    const file = join(dir, 'estate-5000.csv');
    writeFileSync(file, syntheticInventoryCsv(5000));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'plan', file, '--out', join(dir, 'out'), '--json'], {
      encoding: 'utf8',
    });
    process.stdout.write(
      `archplan plan end to end, 5000 servers (incl. PDF when a browser is found): ${ms(performance.now() - t0)} (exit ${r.status}; target < 3000 ms)\n`,
    );
  } else process.stdout.write('archplan CLI not built: run `npm run build` for the end-to-end figure\n');

  const rendererDir = join(root, 'dist', 'renderer', 'assets');
  if (existsSync(rendererDir)) {
    let raw = 0;
    let gz = 0;
    for (const f of readdirSync(rendererDir)) {
      const p = join(rendererDir, f);
      raw += statSync(p).size;
      gz += gzipSync(readFileSync(p)).length;
    }
    process.stdout.write(
      `renderer bundle: ${(raw / 1024 / 1024).toFixed(2)} MB raw, ${(gz / 1024 / 1024).toFixed(2)} MB gzip (target < 2.5 MB gzip)\n`,
    );
  }
}

await main();
