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

  it('rejects out-of-range values and unknown roles with a hint', () => {
    const { issues } = parse(`${HEADER}\nA,robot,Windows,8,16,100,150,60,\n`);
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['inventory.bad-role', 'inventory.out-of-range']),
    );
    expect(issues.find((i) => i.code === 'inventory.out-of-range')?.path?.column).toBe('cpu_p95_pct');
  });

  it('infers a role from the name when none is given, and says so', () => {
    const { inventory, issues } = parse(
      'name,vcpu,memory_gib,storage_gib\nCTRLROOM-01,8,32,300\nIQBOT-7,4,16,100\n',
    );
    expect(inventory.servers.map((s) => s.role)).toEqual(['control-room', 'bot']);
    expect(issues.filter((i) => i.code === 'inventory.role-inferred')).toHaveLength(2);
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
});
