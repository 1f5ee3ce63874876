import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventoryFile } from '../../core/inventory/parse-inventory-file';
import { ROOT, type RunningHost, artifactPath, launchBrowser, startHost } from './browser';

/**
 * The inventory grid in the browser mode: an RVTools export imported (format detected), the
 * recommendation beside the current figures, the rationale, a pinned type and an edited role
 * re-planning the design, and the template download.
 */
describe('browser mode: inventory formats and the sizing grid', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    host = await startHost(mkdtempSync(join(tmpdir(), 'archplan-e2e-grid-')));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('downloads the inventory template, a workbook the importer reads', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('inventory-template.xlsx');
    const path = await download.path();
    const parsed = parseInventoryFile('inventory-template.xlsx', readFileSync(path), '2026-11-23T00:00:00Z');
    expect(parsed.format).toBe('native-xlsx');
    expect(parsed.inventory.servers).toHaveLength(3);
  });

  it('imports an RVTools workbook and shows each server beside its recommendation', async () => {
    await page.getByTestId('import-input').setInputFiles(join(ROOT, 'examples', 'rvtools-export.xlsx'));
    await expect
      .poll(() => page.locator('[data-testid^="inventory-row-"]').count(), { timeout: 30_000 })
      .toBe(19);
    expect(await page.locator('.status-bar').innerText()).toMatch(
      /Imported 19 servers from rvtools-export\.xlsx \(RVTools export, XLSX\)/,
    );
    const row = page.getByTestId('inventory-row-sqlprd01');
    expect(await row.getByTestId('inventory-instance-type').innerText()).toMatch(/^r[\w-]+\.\w+/);
    expect(await page.getByTestId('inventory-role-sqlprd01').inputValue()).toBe('sql');
    await page.getByTestId('inventory-expand-sqlprd01').click();
    expect(await page.getByTestId('inventory-rationale-sqlprd01').innerText()).toMatch(
      /^16 vCPU at average 41% \(no p95\) × 1\.3 = 8\.5 → 9 vCPU; 128 GiB kept for the SQL buffer pool → r\w+\.\w+ with \d+ cores active/,
    );
    await page.screenshot({ path: artifactPath('grid-01-rationale.png') });
  });

  it('pins another instance type: the design and the estimate follow, and the rationale says so', async () => {
    const before = await page.getByTestId('monthly-total').innerText();
    await page.getByTestId('inventory-pin-sqlprd01').selectOption('r6i.4xlarge');
    await expect
      .poll(() => page.getByTestId('inventory-rationale-sqlprd01').innerText(), { timeout: 30_000 })
      .toMatch(
        /→ r6i\.4xlarge with \d+ cores active.*, pinned by the architect \(sizing would choose r\w+\.\w+, \$[\d,.]+ a month less\)\.$/,
      );
    await expect.poll(() => page.getByTestId('monthly-total').innerText()).not.toBe(before);
    await page.screenshot({ path: artifactPath('grid-02-pinned.png') });
    await page.getByTestId('inventory-pin-sqlprd01').selectOption('');
    await expect.poll(() => page.getByTestId('monthly-total').innerText(), { timeout: 30_000 }).toBe(before);
  });

  it('changes a role in the grid and re-plans', async () => {
    await page.getByTestId('inventory-role-fs-prd-01').selectOption('app');
    await expect
      .poll(() => page.locator('.status-bar').innerText(), { timeout: 30_000 })
      .toMatch(/FS-PRD-01 is now planned as app/);
    expect(await page.getByTestId('inventory-role-fs-prd-01').inputValue()).toBe('app');
    expect(pageErrors).toEqual([]);
  });
});
