/**
 * Workshop UI speed (`npm run bench:ui`): a 500-node design in the built browser-mode app, driven by
 * Playwright in Debian's Chromium. Prints, against the targets of issue 6:
 *
 * - frames per second while the canvas is panned with the mouse (target at least 50);
 * - script time from an edit (an instance type chosen in the inspector) to the updated total on the
 *   page (the store's `archplan:edit-to-total` performance measure; target at most 16 ms).
 *
 * Panning is measured twice: with the whole design in view, and zoomed in to 100% (where the canvas
 * renders only what is in view). It does not fail on the figures (timings belong in a benchmark, not
 * in tests). It needs `npm run build` first (the script line runs it). BENCH_UI_NODES sets another
 * design size; BENCH_UI_PROFILE=1 (best with `vite build --minify false`) prints where the edits'
 * script time goes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNativeCsv } from '../core/inventory/parse-native-csv';
import { createProject, planProject } from '../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../core/pricing/price-book';
import { serializeProject } from '../core/project/load-project';
import { launchBrowser, startHost } from '../test/e2e/browser';
import { syntheticInventoryCsv } from './synthetic-inventory';

const root = join(import.meta.dirname, '..');
const TARGET_NODES = Number(process.env.BENCH_UI_NODES ?? 500);

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Plans a synthetic estate just big enough for a design of at least 500 nodes. */
async function buildDesign(): Promise<{ text: string; nodes: number; servers: number }> {
  const snap = parsePricingSnapshot(
    readFileSync(join(root, 'pricing-data', 'ap-south-1.json'), 'utf8'),
    'ap-south-1.json',
  );
  if (!snap.ok) throw new Error('the bundled ap-south-1 snapshot does not parse');
  const prices = { book: createSnapshotPriceBook(snap.value), instanceTypes: snap.value.instanceTypes };
  // About 40 nodes are the VPC, subnets and shared services; the rest are one instance per server.
  for (let servers = Math.max(4, TARGET_NODES - 60); ; servers += 10) {
    const inv = parseNativeCsv(syntheticInventoryCsv(servers), 'bench.csv', '2026-11-23T00:00:00Z');
    const { project } = await planProject(
      createProject({ name: 'Bench 500' }, '2026-11-23T00:00:00Z'),
      inv.inventory,
      prices,
    );
    if (project.topology.nodes.length >= TARGET_NODES)
      return { text: serializeProject(project), nodes: project.topology.nodes.length, servers };
  }
}

async function main(): Promise<void> {
  const design = await buildDesign();
  const workspace = mkdtempSync(join(tmpdir(), 'archplan-bench-ui-'));
  writeFileSync(join(workspace, 'bench-500.archplan.json'), design.text);
  const host = await startHost(workspace);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.url);
    await page.getByTestId('toolbar-open').click();
    await page.getByTestId('open-file-bench-500.archplan.json').click();
    await page.getByTestId('monthly-total').waitFor({ timeout: 60_000 });
    await page.locator('.react-flow__node').first().waitFor();
    const drawn = await page.locator('.react-flow__node').count();
    process.stdout.write(
      `design: ${design.nodes} nodes (${design.servers} servers); React Flow renders ${drawn} of them in view\n`,
    );

    // Panning: the mouse drags the empty canvas for a few seconds while requestAnimationFrame counts frames.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
        ).metrics.map((m) => [m.name, m.value]),
      );
    const pan = async (label: string): Promise<void> => {
      const pane = await page.locator('.react-flow__pane').boundingBox();
      if (!pane) throw new Error('no canvas pane');
      const fpsRuns: number[] = [];
      const m0 = await metrics();
      for (let run = 0; run < 3; run++) {
        const x0 = pane.x + pane.width / 2;
        const y0 = pane.y + pane.height / 2;
        // A string, not a function: tsx would wrap a named function in a helper the page does not have.
        await page.evaluate(`(() => {
          window.__frames = 0;
          window.__count = true;
          const tick = () => {
            if (!window.__count) return;
            window.__frames++;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })()`);
        const t0 = Date.now();
        await page.mouse.move(x0, y0);
        await page.mouse.down();
        const steps = 120;
        for (let i = 1; i <= steps; i++) {
          const a = (i / steps) * Math.PI * 2;
          await page.mouse.move(x0 + Math.sin(a) * 300, y0 + (1 - Math.cos(a)) * 150);
          await page.waitForTimeout(16);
        }
        await page.mouse.up();
        const seconds = (Date.now() - t0) / 1000;
        const frames = Number(await page.evaluate('window.__count = false, window.__frames'));
        fpsRuns.push(frames / seconds);
      }
      const m1 = await metrics();
      const spent = (k: string): string => `${(((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000).toFixed(0)} ms`;
      const inPage = await page.locator('.react-flow__node').count();
      process.stdout.write(
        `panning FPS, ${label} (${inPage} nodes in the page): ${fpsRuns.map((f) => f.toFixed(0)).join(', ')} (median ${median(fpsRuns).toFixed(0)}; target ≥ 50); main thread: script ${spent('ScriptDuration')}, style ${spent('RecalcStyleDuration')}, layout ${spent('LayoutDuration')}\n`,
      );
    };
    process.stdout.write(
      `load average at start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${cpus().length} cores\n`,
    );
    await pan('whole design in view');
    // The architect works zoomed in: zoom to 100% around the centre and pan there.
    for (let i = 0; i < 30; i++) {
      const scale = Number(
        /scale\(([\d.]+)\)/.exec(
          (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '',
        )?.[1] ?? 1,
      );
      if (scale >= 0.95) break;
      await page.locator('.react-flow__controls-zoomin').click();
    }
    await pan('zoomed in to 100%');

    // Edits: pick the first instance and switch its type back and forth in the inspector.
    await page.getByTestId('fit-view').click();
    const instance = page.locator('.react-flow__node[data-id^="ec2-bot"]').first();
    await instance.click();
    const picker = page.getByTestId('inspector-instance-type');
    await picker.waitFor();
    const original = await picker.inputValue();
    const other = original === 'm6i.2xlarge' ? 'm6i.xlarge' : 'm6i.2xlarge';
    await page.evaluate(() => performance.clearMeasures('archplan:edit-to-total'));
    // BENCH_UI_PROFILE=1 (with an unminified build) prints where the edits' script time goes.
    if (process.env.BENCH_UI_PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const edits = 20;
    for (let i = 0; i < edits; i++) {
      const before = await page.getByTestId('monthly-total').innerText();
      await picker.selectOption(i % 2 === 0 ? other : original);
      // A string: this script is type-checked without the DOM library.
      await page.waitForFunction(
        `document.querySelector('[data-testid="monthly-total"]')?.textContent !== ${JSON.stringify(before)}`,
      );
    }
    if (process.env.BENCH_UI_PROFILE) {
      type ProfileNode = {
        hitCount?: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
      };
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
        profile: { nodes: ProfileNode[] };
      };
      const self = new Map<string, number>();
      for (const n of profile.nodes) {
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
      }
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
        process.stdout.write(`${v}\t${k}\n`);
    }
    const times = await page.evaluate(() =>
      performance.getEntriesByName('archplan:edit-to-total').map((e) => e.duration),
    );
    process.stdout.write(
      `edit → updated total (script time, ${times.length} edits): median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target ≤ 16 ms)\n`,
    );
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
