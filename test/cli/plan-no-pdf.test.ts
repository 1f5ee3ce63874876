import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example';

describe('archplan plan --no-pdf', () => {
  it('writes every plan file but the PDF, and says why there is none', () => {
    const out = mkdtempSync(join(tmpdir(), 'archplan-nopdf-'));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'cli', 'archplan.ts'),
        'plan',
        'examples/rpa-estate.csv',
        '--out',
        out,
        '--no-pdf',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('No PDF: --no-pdf was given');
    for (const f of ['proposal.html', 'proposal.docx', 'estimate.json', 'cloudformation/01-network.yaml'])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, 'proposal.pdf'))).toBe(false);
  }, 120_000);
});
