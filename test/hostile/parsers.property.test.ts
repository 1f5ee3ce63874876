import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseInventoryFile } from '../../core/inventory/parse-inventory-file';
import { buildXlsx } from '../../core/inventory/xlsx-write';
import type { Issue } from '../../core/model/issue';
import { parseProject, serializeProject } from '../../core/project/load-project';
import { csvCell } from '../../main/services/csv-cell';
import { readCsv } from '../../core/inventory/csv';

/**
 * Properties over the parsers and the project loader: whatever the bytes, they return issues (never
 * throw), every error says what to do, nothing reaches Object.prototype, and what they accept they
 * read back exactly. fast-check shrinks any failure to the smallest input that shows it.
 */
const AT = '2026-11-23T09:00:00.000Z';
const RUNS = { numRuns: 300 };
const HEADER = ['name', 'role', 'os', 'vcpu', 'memory_gib', 'storage_gib', 'cpu_p95_pct', 'memory_p95_pct'];

function wellFormed(issues: readonly Issue[]): boolean {
  return issues.every(
    (i) =>
      /^[a-z0-9]+(\.[a-z0-9-]+)+$/.test(i.code) &&
      i.message.length > 0 &&
      (i.severity !== 'error' || i.hint.length > 0),
  );
}

/** Cells with the characters that break naive CSV code: quotes, separators, line ends, formulas. */
const nastyCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '"',
    '""',
    ',',
    ';',
    '\t',
    '\r\n',
    '\n',
    '=1+1',
    '@x',
    '-',
    '__proto__',
    '\uFEFF',
    '\u0000',
  ),
  fc.double().map(String),
);

describe('inventory parsers never throw', () => {
  it('on arbitrary bytes, under any file name', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('x.csv', 'x.xlsx', 'x.xls', 'x.zip', 'x'),
        (bytes, name) => {
          const parsed = parseInventoryFile(name, bytes, AT);
          expect(wellFormed(parsed.issues)).toBe(true);
          expect(Object.prototype).not.toHaveProperty('polluted');
        },
      ),
      RUNS,
    );
  });

  it('on CSV text made of hostile cells, and every server it returns has a name', () => {
    fc.assert(
      fc.property(fc.array(fc.array(nastyCell, { maxLength: 10 }), { maxLength: 20 }), (rows) => {
        const text = [HEADER, ...rows].map((r) => r.join(',')).join('\n');
        const parsed = parseInventoryFile('rows.csv', strToU8(text), AT);
        expect(wellFormed(parsed.issues)).toBe(true);
        for (const s of parsed.inventory.servers) expect(s.name.trim().length).toBeGreaterThan(0);
        // An import with an error imports nothing: no half-read estate.
        if (parsed.issues.some((i) => i.severity === 'error')) expect(parsed.inventory.servers).toEqual([]);
      }),
      RUNS,
    );
  });

  it('reads back from a workbook exactly the server names written into it', () => {
    const name = fc.string({ minLength: 1, maxLength: 40 }).filter(
      (s) =>
        s.trim() === s &&
        s.length > 0 &&
        // XML 1.0 cannot hold control characters or lone surrogates, so no workbook can either.
        [...s].every((ch) => {
          const c = ch.codePointAt(0) ?? 0;
          return c >= 0x20 && !(c >= 0xd800 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff;
        }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(name, {
          minLength: 1,
          maxLength: 8,
          comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
        }),
        (names) => {
          const bytes = buildXlsx([
            {
              name: 'Servers',
              rows: [HEADER, ...names.map((n) => [n, 'bot', 'Windows Server 2019', 4, 8, 100, 40, 50])],
            },
          ]);
          const parsed = parseInventoryFile('names.xlsx', bytes, AT);
          expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
          expect(parsed.inventory.servers.map((s) => s.name)).toEqual(names);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('CSV export cells', () => {
  it('round-trip through a CSV reader and never start like a formula', () => {
    fc.assert(
      // NUL never reaches an export: the importer refuses binary text.
      fc.property(
        fc.array(
          nastyCell.filter((c) => !c.includes('\u0000')),
          { minLength: 1, maxLength: 6 },
        ),
        (cells) => {
          // After a header, as every export writes one (a reader strips a BOM at the very start).
          const line = ['name', ...cells].map(csvCell).join(',');
          const read = readCsv(`${line}\n`);
          if (!read.ok) throw new Error(read.error.message);
          const back = read.table.rows[0]?.cells.slice(1) ?? [];
          expect(back).toHaveLength(cells.length);
          back.forEach((cell, i) => {
            const original = cells[i] ?? '';
            const number = /^[+-]?\d+(\.\d+)?$/.test(original);
            // Either the text itself, or (when a spreadsheet would run it) the text behind an apostrophe.
            if (number || !/^[=+\-@\t\r]/.test(original)) expect(cell).toBe(original);
            else expect(cell).toBe(`'${original}`);
            if (!number) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          });
        },
      ),
      RUNS,
    );
  });
});

describe('the project loader', () => {
  it('never throws on arbitrary JSON, and never pollutes prototypes', () => {
    const doc = fc.record({
      format: fc.oneof(fc.constant('archplan'), fc.string()),
      version: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string(), fc.constant(null)),
      project: fc.jsonValue(),
      inventory: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.oneof(doc, fc.jsonValue()), (value) => {
        const text = JSON.stringify(value).replace(/"a"/g, '"__proto__"').replace(/"b"/g, '"constructor"');
        const loaded = parseProject(text, 'fuzz.archplan.json');
        expect(wellFormed(loaded.issues)).toBe(true);
        if (!loaded.ok) expect(loaded.issues.length).toBeGreaterThan(0);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      RUNS,
    );
  });

  it('never throws on any truncation of a real project file, and what loads saves back identically', () => {
    const empty = {
      format: 'archplan',
      version: 2,
      project: { name: 'Fuzz', customer: 'C', preparedBy: 'P', createdAt: AT, updatedAt: AT },
      options: {},
      inventory: { servers: [], source: null },
      topology: { region: 'ap-south-1', nodes: [], edges: [], securityGroups: [] },
      layout: { positions: {} },
      suppressions: [],
    };
    const base = JSON.stringify(empty);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length }), (cut) => {
        const loaded = parseProject(base.slice(0, cut), 'cut.archplan.json');
        expect(wellFormed(loaded.issues)).toBe(true);
        if (loaded.ok) expect(parseProject(serializeProject(loaded.value)).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
