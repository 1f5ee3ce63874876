import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseInventoryFile, parseInventoryFiles } from '../../../core/inventory/parse-inventory-file';
import { buildXlsx } from '../../../core/inventory/xlsx-write';
import { exampleEstate, rvtoolsTabs } from '../../../scripts/inventory-samples';
import { ROOT } from '../../helpers/example';

const AT = '2026-11-23T00:00:00Z';
const CSV_DIR = join(ROOT, 'examples', 'rvtools-export-csv');

describe('RVTools exports', () => {
  it('imports the sample workbook: VMs joined across vInfo, vCPU, vMemory and vDisk', () => {
    const parsed = parseInventoryFile(
      'rvtools-export.xlsx',
      readFileSync(join(ROOT, 'examples', 'rvtools-export.xlsx')),
      AT,
    );
    expect(parsed.format).toBe('rvtools-xlsx');
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.inventory.servers).toHaveLength(19);
    const sql = parsed.inventory.servers.find((s) => s.name === 'SQLPRD01');
    expect(sql).toMatchObject({
      role: 'sql',
      sqlEdition: 'enterprise',
      vcpu: 16,
      memoryGib: 128,
      // vDisk: 100 + 1000 + 300 + 100 GiB.
      storageGib: 1500,
      // vCPU Overall ÷ Max at export, vMemory Active ÷ Size: point-in-time readings, kept as averages.
      cpu: expect.objectContaining({ avg: 41, p95: null, max: null }),
      memory: expect.objectContaining({ avg: 82, max: null }),
      os: 'Microsoft Windows Server 2019 (64-bit)',
      source: { file: 'rvtools-export.xlsx, sheet vInfo', row: 14 },
    });
    expect(parsed.inventory.importedFrom?.format).toBe('rvtools-xlsx');
  });

  it('imports powered-off VMs with a notice and lists templates as excluded, never dropping a row silently', () => {
    const parsed = parseInventoryFile(
      'rvtools-export.xlsx',
      readFileSync(join(ROOT, 'examples', 'rvtools-export.xlsx')),
      AT,
    );
    const off = parsed.inventory.servers.find((s) => s.name === 'IQBOT-PRD-11');
    expect(off).toMatchObject({ cpu: expect.objectContaining({ avg: null }), vcpu: 4 });
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.rvtools-powered-off',
        path: expect.objectContaining({ row: 20, column: 'Powerstate' }),
      }),
    );
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.rvtools-excluded',
        message: expect.stringContaining('TPL-WIN2019-GOLD is a template'),
      }),
    );
    expect(parsed.issues.find((i) => i.code === 'inventory.rvtools-summary')?.message).toMatch(
      /19 VMs imported \(1 powered off\); 1 excluded/,
    );
  });

  it('imports the CSV tabs of the same export, loose or zipped, to the same servers', () => {
    const files = readdirSync(CSV_DIR).map((name) => ({ name, bytes: readFileSync(join(CSV_DIR, name)) }));
    const loose = parseInventoryFiles(files, AT);
    expect(loose.format).toBe('rvtools-csv');
    expect(loose.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const zipped = parseInventoryFile(
      'rvtools.zip',
      zipSync(Object.fromEntries(files.map((f) => [`export/${f.name}`, f.bytes]))),
      AT,
    );
    expect(zipped.format).toBe('rvtools-csv');
    const xlsx = parseInventoryFile(
      'rvtools-export.xlsx',
      readFileSync(join(ROOT, 'examples', 'rvtools-export.xlsx')),
      AT,
    );
    const shape = (p: typeof loose) =>
      p.inventory.servers.map((s) => [
        s.name,
        s.role,
        s.vcpu,
        s.memoryGib,
        s.storageGib,
        s.cpu.avg,
        s.memory.avg,
        s.sqlEdition,
      ]);
    expect(shape(loose)).toEqual(shape(xlsx));
    expect(shape(zipped)).toEqual(shape(xlsx));
  });

  it('the vInfo CSV alone still imports, sized as allocated, and says which tabs are missing', () => {
    const vinfo = readFileSync(join(CSV_DIR, 'RVTools_tabvInfo.csv'));
    const parsed = parseInventoryFile('RVTools_tabvInfo.csv', vinfo, AT);
    expect(parsed.format).toBe('rvtools-csv');
    expect(parsed.inventory.servers).toHaveLength(19);
    expect(parsed.inventory.servers.every((s) => s.cpu.avg === null)).toBe(true);
    // Without vDisk, storage comes from vInfo's "Total disk capacity MiB".
    expect(parsed.inventory.servers.find((s) => s.name === 'FS-PRD-01')?.storageGib).toBe(2128);
    expect(
      parsed.issues.filter((i) => i.code === 'inventory.rvtools-missing-tab').map((i) => i.message),
    ).toHaveLength(3);
  });

  it('a missing vInfo column, text in a number column and a negative value are errors with row and column', () => {
    const missing = parseInventoryFile(
      'vinfo.csv',
      readFileSync(join(ROOT, 'test', 'fixtures', 'inventory', 'rvtools-vinfo-missing-column.csv')),
      AT,
    );
    expect(missing.issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.missing-column',
        path: expect.objectContaining({ column: 'CPUs' }),
      }),
    );
    const broken = parseInventoryFile(
      'vinfo.csv',
      readFileSync(join(ROOT, 'test', 'fixtures', 'inventory', 'rvtools-vinfo-broken-values.csv')),
      AT,
    );
    expect(broken.issues.find((i) => i.code === 'inventory.not-a-number')?.path).toEqual({
      file: 'vinfo.csv',
      row: 3,
      column: 'CPUs',
    });
    expect(broken.issues.find((i) => i.code === 'inventory.negative-value')?.path).toEqual({
      file: 'vinfo.csv',
      row: 4,
      column: 'Memory',
    });
    expect(broken.inventory.servers.map((s) => s.name)).toEqual(['IQBOT-01']);
  });

  it('joins the tabs by VM UUID when two vCenters have VMs of the same name', () => {
    const estate = exampleEstate().slice(0, 2);
    const twin = {
      ...estate[1],
      name: estate[0]?.name ?? 'X',
      cpuPct: 12,
      vcpu: 2,
    } as (typeof estate)[number];
    const tabs = rvtoolsTabs([estate[0] as (typeof estate)[number], twin]);
    const bytes = buildXlsx(Object.entries(tabs).map(([name, rows]) => ({ name, rows })));
    const parsed = parseInventoryFile('two-vcenters.xlsx', bytes, AT);
    expect(parsed.inventory.servers.map((s) => [s.name, s.vcpu, s.cpu.avg])).toEqual([
      ['IQBOT-PRD-01', 8, 52],
      ['IQBOT-PRD-01', 2, 12],
    ]);
    expect(parsed.issues).toContainEqual(expect.objectContaining({ code: 'inventory.duplicate-name' }));
  });

  it('a workbook without vInfo is refused with a hint to export all tabs', () => {
    const tabs = rvtoolsTabs(exampleEstate());
    const bytes = buildXlsx([
      { name: 'vInfo2', rows: [['x']] },
      { name: 'vCPU', rows: tabs.vCPU },
    ]);
    // No vInfo sheet: read as the native template, whose required columns are missing.
    const parsed = parseInventoryFile('partial.xlsx', bytes, AT);
    expect(parsed.issues.some((i) => i.severity === 'error')).toBe(true);
    const onlyCsv = parseInventoryFiles(
      [{ name: 'RVTools_tabvCPU.csv', bytes: strToU8(tabs.vCPU.map((r) => r.join(',')).join('\n')) }],
      AT,
    );
    expect(onlyCsv.issues).toContainEqual(
      expect.objectContaining({ code: 'inventory.rvtools-no-vinfo', severity: 'error' }),
    );
  });
});
