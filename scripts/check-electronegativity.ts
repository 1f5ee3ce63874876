/**
 * Runs Electronegativity (Doyensec's Electron security scanner) over the Electron shell and the
 * renderer's HTML, and fails on any finding not justified in electronegativity-justified.json. The
 * tool itself exits 0 whatever it finds, so its CSV output is read here instead.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../core/inventory/csv';

interface Justification {
  check: string;
  file: string;
  reason: string;
  verifiedBy: string;
  requiresElectronMajorAtLeast?: number;
}
interface Finding {
  check: string;
  file: string;
  location: string;
  sample: string;
}

const root = join(import.meta.dirname, '..');

function scan(): Finding[] {
  const work = mkdtempSync(join(tmpdir(), 'archplan-electronegativity-'));
  try {
    const input = join(work, 'src');
    cpSync(join(root, 'main'), join(input, 'main'), { recursive: true });
    cpSync(join(root, 'renderer', 'index.html'), join(input, 'index.html'));
    const out = join(work, 'findings.csv');
    const bin = join(root, 'node_modules', '.bin', 'electronegativity');
    const run = spawnSync(bin, ['-i', input, '-r', '-v', 'false', '-o', out], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (run.status !== 0 || !existsSync(out)) {
      throw new Error(
        `Electronegativity did not run (exit ${String(run.status)}): ${run.stderr || run.stdout}`,
      );
    }
    const read = readCsv(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(`Electronegativity's CSV could not be read: ${read.error.message}`);
    return read.table.rows.slice(1).map((row) => {
      const [check = '', , , file = '', location = '', sample = ''] = row.cells.map((c) => c.trim());
      return { check, file, location, sample };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function electronMajor(): number {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const range = pkg.devDependencies?.electron ?? '';
  return Number(/(\d+)/.exec(range)?.[1] ?? 0);
}

function main(): void {
  const config = JSON.parse(readFileSync(join(root, 'electronegativity-justified.json'), 'utf8')) as {
    justified: Justification[];
  };
  const findings = scan();
  const problems: string[] = [];
  const used = new Set<Justification>();
  for (const f of findings) {
    const j = config.justified.find((e) => e.check === f.check && e.file === f.file);
    if (!j) {
      problems.push(`${f.check} at ${f.file}:${f.location} is not justified (${f.sample.slice(0, 120)})`);
      continue;
    }
    used.add(j);
  }
  for (const j of config.justified) {
    if (!used.has(j))
      problems.push(`${j.check} on ${j.file} is justified but no longer found: remove the entry`);
    if (!existsSync(join(root, j.verifiedBy))) problems.push(`${j.check}: ${j.verifiedBy} does not exist`);
    if (j.requiresElectronMajorAtLeast !== undefined && electronMajor() < j.requiresElectronMajorAtLeast)
      problems.push(`${j.check}: the justification needs Electron ${j.requiresElectronMajorAtLeast}+`);
  }
  process.stdout.write(
    `Electronegativity: ${findings.length} finding(s), ${used.size} justified in electronegativity-justified.json\n`,
  );
  if (problems.length > 0) {
    process.stderr.write(`${problems.map((p) => `  ✗ ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}

main();
