/**
 * Regenerates docs/screenshot.png for the README: the built app in the browser mode with the example
 * inventory imported. Run after `npm run build`: `npx tsx scripts/capture-screenshot.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser, startHost } from '../test/e2e/browser';

const host = await startHost(mkdtempSync(join(tmpdir(), 'archplan-shot-')));
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(host.url);
  await page.getByTestId('import-input').setInputFiles(join(ROOT, 'examples', 'rpa-estate.csv'));
  await page.locator('.react-flow__node[data-id="ec2-sqlprd01"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  process.stdout.write('wrote docs/screenshot.png\n');
} finally {
  await browser.close();
  await host.stop();
}
