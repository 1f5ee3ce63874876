import { PROJECT_VERSION } from '../../core/project/schema';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningHost, artifactPath, launchBrowser, startHost } from './browser';

/**
 * The workshop path in the browser mode, end to end against the built app: import the example
 * inventory, see the servers, the diagram and a monthly total, save, open the saved project again,
 * and export the plan (CloudFormation and the proposal PDF) into the workspace.
 */
describe('browser mode: import, see, save, reopen, export', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let workspace: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'archplan-e2e-'));
    host = await startHost(workspace);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('dialog', (d) => void d.accept());
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('imports the example inventory and shows servers, diagram nodes and a monthly total', async () => {
    await page.getByTestId('import-input').setInputFiles(join(ROOT, 'examples', 'rpa-estate.csv'));
    await expect
      .poll(() => page.locator('[data-testid^="inventory-row-"]').count(), { timeout: 30_000 })
      .toBe(14);
    await page.locator('.react-flow__node[data-id="ec2-sqlprd01"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(20);
    const total = await page.getByTestId('monthly-total').innerText();
    expect(total).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(Number(total.replace(/[$,]/g, ''))).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('01-imported.png') });
  });

  it('saves the project into the workspace and reopens it with the same servers and total', async () => {
    const total = await page.getByTestId('monthly-total').innerText();
    await page.getByTestId('toolbar-save').click();
    await expect
      .poll(() => readdirSync(workspace).filter((f) => f.endsWith('.archplan.json')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    const file = readdirSync(workspace).find((f) => f.endsWith('.archplan.json')) as string;
    const saved = JSON.parse(readFileSync(join(workspace, file), 'utf8'));
    expect(saved).toMatchObject({ format: 'archplan', version: PROJECT_VERSION });
    expect(saved.inventory.servers).toHaveLength(14);

    await page.getByTestId('toolbar-new').click();
    await expect.poll(() => page.locator('[data-testid^="inventory-row-"]').count()).toBe(0);

    await page.getByTestId('toolbar-open').click();
    await page.getByTestId('open-dialog').waitFor();
    await page.getByTestId(`open-file-${file}`).click();
    await expect
      .poll(() => page.locator('[data-testid^="inventory-row-"]').count(), { timeout: 30_000 })
      .toBe(14);
    await page.locator('.react-flow__node[data-id="ec2-sqlprd01"]').waitFor();
    expect(await page.getByTestId('monthly-total').innerText()).toBe(total);
    await page.screenshot({ path: artifactPath('02-reopened.png') });
  });

  it('exports the plan into the workspace: CloudFormation and a branded proposal PDF on A4', async () => {
    // The architect's own brand folder, named in the export dialog and saved with the project.
    const brand = mkdtempSync(join(tmpdir(), 'archplan-e2e-brand-'));
    writeFileSync(
      join(brand, 'brand.json'),
      JSON.stringify({ companyName: 'Cloudwise Consulting', colors: { primary: '#7B1FA2' } }),
    );
    const exportButton = page.getByTestId('toolbar-export');
    expect(await exportButton.isEnabled()).toBe(true);
    await exportButton.click();
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-template-dir').fill(brand);
    await page.getByTestId('export-template-dir').blur();
    await page.screenshot({ path: artifactPath('03-export-dialog.png') });
    await page.getByTestId('export-a4').click();
    // While the host writes and prints, the status bar shows a spinner instead of the message.
    await expect
      .poll(() => page.getByTestId('status-bar').innerText(), { timeout: 90_000 })
      .toMatch(/Exported \d+ files to /);
    const folders = readdirSync(workspace).filter((f) => f.endsWith('-export'));
    expect(folders).toEqual(['rpa-estate-export']);
    const dir = join(workspace, 'rpa-estate-export');
    expect(await page.getByTestId('status-message').innerText()).toContain(dir);
    expect(readFileSync(join(dir, 'proposal.pdf')).subarray(0, 4).toString()).toBe('%PDF');
    expect(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8')).toContain(
      'AWSTemplateFormatVersion',
    );
    const html = readFileSync(join(dir, 'proposal.html'), 'utf8');
    expect(html).toContain('Cloudwise Consulting');
    expect(html.toLowerCase()).toContain('#7b1fa2');
    expect(await page.getByTestId('export-dialog').isVisible()).toBe(false);
    await page.screenshot({ path: artifactPath('03-exported.png') });
  });

  it('compares the SQL Server HA patterns and re-plans the design with another one', async () => {
    await page.getByTestId('ha-compare-open').click();
    const table = page.getByTestId('ha-compare-table');
    await table.waitFor({ timeout: 30_000 });
    expect(await table.locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('ha-row-single-instance').innerText()).toContain('RES-01');
    await page.screenshot({ path: artifactPath('04-ha-comparison.png') });
    await page.getByTestId('ha-choose-fci-fsx').click();
    await page.locator('.react-flow__node[data-id="fsx-sql"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ha-compare-dialog').isVisible()).toBe(false);
    expect(await page.getByTestId('status-bar').innerText()).toContain('Failover cluster instance on FSx');
    await page.screenshot({ path: artifactPath('05-fci-fsx.png') });
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
