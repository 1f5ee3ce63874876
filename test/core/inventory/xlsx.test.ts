import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../../core/inventory/limits';
import { parseInventoryFile } from '../../../core/inventory/parse-inventory-file';
import { columnIndex, decodeXmlText, openXlsx } from '../../../core/inventory/xlsx-read';
import { buildXlsx, columnLetters } from '../../../core/inventory/xlsx-write';
import { listZipEntries, readZipEntry } from '../../../core/inventory/zip';

const AT = '2026-11-23T00:00:00Z';

/** A workbook written by hand, as other tools write them: inline strings, formulas, booleans, percent styles. */
function handWrittenWorkbook(sheetXml: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    '_rels/.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Servers" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/s1.xml': strToU8(sheetXml),
  };
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files);
}

/** Rewrites the uncompressed size an archive's central directory declares for one entry. */
function setDeclaredSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let p = view.getUint32(zip.length - 22 + 16, true);
  for (;;) {
    const nameLen = view.getUint16(p + 28, true);
    const entry = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (entry === name) {
      view.setUint32(p + 24, size, true);
      return;
    }
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
}

const SHEET = (rows: string) =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F3"/><sheetData>${rows}</sheetData></worksheet>`;

describe('the XLSX reader', () => {
  it('reads what it writes: shared and inline strings, numbers and booleans, by cell reference', () => {
    for (const sharedStrings of [true, false]) {
      const bytes = buildXlsx(
        [
          {
            name: 'Data',
            rows: [
              ['a', 'b & <c>', null, 'd'],
              [1.5, true, null, ' padded '],
            ],
          },
        ],
        { sharedStrings },
      );
      const wb = openXlsx(bytes, 'x.xlsx');
      if (!wb.ok) throw new Error(wb.error.message);
      const sheet = wb.workbook.readSheet('Data');
      if (!sheet.ok) throw new Error(sheet.error.message);
      expect(sheet.table.rows.map((r) => [...r.cells])).toEqual([
        ['a', 'b & <c>', undefined, 'd'],
        [1.5, true, undefined, ' padded '],
      ]);
      expect(sheet.table.label).toBe('x.xlsx, sheet Data');
    }
  });

  it('reads the cached value of formula cells (never evaluating them), and percent-formatted numbers as percentages', () => {
    const bytes = handWrittenWorkbook(
      SHEET(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>vcpu</t></is></c><c r="C1" t="inlineStr"><is><t>memory_gib</t></is></c><c r="D1" t="inlineStr"><is><t>storage_gib</t></is></c><c r="E1" t="inlineStr"><is><t>cpu_p95_pct</t></is></c><c r="F1" t="inlineStr"><is><t>role</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><r><t>BOT</t></r><r><t>-01</t></r></is></c><c r="B2"><f>4*2</f><v>8</v></c><c r="C2"><v>16</v></c><c r="D2" t="str"><f>"150"</f><v>150</v></c><c r="E2" s="1"><v>0.58</v></c><c r="F2" t="inlineStr"><is><t>bot</t></is></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>BOT-02</t></is></c><c r="B3"><v>4</v></c><c r="C3"><v>16</v></c><c r="D3"><v>120</v></c><c r="E3" s="2"><v>0.355</v></c><c r="F3" t="inlineStr"><is><t>bot</t></is></c></row>',
      ),
    );
    const parsed = parseInventoryFile('servers.xlsx', bytes, AT);
    expect(parsed.format).toBe('native-xlsx');
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.inventory.servers.map((s) => [s.name, s.vcpu, s.storageGib, s.cpu.p95])).toEqual([
      ['BOT-01', 8, 150, 58],
      ['BOT-02', 4, 120, 35.5],
    ]);
  });

  it('decodes XML entities and OOXML escapes, and column letters', () => {
    expect(decodeXmlText('a &amp; b &lt;&#65;&#x42;&gt; _x000D_')).toBe('a & b <AB> \r');
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AB12'), columnIndex('XFD1')]).toEqual([
      0, 25, 27, 16383,
    ]);
    expect([0, 25, 26, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'XFD']);
  });

  it('refuses a zip bomb from its declared size, before inflating anything, in milliseconds', () => {
    // A sheet that claims to unpack to 300 MB (patched into the central directory, as bombs do).
    const bomb = zipSync(
      { 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(1024 * 1024) },
      { level: 9 },
    );
    setDeclaredSize(bomb, 'xl/worksheets/sheet1.xml', 300 * 1024 * 1024);
    const t0 = performance.now();
    const parsed = parseInventoryFile('bomb.xlsx', bomb, AT);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(parsed.inventory.servers).toEqual([]);
    expect(parsed.issues[0]).toMatchObject({ code: 'zip.entry-too-large', severity: 'error' });
    expect(parsed.issues[0]?.message).toMatch(/would unpack to 300 MB/);
  });

  it('refuses an entry that inflates past the size it declares (a lying header) without inflating it all', () => {
    const liar = zipSync({ 'xl/worksheets/s1.xml': new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    setDeclaredSize(liar, 'xl/worksheets/s1.xml', 1000);
    const listed = listZipEntries(liar, DEFAULT_IMPORT_LIMITS);
    if (!listed.ok) throw new Error(listed.error.message);
    const entry = listed.entries[0];
    if (!entry) throw new Error('no entry');
    const t0 = performance.now();
    const read = readZipEntry(liar, entry, DEFAULT_IMPORT_LIMITS.maxTotalBytes);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(read).toMatchObject({ ok: false, error: { code: 'zip.corrupt' } });
  });

  it('refuses a huge-dimension sheet at the first row past the limit, quickly', () => {
    const bytes = handWrittenWorkbook(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>' +
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
    );
    const t0 = performance.now();
    const parsed = parseInventoryFile('huge.xlsx', bytes, AT);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(parsed.issues[0]).toMatchObject({
      code: 'xlsx.too-many-rows',
      path: { file: 'huge.xlsx, sheet Servers', row: 1048576 },
    });
    const wide = handWrittenWorkbook(SHEET('<row r="1"><c r="XFD1"><v>1</v></c></row>'));
    expect(parseInventoryFile('wide.xlsx', wide, AT).issues[0]).toMatchObject({
      code: 'xlsx.too-many-columns',
    });
  });

  it('names what is wrong with archives that are not workbooks', () => {
    const notWorkbook = zipSync({ 'readme.txt': strToU8('hello') });
    expect(parseInventoryFile('x.xlsx', notWorkbook, AT).issues[0]).toMatchObject({
      code: 'inventory.unknown-archive',
    });
    const truncated = buildXlsx([{ name: 'Inventory', rows: [['name']] }]).slice(0, 300);
    expect(parseInventoryFile('cut.xlsx', truncated, AT).issues[0]?.severity).toBe('error');
  });
});
