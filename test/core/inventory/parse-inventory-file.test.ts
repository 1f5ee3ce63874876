import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { editServer } from '../../../core/inventory/edit-inventory';
import {
  detectInventoryFormat,
  parseInventoryFile,
  parseInventoryFiles,
} from '../../../core/inventory/parse-inventory-file';
import { buildInventoryTemplateCsv, buildInventoryTemplateXlsx } from '../../../core/inventory/template';
import {
  buildRvtoolsXlsx,
  exampleEstate,
  migrationHubCsv,
  rvtoolsCsvFiles,
} from '../../../scripts/inventory-samples';
import { ROOT } from '../../helpers/example';

const AT = '2026-11-23T00:00:00Z';
const example = (name: string) => readFileSync(join(ROOT, 'examples', name));

describe('format detection and the single import entry', () => {
  it('detects every format from the content, whatever the file is called', () => {
    expect(detectInventoryFormat('a.txt', example('rpa-estate.csv')).format).toBe('native-csv');
    expect(detectInventoryFormat('a.bin', example('inventory-template.xlsx')).format).toBe('native-xlsx');
    expect(detectInventoryFormat('a.csv', example('migration-hub-import.csv')).format).toBe(
      'migration-hub-csv',
    );
    expect(detectInventoryFormat('a.xlsx', example('rvtools-export.xlsx')).format).toBe('rvtools-xlsx');
    expect(
      detectInventoryFormat(
        'a.csv',
        readFileSync(join(ROOT, 'examples', 'rvtools-export-csv', 'RVTools_tabvInfo.csv')),
      ).format,
    ).toBe('rvtools-csv');
  });

  it('imports each sample in examples/ without errors', () => {
    for (const name of [
      'rpa-estate.csv',
      'inventory-template.csv',
      'inventory-template.xlsx',
      'migration-hub-import.csv',
      'rvtools-export.xlsx',
    ]) {
      const parsed = parseInventoryFile(name, example(name), AT);
      expect(
        parsed.issues.filter((i) => i.severity === 'error'),
        name,
      ).toEqual([]);
      expect(parsed.inventory.servers.length, name).toBeGreaterThan(0);
    }
  });

  it('the committed samples are exactly what the generator and the template builder write', () => {
    const estate = exampleEstate();
    expect(example('inventory-template.csv').toString('utf8')).toBe(buildInventoryTemplateCsv());
    expect(new Uint8Array(example('inventory-template.xlsx'))).toEqual(buildInventoryTemplateXlsx());
    expect(example('migration-hub-import.csv').toString('utf8')).toBe(migrationHubCsv(estate));
    expect(new Uint8Array(example('rvtools-export.xlsx'))).toEqual(buildRvtoolsXlsx(estate));
    const dir = join(ROOT, 'examples', 'rvtools-export-csv');
    expect(readdirSync(dir).sort()).toEqual(
      rvtoolsCsvFiles(estate)
        .map((f) => f.name)
        .sort(),
    );
    for (const f of rvtoolsCsvFiles(estate)) expect(readFileSync(join(dir, f.name), 'utf8')).toBe(f.text);
  });

  it('an empty file is an error, not a crash', () => {
    const parsed = parseInventoryFile(
      'empty.csv',
      readFileSync(join(ROOT, 'test', 'fixtures', 'inventory', 'empty.csv')),
      AT,
    );
    expect(parsed).toMatchObject({ format: null, inventory: { servers: [] } });
    expect(parsed.issues).toEqual([
      expect.objectContaining({ code: 'inventory.empty-file', severity: 'error' }),
    ]);
    expect(parseInventoryFile('blank.csv', strToU8('\n\n  \n'), AT).issues[0]).toMatchObject({
      code: 'inventory.empty',
    });
  });

  it('a 50 MB file is refused from its size with a clear issue, in milliseconds', () => {
    const row = 'BOT-000001,bot,Windows Server 2019,8,16,150,58,72,\n';
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const header = strToU8(
      'name,role,os,vcpu,memory_gib,storage_gib,cpu_p95_pct,memory_p95_pct,sql_edition\n',
    );
    big.set(header);
    const line = strToU8(row);
    for (let p = header.length; p + line.length <= big.length; p += line.length) big.set(line, p);
    const t0 = performance.now();
    const parsed = parseInventoryFile('huge.csv', big, AT);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        code: 'inventory.file-too-large',
        message: 'huge.csv is 50 MB; files larger than 50 MB are not imported.',
      }),
    ]);
  });

  it('refuses legacy .xls and binary files with a way out', () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(parseInventoryFile('old.xls', xls, AT).issues[0]).toMatchObject({
      code: 'inventory.legacy-xls',
      hint: expect.stringMatching(/xlsx/),
    });
    expect(
      parseInventoryFile('x.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), AT).issues[0]?.code,
    ).toBe('csv.binary');
  });

  it('reads Windows-1252 CSVs (Excel on Windows) and UTF-16 ones, saying so for the code page', () => {
    const latin = new Uint8Array([
      ...strToU8('name,role,vcpu,memory_gib,storage_gib\n'),
      ...[0x43, 0x61, 0x66, 0xe9],
      ...strToU8('-01,app,2,4,50\n'),
    ]);
    const parsed = parseInventoryFile('cafe.csv', latin, AT);
    expect(parsed.inventory.servers[0]?.name).toBe('Café-01');
    expect(parsed.issues).toContainEqual(
      expect.objectContaining({ code: 'inventory.not-utf8', severity: 'notice' }),
    );
    const text = 'name\trole\tvcpu\tmemory_gib\tstorage_gib\r\nAPP-1\tapp\t2\t4\t50\r\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(parseInventoryFile('u16.txt', utf16, AT).inventory.servers[0]).toMatchObject({
      name: 'APP-1',
      vcpu: 2,
    });
  });

  it('several files are accepted only as RVTools tabs', () => {
    const parsed = parseInventoryFiles(
      [
        { name: 'a.csv', bytes: example('rpa-estate.csv') },
        { name: 'b.csv', bytes: example('migration-hub-import.csv') },
      ],
      AT,
    );
    expect(parsed.issues).toContainEqual(expect.objectContaining({ code: 'inventory.several-files' }));
  });
});

describe('grid edits', () => {
  it('set a role (no longer inferred), a SQL edition and a pin, returning a new inventory', () => {
    const { inventory } = parseInventoryFile('rvtools-export.xlsx', example('rvtools-export.xlsx'), AT);
    const fs = inventory.servers.find((s) => s.name === 'FS-PRD-01');
    if (!fs) throw new Error('no FS-PRD-01');
    const edited = editServer(inventory, fs.id, {
      role: 'app',
      sqlEdition: 'express',
      pinnedInstanceType: 'm6i.large',
    });
    expect(edited).not.toBe(inventory);
    expect(edited.servers.find((s) => s.id === fs.id)).toMatchObject({
      role: 'app',
      roleInferred: false,
      sqlEdition: 'express',
      pinnedInstanceType: 'm6i.large',
    });
    expect(inventory.servers.find((s) => s.id === fs.id)?.role).toBe('other');
    expect(editServer(edited, fs.id, { role: 'app' })).toBe(edited);
    expect(editServer(edited, fs.id, { pinnedInstanceType: 'not a type' })).toBe(edited);
    expect(
      editServer(edited, fs.id, { pinnedInstanceType: null }).servers.find((s) => s.id === fs.id)
        ?.pinnedInstanceType,
    ).toBeNull();
  });
});
