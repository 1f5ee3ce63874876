import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningHost, artifactPath, launchBrowser, startHost } from './browser';

/**
 * The workshop in front of the customer, end to end in browser mode: import the example estate, drag a
 * bot runner into the other AZ's app subnet, change the SQL Server's instance type, undo both and redo
 * them (the total changes and changes back), keep a scenario, export the diagram, save and reopen.
 * Screenshots of each main view go to test-results/e2e/.
 */
describe('browser mode: the workshop edit loop', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let workspace: string;
  const pageErrors: string[] = [];
  const total = (): Promise<string> => page.getByTestId('monthly-total').innerText();
  const flowNode = (id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
  let imported = '';
  let edited = '';

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'archplan-e2e-edit-'));
    host = await startHost(workspace);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('imports the estate and draws it with AWS icons, costs on the nodes and the total', async () => {
    await page.getByTestId('import-input').setInputFiles(join(ROOT, 'examples', 'rpa-estate.csv'));
    await flowNode('ec2-sqlprd01').waitFor({ timeout: 30_000 });
    await expect.poll(() => total(), { timeout: 30_000 }).toMatch(/^\$[\d,]+\.\d\d$/);
    imported = await total();
    // Every resource shows its official icon (an <img> that loaded) and its monthly cost.
    const icons = page.locator('.react-flow__node img.arch-glyph');
    expect(await icons.count()).toBeGreaterThan(30);
    // Typed by hand: the tests are type-checked without the DOM library.
    type Img = { complete: boolean; naturalWidth: number };
    const broken = await icons.evaluateAll(
      (imgs) =>
        imgs.filter((i) => !(i as unknown as Img).complete || (i as unknown as Img).naturalWidth === 0)
          .length,
    );
    expect(broken).toBe(0);
    expect(await page.getByTestId('node-cost-ec2-sqlprd01').innerText()).toMatch(/^\$[\d,]+\.\d\d/);
    expect(await page.locator('.react-flow__minimap').count()).toBe(1);
    await page.screenshot({ path: artifactPath('edit-01-imported.png') });
  });

  it('drags a bot runner from AZ a’s app subnet into AZ b’s; the inspector shows the new subnet and AZ', async () => {
    const node = flowNode('ec2-iqbot-prd-01');
    const from = await node.boundingBox();
    const subnet = await flowNode('subnet-app-b').boundingBox();
    if (!from || !subnet) throw new Error('node or subnet not on screen');
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    // Into the subnet's lower-left area, below its title bar.
    const to = { x: subnet.x + from.width / 2 + 8, y: subnet.y + subnet.height - from.height / 2 - 6 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 10, start.y + 10, { steps: 3 });
    await page.mouse.move(to.x, to.y, { steps: 15 });
    await page.mouse.up();
    await expect
      .poll(() => page.getByTestId('status-message').innerText())
      .toMatch(/Moved .* to App subnet B/);
    await node.click();
    await expect.poll(() => page.getByTestId('inspector-subnet').inputValue()).toBe('subnet-app-b');
    expect(await page.getByTestId('inspector-zone').inputValue()).toBe('ap-south-1b');
    // Moving within one tier does not change the price.
    expect(await total()).toBe(imported);
  });

  it('changes the SQL Server’s instance type from the inspector’s priced list; the total follows', async () => {
    await flowNode('ec2-sqlprd01').click();
    const picker = page.getByTestId('inspector-instance-type');
    await expect.poll(() => picker.inputValue()).toMatch(/^r\d/);
    const options = await picker.locator('option').allInnerTexts();
    expect(options.some((o) => /^r6i\.4xlarge · 16 vCPU, 128 GiB · \$[\d,]+\.\d\d\/mo/.test(o))).toBe(true);
    await picker.selectOption('r6i.4xlarge');
    await expect.poll(() => total()).not.toBe(imported);
    edited = await total();
    expect(await page.getByTestId('inspector-cost').innerText()).toMatch(/^\$[\d,]+\.\d\d\/mo$/);
    await page.screenshot({ path: artifactPath('edit-02-inspector.png') });
  });

  it('undo brings back the total and then the subnet; redo repeats both', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => total()).toBe(imported);
    await page.getByTestId('undo').click();
    await flowNode('ec2-iqbot-prd-01').click();
    await expect.poll(() => page.getByTestId('inspector-subnet').inputValue()).toBe('subnet-app-a');
    await page.getByTestId('redo').click();
    await expect.poll(() => page.getByTestId('inspector-subnet').inputValue()).toBe('subnet-app-b');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => total()).toBe(edited);
  });

  it('adds a load balancer from the palette and deletes it again with the keyboard', async () => {
    const before = await page.locator('.react-flow__node').count();
    await page.getByTestId('palette-load-balancer').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
    await page.locator('.react-flow__pane').focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
  });

  it('flags a node that breaks a check; clicking the finding selects it and the inspector offers the fix', async () => {
    await flowNode('ec2-iqbot-prd-02').click();
    await page.getByTestId('inspector-public-ip').check();
    await page.getByTestId('node-flag-ec2-iqbot-prd-02').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.getByTestId('inspector-body').count()).toBe(0);
    await page.locator('[data-testid^="finding-"] button').first().click();
    await expect.poll(() => page.getByTestId('inspector-name').inputValue()).toBe('IQBOT-PRD-02');
    expect(await page.getByTestId('inspector-findings').innerText()).toContain('Fix:');
    await page.screenshot({ path: artifactPath('edit-03-finding.png') });
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('node-flag-ec2-iqbot-prd-02').count()).toBe(0);
    expect(await total()).toBe(edited);
  });

  it('keeps a 3-year RI scenario and compares it with the design', async () => {
    await page.getByTestId('scenario-name').fill('3-year RI');
    await page.getByTestId('scenario-purchase').selectOption('ri-standard-3yr-no-upfront');
    await page.getByTestId('scenario-add').click();
    const table = page.getByTestId('scenario-table');
    await table.waitFor({ timeout: 30_000 });
    expect(await table.locator('[data-testid^="scenario-col-"]').count()).toBe(2);
    expect(await page.getByTestId('scenario-monthly-current').innerText()).toBe(edited);
    expect(
      Number(
        (await table.locator('td[data-testid^="scenario-monthly-scenario"]').innerText()).replace(
          /[$,]/g,
          '',
        ),
      ),
    ).toBeLessThan(Number(edited.replace(/[$,]/g, '')));
    await page.getByTestId('scenarios').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('edit-04-scenarios.png') });
  });

  it('exports the diagram as SVG and PNG into the workspace', async () => {
    await page.getByTestId('export-svg').click();
    await expect.poll(() => page.getByTestId('status-message').innerText()).toMatch(/diagram\.svg/);
    await page.getByTestId('export-png').click();
    await expect
      .poll(() => page.getByTestId('status-message').innerText(), { timeout: 30_000 })
      .toMatch(/diagram\.png/);
    const svg = readFileSync(join(workspace, 'rpa-estate-diagram.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    const png = readFileSync(join(workspace, 'rpa-estate-diagram.png'));
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });

  it('saves, starts anew, and reopens the edited design with its total and scenario', async () => {
    await page.getByTestId('toolbar-save').click();
    await expect
      .poll(() => readdirSync(workspace).filter((f) => f.endsWith('.archplan.json') && !f.startsWith('.')))
      .toEqual(['rpa-estate.archplan.json']);
    await page.getByTestId('toolbar-new').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByTestId('toolbar-open').click();
    await page.getByTestId('open-file-rpa-estate.archplan.json').click();
    await flowNode('ec2-sqlprd01').waitFor({ timeout: 30_000 });
    await expect.poll(() => total()).toBe(edited);
    await flowNode('ec2-iqbot-prd-01').click();
    await expect.poll(() => page.getByTestId('inspector-subnet').inputValue()).toBe('subnet-app-b');
    expect(await page.getByTestId('scenario-table').locator('[data-testid^="scenario-col-"]').count()).toBe(
      2,
    );
    await page.screenshot({ path: artifactPath('edit-05-reopened.png') });
  });

  it('asks before unsaved changes are lost', async () => {
    await flowNode('ec2-sqlprd01').click();
    await page.getByTestId('inspector-instance-type').selectOption('r6i.2xlarge');
    await page.getByTestId('toolbar-new').click();
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.screenshot({ path: artifactPath('edit-06-unsaved-prompt.png') });
    await page.getByTestId('unsaved-cancel').click();
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(20);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
