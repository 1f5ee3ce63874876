import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventoryFile } from '../../core/inventory/parse-inventory-file';
import { ROOT } from '../helpers/example';

/** Runs the CLI from source, as `npx archplan` runs its bundle. */
function archplan(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'archplan-cli-formats-'));

describe('archplan with every inventory format', () => {
  it('plans an RVTools export at the chosen percentile, and sizing.json explains every choice', () => {
    const out = tmp();
    const r = archplan(
      'plan',
      'examples/rvtools-export.xlsx',
      '--out',
      out,
      '--percentile',
      'p99',
      '--allow-burstable',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Read 19 servers from rvtools-export.xlsx (RVTools export, XLSX); sized at p99 × 1.3.',
    );
    const sizing = JSON.parse(readFileSync(join(out, 'sizing.json'), 'utf8'));
    expect(sizing).toHaveLength(19);
    const sql = sizing.find((s: { server: string }) => s.server === 'SQLPRD01');
    expect(sql).toMatchObject({
      role: 'sql',
      utilization: { percentile: 'p99', cpuSource: 'avg' },
      required: { vcpu: 9, memoryGib: 128 },
      chosen: { instanceType: expect.stringMatching(/^r/), activeVcpu: expect.any(Number) },
      optimizeCpu: { coreCount: expect.any(Number) },
      confidence: 'medium',
      rationale: expect.stringContaining('128 GiB kept for the SQL buffer pool'),
      details: expect.arrayContaining([expect.stringMatching(/^Optimize CPUs/)]),
      volumes: expect.arrayContaining([expect.objectContaining({ purpose: 'sql-log', name: 'L: SQL log' })]),
    });
    const project = JSON.parse(readFileSync(join(out, 'project.archplan.json'), 'utf8'));
    expect(project.options).toMatchObject({ percentile: 'p99', allowBurstable: true });
  });

  it('plans the RVTools CSV tabs given together, and a Migration Hub import CSV', () => {
    const dir = join(ROOT, 'examples', 'rvtools-export-csv');
    const tabs = readdirSync(dir).map((f) => join('examples', 'rvtools-export-csv', f));
    const out = tmp();
    const csv = archplan('plan', ...tabs, '--out', out, '--json');
    expect(csv.code, csv.stderr).toBe(0);
    expect(JSON.parse(csv.stdout)).toMatchObject({ servers: 19, format: 'rvtools-csv' });
    const mh = archplan('plan', 'examples/migration-hub-import.csv', '--out', tmp(), '--json');
    expect(mh.code, mh.stderr).toBe(0);
    expect(JSON.parse(mh.stdout)).toMatchObject({ servers: 18, format: 'migration-hub-csv' });
    expect(mh.stderr).toContain('sizing.more-runners-needed');
  });

  it('exits 2 with row and column for a broken RVTools export, a bad percentile and a file over 50 MB', () => {
    const broken = archplan(
      'plan',
      'test/fixtures/inventory/rvtools-vinfo-broken-values.csv',
      '--out',
      tmp(),
    );
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('rvtools-vinfo-broken-values.csv, row 3, column "CPUs"');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const bad = archplan('plan', 'examples/rpa-estate.csv', '--out', tmp(), '--percentile', 'p42');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--percentile p42')]);
    const dir = tmp();
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, 'name,vcpu,memory_gib,storage_gib\n');
    truncateSync(huge, 60 * 1024 * 1024);
    const big = archplan('plan', huge, '--out', join(dir, 'out'));
    expect([big.code, big.stderr]).toEqual([
      2,
      expect.stringContaining('huge.csv is 60 MB; files larger than 50 MB are not imported'),
    ]);
    expect(archplan('plan', 'test/fixtures/inventory/empty.csv', '--out', tmp()).stderr).toContain(
      'empty.csv is empty',
    );
  });

  it('writes the inventory template as XLSX or CSV', () => {
    const dir = tmp();
    for (const name of ['inventory-template.xlsx', 'inventory-template.csv']) {
      const r = archplan('template', '--out', join(dir, name));
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, name))).toEqual(readFileSync(join(ROOT, 'examples', name)));
      expect(
        parseInventoryFile(name, readFileSync(join(dir, name)), '2026-11-23T00:00:00Z').inventory.servers,
      ).toHaveLength(3);
    }
    expect(archplan('template', '--out', join(dir, 'x.pdf')).code).toBe(2);
    expect(archplan('template', '--out', join(dir, 'no', 'such', 'dir', 't.xlsx')).stderr).toContain(
      'the folder does not exist',
    );
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});
