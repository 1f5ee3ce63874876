import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../main/services/pdf';
import { ROOT } from '../helpers/example';

/** Runs the CLI from source, as `npx archplan` runs its bundle. */
function archplan(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const canPrint =
  findChromium() !== null && spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

describe('archplan export --pdf --docx --template', () => {
  it.skipIf(!canPrint)(
    'writes a branded PDF and DOCX of the same proposal',
    () => {
      const work = mkdtempSync(join(tmpdir(), 'archplan-proposal-'));
      const plan = join(work, 'plan');
      const planned = archplan('plan', 'examples/rpa-estate.csv', '--out', plan, '--customer', 'KFintech');
      expect(planned.code, planned.stderr).toBe(0);
      const brand = join(work, 'brand');
      mkdirSync(brand);
      writeFileSync(
        join(brand, 'brand.json'),
        JSON.stringify({ companyName: 'Cloudwise Consulting', wording: { closing: 'Valid for 30 days.' } }),
      );
      const pdf = join(work, 'proposal.pdf');
      const docx = join(work, 'proposal.docx');
      const r = archplan(
        'export',
        join(plan, 'project.archplan.json'),
        '--pdf',
        pdf,
        '--docx',
        docx,
        '--paper',
        'Letter',
        '--template',
        brand,
        '--bundled-prices',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Wrote ${docx}`);
      expect(r.stdout).toContain(`Wrote ${pdf}`);
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Cloudwise Consulting');
      expect(text).toContain('Valid for 30 days.');
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      const estimate = JSON.parse(readFileSync(join(plan, 'estimate.json'), 'utf8')) as {
        totals: { monthlyUsd: string };
      };
      const monthly = `$${Number(estimate.totals.monthlyUsd).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
      expect(text).toContain(monthly);
      const xml = strFromU8(unzipSync(readFileSync(docx))['word/document.xml'] as Uint8Array);
      expect(xml).toContain(monthly);
      expect(xml).toContain('Cloudwise Consulting');
      expect(xml).toContain('Valid for 30 days.');
    },
    300_000,
  );

  it('exits 2 naming the field when the brand folder is wrong, and writes nothing', () => {
    const work = mkdtempSync(join(tmpdir(), 'archplan-proposal-'));
    const plan = join(work, 'plan');
    expect(archplan('plan', 'examples/rpa-estate.csv', '--out', plan).code).toBe(0);
    const brand = join(work, 'brand');
    mkdirSync(brand);
    writeFileSync(join(brand, 'brand.json'), JSON.stringify({ colors: { primary: 'blue' } }));
    const docx = join(work, 'p.docx');
    const r = archplan('export', join(plan, 'project.archplan.json'), '--docx', docx, '--template', brand);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('colors.primary');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(docx)).toBe(false);
  }, 300_000);
});
