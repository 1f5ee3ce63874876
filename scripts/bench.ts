/**
 * Speed figures (`npm run bench`): prints measurements against the targets in the issues; it does not
 * fail on them — timings belong in a benchmark, not in tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_IMPORT_LIMITS } from '../core/inventory/limits';
import { parseInventoryFile } from '../core/inventory/parse-inventory-file';
import { parseNativeCsv } from '../core/inventory/parse-native-csv';
import { DEFAULT_PLAN_OPTIONS } from '../core/model/options';
import { comparePurchaseOptions } from '../core/pricing/compare';
import { estimateTopology } from '../core/pricing/estimate';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../core/pricing/price-book';
import { evaluateChecks } from '../core/security/evaluate';
import { sizeInventory } from '../core/sizing/size-inventory';
import { buildTopology } from '../core/topology/build-topology';
import { layoutTopology } from '../core/topology/layout';
import { CLI_IMPORT_LIMITS } from '../cli/read-inventory';
import { launchBrowser, startHost } from '../test/e2e/browser';
import { buildRvtoolsXlsx, largeEstate } from './inventory-samples';
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

  await benchPricing(root);

  // Issue 4 targets: size 10,000 servers (< 300 ms); parse a 10,000-row RVTools workbook (< 2 s).
  {
    const inventory = parseNativeCsv(
      syntheticInventoryCsv(10_000),
      'bench.csv',
      '2026-01-01T00:00:00Z',
    ).inventory;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const freshBook = createSnapshotPriceBook(snap.value);
      runs.push(time(() => sizeInventory(inventory, snap.value.instanceTypes, freshBook, options))[1]);
    }
    process.stdout.write(
      `size 10,000 servers (price catalogs included): first ${ms(runs[0] ?? 0)}, then ${runs.slice(1).map(ms).join(', ')} (target < 300 ms)\n`,
    );
    const workbook = buildRvtoolsXlsx(largeEstate(10_000));
    // As the CLI parses (Node's zlib inflating) and as the app's renderer does (the pure-JS inflater).
    for (const [how, limits] of [
      ['CLI, native inflate', CLI_IMPORT_LIMITS],
      ['app, pure-JS inflate', DEFAULT_IMPORT_LIMITS],
    ] as const) {
      const parses: number[] = [];
      let servers = 0;
      for (let i = 0; i < 3; i++) {
        const [parsed, t] = time(() =>
          parseInventoryFile('rvtools-10000.xlsx', workbook, '2026-01-01T00:00:00Z', limits),
        );
        servers = parsed.inventory.servers.length;
        parses.push(t);
      }
      process.stdout.write(
        `parse a 10,000-VM RVTools workbook (${(workbook.length / 1024 / 1024).toFixed(1)} MB xlsx, ${servers} servers; ${how}): first ${ms(parses[0] ?? 0)}, then ${parses.slice(1).map(ms).join(', ')} (target < 2000 ms)\n`,
      );
    }
  }

  const cli = join(root, 'dist', 'cli', 'archplan.js');
  if (existsSync(cli)) {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-bench-'));
    const file = join(dir, 'estate-5000.csv');
    writeFileSync(file, syntheticInventoryCsv(5000));
    for (const [label, extra] of [
      ['every file but the PDF', ['--no-pdf']],
      ['every file, PDF included', []],
    ] as const) {
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        [cli, 'plan', file, '--out', join(dir, `out-${extra.length}`), '--json', ...extra],
        { encoding: 'utf8' },
      );
      process.stdout.write(
        `archplan plan end to end, 5000 servers, ${label}: ${ms(performance.now() - t0)} (exit ${r.status}; target < 3000 ms)\n`,
      );
    }
  } else process.stdout.write('archplan CLI not built: run `npm run build` for the end-to-end figure\n');

  {
    // Memory of a 1,000-server project planned in one process (the CLI's and the app's core work).
    // With --expose-gc (npm run bench passes it) the figures are live memory, not garbage.
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    const inventory = parseNativeCsv(
      syntheticInventoryCsv(1000),
      'bench.csv',
      '2026-01-01T00:00:00Z',
    ).inventory;
    const sized = sizeInventory(inventory, snap.value.instanceTypes, book, options);
    const topology = buildTopology(inventory, sized.results, options);
    await layoutTopology(topology);
    const estimate = estimateTopology(topology, book, 'on-demand');
    const checks = evaluateChecks(topology);
    collect();
    const { heapUsed, rss } = process.memoryUsage();
    // Keep the results alive until measured.
    if (checks.length === 0 || sized.results.length === 0) process.stdout.write('(nothing planned)\n');
    process.stdout.write(
      `memory with a 1,000-server project planned in-process and held (${topology.nodes.length} nodes, ${estimate.lines.length} lines): heap in use ${(heapUsed / 1024 / 1024).toFixed(0)} MB, process RSS ${(rss / 1024 / 1024).toFixed(0)} MB, ${(JSON.stringify(topology).length / 1024 / 1024).toFixed(1)} MB of topology JSON\n`,
    );
  }

  await benchBrowser(root);

  const rendererDir = join(root, 'dist', 'renderer', 'assets');
  if (existsSync(rendererDir)) {
    let raw = 0;
    let gz = 0;
    // Source maps are built for debugging but never shipped (electron-builder.yml excludes *.map).
    for (const f of readdirSync(rendererDir).filter((name) => !name.endsWith('.map'))) {
      const p = join(rendererDir, f);
      raw += statSync(p).size;
      gz += gzipSync(readFileSync(p)).length;
    }
    process.stdout.write(
      `renderer bundle: ${(raw / 1024 / 1024).toFixed(2)} MB raw, ${(gz / 1024 / 1024).toFixed(2)} MB gzip (target < 2.5 MB gzip)\n`,
    );
  }
}

/**
 * The browser mode as a user meets it: from starting the host to a page they can click (target under
 * 1.5 s), and the renderer's JavaScript heap once a 1,000-server inventory is imported and planned.
 */
async function benchBrowser(rootDir: string): Promise<void> {
  if (
    !existsSync(join(rootDir, 'dist', 'web', 'web-host.js')) ||
    !existsSync(join(rootDir, 'dist', 'renderer'))
  ) {
    process.stdout.write('browser mode not built: run `npm run build` for the start-up and memory figures\n');
    return;
  }
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    process.stdout.write(`no Chromium for the browser-mode figures (${String(e)})\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'archplan-bench-web-'));
  const starts: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const host = await startHost(dir);
      const tHost = performance.now() - t0;
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByTestId('toolbar-open').waitFor({ state: 'visible' });
      await page.getByTestId('import-input').waitFor({ state: 'attached' });
      starts.push(performance.now() - t0);
      if (run === 0)
        process.stdout.write(`  (host listening after ${ms(tHost)}; the rest is the page loading)\n`);
      if (run === 2) {
        const csv = join(dir, 'estate-1000.csv');
        writeFileSync(csv, syntheticInventoryCsv(1000));
        const t1 = performance.now();
        await page.getByTestId('import-input').setInputFiles(csv);
        await page.locator('[data-testid="monthly-total"]').waitFor();
        // Planned and drawn: more than a hundred nodes on the canvas.
        await page.locator('.react-flow__node').nth(100).waitFor({ state: 'attached', timeout: 120_000 });
        const tImport = performance.now() - t1;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Performance.enable');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        process.stdout.write(
          `import and plan 1,000 servers in the browser mode: ${ms(tImport)}; renderer JS heap after GC ${(heap / 1024 / 1024).toFixed(0)} MB\n`,
        );
      }
      await page.close();
      await host.stop();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(
    `browser mode, start to interactive (host start + page load until the toolbar works): ${starts.map(ms).join(', ')} (target < 1500 ms)\n`,
  );
}

/** Median and fastest of `runs` timings of `fn` (run `fn(i)` with i = 0…runs-1), in ms. */
function timings(runs: number, fn: (i: number) => void): { median: number; min: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? Number.NaN, min: times[0] ?? Number.NaN };
}
const ms1 = (t: { median: number; min: number }) =>
  `${t.median.toFixed(1)} ms median, ${t.min.toFixed(1)} ms fastest`;

/** The pricing targets of the pricing issue: snapshot load, 1,000-server estimate, re-price after one edit. */
async function benchPricing(rootDir: string): Promise<void> {
  for (const region of ['ap-south-1', 'us-east-1']) {
    const file = join(rootDir, 'pricing-data', `${region}.json`);
    const bytes = statSync(file).size;
    const tLoad = timings(9, () => {
      const parsed = parsePricingSnapshot(readFileSync(file, 'utf8'), `${region}.json`);
      if (!parsed.ok) throw new Error('snapshot');
      createSnapshotPriceBook(parsed.value);
    });
    process.stdout.write(
      `load a region snapshot (${region}, ${(bytes / 1024 / 1024).toFixed(2)} MB: read, JSON parse, schema check, index): ${ms1(tLoad)} of 9 (target < 50 ms)\n`,
    );
  }
  const snap = parsePricingSnapshot(
    readFileSync(join(rootDir, 'pricing-data', 'ap-south-1.json'), 'utf8'),
    'ap-south-1.json',
  );
  if (!snap.ok) throw new Error('snapshot');
  const book = createSnapshotPriceBook(snap.value);
  const inventory = parseNativeCsv(
    syntheticInventoryCsv(1000),
    'bench.csv',
    '2026-01-01T00:00:00Z',
  ).inventory;
  const sized = sizeInventory(inventory, snap.value.instanceTypes, book, DEFAULT_PLAN_OPTIONS);
  const topology = buildTopology(inventory, sized.results, DEFAULT_PLAN_OPTIONS);
  const instances = topology.nodes.filter((n) => n.kind === 'ec2-instance').length;
  // Every run prices a copy whose nodes are all new objects, so nothing comes from the per-node cache.
  const copies = Array.from({ length: 12 }, () => structuredClone(topology));
  const [first, tCold] = time(() => estimateTopology(copies[0] as typeof topology, book, 'on-demand'));
  const tWarm = timings(11, (i) => estimateTopology(copies[i + 1] as typeof topology, book, 'on-demand'));
  process.stdout.write(
    `price a 1,000-server topology (${topology.nodes.length} nodes, ${instances} instances, ${first.lines.length} lines): first ${tCold.toFixed(1)} ms, then ${ms1(tWarm)} of 11, every node new (target < 100 ms warm)\n`,
  );
  const riCopies = Array.from({ length: 7 }, () => structuredClone(topology));
  const tRi = timings(7, (i) =>
    estimateTopology(riCopies[i] as typeof topology, book, 'ri-standard-3yr-no-upfront'),
  );
  process.stdout.write(`  the same under a 3-year Standard RI: ${ms1(tRi)} of 7\n`);
  estimateTopology(topology, book, 'on-demand');
  const index = topology.nodes.findIndex((n) => n.kind === 'ec2-instance');
  const edited = Array.from({ length: 21 }, (_, i) => {
    const nodes = [...topology.nodes];
    const node = nodes[index];
    if (node?.kind !== 'ec2-instance') throw new Error('no instance');
    nodes[index] = { ...node, instanceType: i % 2 === 0 ? 'm6i.4xlarge' : 'm6i.2xlarge' };
    return { ...topology, nodes };
  });
  const tEdit = timings(21, (i) => estimateTopology(edited[i] as typeof topology, book, 'on-demand'));
  process.stdout.write(
    `re-price the 1,000-server design after one node changes: ${ms1(tEdit)} of 21 (target < 2 ms)\n`,
  );
  const tCompare = timings(3, () => comparePurchaseOptions(topology, book));
  process.stdout.write(`  all 25 purchase options side by side for it: ${ms1(tCompare)} of 3\n`);
}

await main();
