import { describe, expect, it } from 'vitest';
import { parseNativeCsv } from '../../../core/inventory/parse-native-csv';
import { readExample } from '../../helpers/example';

const HEADER = 'name,role,os,vcpu,memory_gib,storage_gib,cpu_p95_pct,memory_p95_pct,sql_edition';
const parse = (text: string) => parseNativeCsv(text, 'inv.csv', '2026-11-23T00:00:00Z');

describe('parseNativeCsv', () => {
  it('reads the bundled example: every server, with its figures and source row', () => {
    const { inventory, issues } = parse(readExample());
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(inventory.servers).toHaveLength(14);
    const sql = inventory.servers.find((s) => s.name === 'SQLPRD01');
    expect(sql).toMatchObject({
      role: 'sql',
      vcpu: 16,
      memoryGib: 128,
      storageGib: 1500,
      cpu: expect.objectContaining({ p95: 46 }),
      memory: expect.objectContaining({ p95: 91 }),
      sqlEdition: 'enterprise',
      source: { file: 'inv.csv', row: 14 },
    });
    const noUtil = inventory.servers.find((s) => s.name === 'IQBOT-PRD-10');
    expect(noUtil).toMatchObject({ cpu: { p95: null, max: null }, memory: { p95: null } });
  });

  it('names the row and column of text in a number column, and imports nothing', () => {
    const { inventory, issues } = parse(
      `${HEADER}\nBOT-1,bot,Windows,8,16,100,50,60,\nBOT-2,bot,Windows,eight,16,100,50,60,\n`,
    );
    const err = issues.find((i) => i.code === 'inventory.not-a-number');
    expect(err).toMatchObject({ severity: 'error', path: { file: 'inv.csv', row: 3, column: 'vcpu' } });
    expect(err?.message).toContain('eight');
    expect(err?.hint).toMatch(/e\.g\. 8/);
    expect(inventory.servers.map((s) => s.name)).toEqual(['BOT-1']);
  });

  it('reports a missing required column by name', () => {
    const { issues } = parse('name,vcpu,memory_gib\nA,2,4\n');
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'inventory.missing-column',
        path: expect.objectContaining({ column: 'storage_gib' }),
      }),
    );
  });

  it('ignores unknown columns with a notice, accepts a BOM, quotes, CRLF, percent signs and semicolons with decimal commas', () => {
    const text = `\uFEFFname;vcpu;memory_gib;storage_gib;cpu_p95_pct;owner\r\n"SQL; ""A""";4;15,5;200;45 %;ops\r\n`;
    const { inventory, issues } = parse(text);
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'inventory.unknown-column', severity: 'notice' }),
    );
    expect(inventory.servers[0]).toMatchObject({
      name: 'SQL; "A"',
      memoryGib: 15.5,
      cpu: expect.objectContaining({ p95: 45 }),
      role: 'sql',
    });
  });

  it('normalises units written in the cells: MiB and TB sizes, thousands separators', () => {
    const { inventory, issues } = parse(
      'name,role,vcpu,memory_gib,storage_gib\nAPP-1,app,4,16384 MiB,1.5 TB\nAPP-2,app,4,"32 GB","1,200"\n',
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(inventory.servers.map((s) => [s.memoryGib, s.storageGib])).toEqual([
      [16, 1536],
      [32, 1200],
    ]);
  });

  it('reads a memory column named in MB as MiB', () => {
    const { inventory } = parse('name,role,vcpu,memory_mb,storage_gb\nAPP-1,app,4,8192,100\n');
    expect(inventory.servers[0]).toMatchObject({ memoryGib: 8, storageGib: 100 });
  });

  it('reads every utilisation percentile, disk IOPS, applications and concurrent automations', () => {
    const { inventory } = parse(
      'name,role,vcpu,memory_gib,storage_gib,cpu_avg_pct,cpu_p90_pct,cpu_max_pct,memory_avg_pct,disk_iops_p95,applications,concurrent_automations\n' +
        'BOT-1,bot,8,16,150,20,44,70,55,800,Automation Anywhere Bot Agent; Office,3\n',
    );
    expect(inventory.servers[0]).toMatchObject({
      cpu: { avg: 20, p50: null, p90: 44, p95: null, p99: null, max: 70 },
      memory: expect.objectContaining({ avg: 55 }),
      diskIopsP95: 800,
      applications: ['Automation Anywhere Bot Agent', 'Office'],
      concurrentAutomations: 3,
    });
  });

  it('rejects out-of-range values, negative values and unknown roles with a hint', () => {
    const { issues } = parse(
      `${HEADER}\nA,printer,Windows,8,16,100,150,60,\nB,bot,Windows,8,-16,100,50,60,\n`,
    );
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['inventory.bad-role', 'inventory.out-of-range', 'inventory.negative-value']),
    );
    expect(issues.find((i) => i.code === 'inventory.out-of-range')?.path?.column).toBe('cpu_p95_pct');
    expect(issues.find((i) => i.code === 'inventory.negative-value')?.path).toMatchObject({
      row: 3,
      column: 'memory_gib',
    });
  });

  it('infers a role from the name when none is given, and says so', () => {
    const { inventory, issues } = parse(
      'name,vcpu,memory_gib,storage_gib\nCTRLROOM-01,8,32,300\nIQBOT-7,4,16,100\n',
    );
    expect(inventory.servers.map((s) => s.role)).toEqual(['control-room', 'bot']);
    expect(inventory.servers.every((s) => s.roleInferred)).toBe(true);
    expect(issues.filter((i) => i.code === 'inventory.role-inferred')).toHaveLength(2);
  });

  it('infers the SQL Server edition and role from the applications when the edition is empty', () => {
    const { inventory, issues } = parse(
      'name,vcpu,memory_gib,storage_gib,sql_edition,applications\nDB-PRD-7,8,64,500,,Microsoft SQL Server 2019 Standard\n',
    );
    expect(inventory.servers[0]).toMatchObject({ role: 'sql', sqlEdition: 'standard', roleInferred: true });
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['inventory.sql-edition-inferred', 'inventory.role-inferred']),
    );
  });

  it('keeps duplicate names as two servers with distinct ids, with a warning', () => {
    const { inventory, issues } = parse(`${HEADER}\nA,bot,Windows,2,4,50,,,\nA,bot,Windows,2,4,50,,,\n`);
    expect(inventory.servers.map((s) => s.id)).toEqual(['a', 'a-2']);
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'inventory.duplicate-name', severity: 'warning' }),
    );
  });

  it('refuses binary data and unclosed quotes without throwing', () => {
    expect(parse('name,vcpu\u0000\u0001').issues[0]?.code).toBe('csv.binary');
    expect(parse(`${HEADER}\n"A,bot,Windows,2,4,50,,,\n`).issues[0]?.code).toBe('csv.unclosed-quote');
  });

  it('summarises a problem repeated on thousands of rows instead of burying the rest', () => {
    const rows = Array.from({ length: 3000 }, (_v, i) => `BOT-${i},bot,Windows,x,16,100,50,60,`);
    const { issues } = parse(`${HEADER}\n${rows.join('\n')}\n`);
    const nan = issues.filter((i) => i.code === 'inventory.not-a-number');
    expect(nan).toHaveLength(101);
    expect(nan.at(-1)?.message).toMatch(/^2900 more rows have the same problem \(rows 102 to 3001\)/);
  });
});
