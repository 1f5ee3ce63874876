import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventoryFile } from '../../../core/inventory/parse-inventory-file';
import { parseMigrationHubCsv } from '../../../core/inventory/parse-migration-hub-csv';
import { ROOT } from '../../helpers/example';

const AT = '2026-11-23T00:00:00Z';
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'inventory', name));

describe('Migration Hub import CSV', () => {
  it('imports the sample in examples/: detected, every server, utilisation from used ÷ total', () => {
    const parsed = parseInventoryFile(
      'migration-hub-import.csv',
      readFileSync(join(ROOT, 'examples', 'migration-hub-import.csv')),
      AT,
    );
    expect(parsed.format).toBe('migration-hub-csv');
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.inventory.servers).toHaveLength(18);
    const sql = parsed.inventory.servers.find((s) => s.name === 'sqlprd01');
    expect(sql).toMatchObject({
      role: 'sql',
      roleInferred: true,
      sqlEdition: 'enterprise',
      vcpu: 16,
      memoryGib: 128,
      cpu: expect.objectContaining({ avg: 25, max: 76, p95: null }),
      diskIopsP95: 7800,
      applications: ['Microsoft SQL Server 2019 Enterprise'],
      os: 'Microsoft Windows Server 2019',
    });
    expect(sql?.memory.avg).toBeCloseTo(82, 0);
    const bot = parsed.inventory.servers.find((s) => s.name === 'iqbot-prd-01');
    expect(bot).toMatchObject({ role: 'bot', concurrentAutomations: 2, storageGib: 0 });
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({ code: 'inventory.no-storage-size', severity: 'warning' }),
    );
    expect(parsed.issues).toContainEqual(expect.objectContaining({ code: 'inventory.not-windows' }));
  });

  it('takes role, SQL edition and concurrency from Tags, and the short host name', () => {
    const { inventory, issues } = parseMigrationHubCsv(
      'HostName,CPU.NumberOfLogicalCores,RAM.TotalSizeInMB,CPU.UsagePct.Max,Applications,Tags\n' +
        'cr01.corp.example.com,8,32768,55,,"role:control-room, concurrent_automations:40"\n' +
        'db7.corp.example.com,8,65536,40,,"role:sql, sql_edition:standard"\n',
      'mh.csv',
      AT,
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(
      inventory.servers.map((s) => [s.name, s.role, s.roleInferred, s.sqlEdition, s.concurrentAutomations]),
    ).toEqual([
      ['cr01', 'control-room', false, 'none', 40],
      ['db7', 'sql', false, 'standard', null],
    ]);
  });

  it('falls back to physical cores with a notice when logical cores are empty', () => {
    const { inventory, issues } = parseMigrationHubCsv(
      'HostName,CPU.NumberOfCores,CPU.NumberOfLogicalCores,RAM.TotalSizeInMB\napp1,4,,8192\n',
      'mh.csv',
      AT,
    );
    expect(inventory.servers[0]).toMatchObject({ vcpu: 4, memoryGib: 8 });
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.cores-not-logical',
        path: expect.objectContaining({ row: 2 }),
      }),
    );
  });

  it('a missing required column is an error naming it', () => {
    const parsed = parseInventoryFile('missing.csv', fixture('migration-hub-missing-column.csv'), AT);
    expect(parsed.format).toBe('migration-hub-csv');
    expect(parsed.inventory.servers).toEqual([]);
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.missing-column',
        severity: 'error',
        path: expect.objectContaining({ column: 'RAM.TotalSizeInMB' }),
      }),
    );
  });

  it('text in a number column, a negative size and used memory above the total are errors with row, column and hint', () => {
    const parsed = parseInventoryFile('broken.csv', fixture('migration-hub-broken-values.csv'), AT);
    const byCode = (code: string) => parsed.issues.filter((i) => i.code === code);
    expect(byCode('inventory.not-a-number').map((i) => [i.path?.row, i.path?.column])).toEqual([
      [3, 'CPU.NumberOfLogicalCores'],
      [4, 'CPU.UsagePct.Max'],
    ]);
    expect(byCode('inventory.negative-value')[0]).toMatchObject({
      path: { file: 'broken.csv', row: 4, column: 'RAM.TotalSizeInMB' },
      hint: expect.stringMatching(/16384/),
    });
    expect(parsed.inventory.servers.map((s) => s.name)).toEqual(['bot01']);
  });
});
