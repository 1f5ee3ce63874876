import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQL_HA_PATTERNS } from '../../core/model/options';
import { ROOT } from '../helpers/example';

function archplan(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    // The PDF is not what these tests are about: no browser, no PDF, quicker.
    env: { ...process.env, ARCHPLAN_CHROMIUM: '/nonexistent', PATH: process.env.PATH },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('archplan plan --sql-ha and --compare-ha', () => {
  it('prints every pattern side by side and writes ha-comparison.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'archplan-ha-'));
    const r = archplan('plan', 'examples/rpa-estate.csv', '--out', out, '--compare-ha');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SQL Server high availability, compared (on-demand prices');
    for (const title of [
      'Always On availability group (Enterprise)',
      'Basic availability group (Standard)',
      'Failover cluster instance on FSx (Multi-AZ)',
      'Amazon RDS for SQL Server (Multi-AZ)',
      'Single instance with backups to S3 (not HA)',
    ])
      expect(r.stdout).toContain(title);
    expect(r.stdout).toMatch(/\*\s+Always On availability group \(Enterprise\)\s+yes\s+\$[\d,]+\.\d\d/);
    expect(r.stdout).toMatch(/Single instance with backups to S3 \(not HA\)\s+no\s+.*RES-01 fails/);
    expect(r.stdout).toContain('RPO: 0: synchronous commit');
    const json = JSON.parse(readFileSync(join(out, 'ha-comparison.json'), 'utf8'));
    expect(json.map((row: { pattern: string }) => row.pattern)).toEqual([...SQL_HA_PATTERNS]);
  }, 240_000);

  it('plans with each pattern, and refuses one it does not know', () => {
    const out = mkdtempSync(join(tmpdir(), 'archplan-ha-'));
    const r = archplan('plan', 'examples/rpa-estate.csv', '--out', out, '--sql-ha', 'rds-multi-az', '--json');
    expect(r.code, r.stderr).toBe(0);
    const project = JSON.parse(readFileSync(join(out, 'project.archplan.json'), 'utf8'));
    expect(project.options.sqlHa).toBe('rds-multi-az');
    expect(project.topology.nodes.some((n: { kind: string }) => n.kind === 'rds-sql-server')).toBe(true);
    expect(readFileSync(join(out, 'cloudformation', 'template.yaml'), 'utf8')).toContain(
      'AWS::RDS::DBInstance',
    );
    const bad = archplan('plan', 'examples/rpa-estate.csv', '--out', out, '--sql-ha', 'mirroring');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sql-ha mirroring');
  }, 240_000);
});
