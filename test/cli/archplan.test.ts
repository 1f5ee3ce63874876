import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example';

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs the CLI from source, as `npx archplan` runs its bundle. */
function archplan(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'archplan-cli-'));

describe('archplan CLI', () => {
  it('plans the example inventory and writes the contract files', () => {
    const out = tmp();
    const r = archplan(
      'plan',
      'examples/rpa-estate.csv',
      '--out',
      out,
      '--customer',
      'Example Registrar Ltd',
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.code).toBe(0);
    const files = [
      'project.archplan.json',
      'estimate.json',
      'estimate.csv',
      'sizing.json',
      'checks.json',
      'diagram.svg',
      'proposal.html',
      'proposal.pdf',
      'cloudformation/template.yaml',
      'cloudformation/parameters.json',
      'cloudformation/README.md',
    ];
    for (const f of files) expect(existsSync(join(out, f)), f).toBe(true);
    const estimate = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
    expect(estimate).toMatchObject({
      region: 'ap-south-1',
      currency: 'USD',
      purchaseOption: 'on-demand',
      priceSource: { kind: 'snapshot' },
    });
    expect(Number(estimate.totals.monthlyUsd)).toBeGreaterThan(0);
    expect(r.stdout).toContain(
      `Monthly $${Number(estimate.totals.monthlyUsd).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    const sizing = JSON.parse(readFileSync(join(out, 'sizing.json'), 'utf8'));
    expect(sizing[0]).toMatchObject({
      server: 'IQBOT-PRD-01',
      chosen: { instanceType: expect.any(String) },
      rationale: expect.stringContaining('p95'),
    });
  });

  it.skipIf(!hasTool('cfn-lint') && !process.env.CI)(
    'writes a template cfn-lint accepts and a PDF pdftoppm renders',
    () => {
      const out = tmp();
      expect(archplan('plan', 'examples/rpa-estate.csv', '--out', out).code).toBe(0);
      const lint = spawnSync('cfn-lint', ['--', join(out, 'cloudformation', 'template.yaml')], {
        encoding: 'utf8',
      });
      expect(lint.status === null ? 'no cfn-lint' : lint.status & 2, lint.stdout).toBe(0);
      const png = spawnSync(
        'pdftoppm',
        ['-png', '-r', '30', '-f', '1', '-l', '1', join(out, 'proposal.pdf'), join(out, 'page')],
        { encoding: 'utf8' },
      );
      expect(png.status, png.stderr).toBe(0);
      expect(existsSync(join(out, 'page-01.png'))).toBe(true);
      const exported = tmp();
      const r = archplan(
        'export',
        join(out, 'project.archplan.json'),
        '--cfn',
        join(exported, 'cfn'),
        '--pdf',
        join(exported, 'p.pdf'),
        '--paper',
        'Letter',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(exported, 'cfn', 'template.yaml'), 'utf8')).toBe(
        readFileSync(join(out, 'cloudformation', 'template.yaml'), 'utf8'),
      );
      expect(existsSync(join(exported, 'p.pdf'))).toBe(true);
    },
    // `export --cfn` runs cfn-lint on the six templates before writing them.
    120_000,
  );

  it('exits 2 naming the row and column for text in a number column, with no stack trace', () => {
    const dir = tmp();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,role,vcpu,memory_gib,storage_gib\nBOT-1,bot,4,16,100\nBOT-2,bot,four,16,100\n');
    const r = archplan('plan', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv, row 3, column "vcpu"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 for a missing column, an unknown region and a bad option value', () => {
    const dir = tmp();
    const file = join(dir, 'nocol.csv');
    writeFileSync(file, 'name,vcpu,memory_gib\nA,2,4\n');
    expect(archplan('plan', file, '--out', dir).stderr).toContain('Required column "storage_gib" is missing');
    const region = archplan('plan', 'examples/rpa-estate.csv', '--out', dir, '--region', 'eu-west-9');
    expect([region.code, region.stderr]).toEqual([2, expect.stringContaining('ap-south-1, us-east-1')]);
    expect(archplan('plan', 'examples/rpa-estate.csv', '--out', dir, '--sql-ha', 'magic').code).toBe(2);
    expect(archplan('frobnicate').code).toBe(2);
  });

  it('check exits 1 when a rule at or above --fail-on fails, 0 otherwise', () => {
    const out = tmp();
    expect(
      archplan(
        'plan',
        'examples/rpa-estate.csv',
        '--out',
        out,
        '--nat',
        'single',
        '--sql-ha',
        'single-instance',
      ).code,
    ).toBe(0);
    const project = join(out, 'project.archplan.json');
    const high = archplan('check', project, '--json');
    expect(high.code).toBe(1);
    expect(JSON.parse(high.stdout).find((c: { ruleId: string }) => c.ruleId === 'RES-01')).toMatchObject({
      status: 'fail',
      severity: 'high',
    });
    expect(archplan('check', project, '--fail-on', 'critical').code).toBe(0);
  });

  it('estimate reads a saved project and prints the same total', () => {
    const out = tmp();
    archplan('plan', 'examples/rpa-estate.csv', '--out', out);
    const saved = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
    const again = JSON.parse(archplan('estimate', join(out, 'project.archplan.json'), '--json').stdout);
    expect(again.totals).toEqual(saved.totals);
  });

  it('pricing info names the sources and their publication dates', () => {
    const r = archplan('pricing', 'info', '--region', 'ap-south-1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ec2-ondemand\s+published 2025-04-04/);
    expect(r.stdout).toContain('derived (ec2-license-included)');
  });
});
