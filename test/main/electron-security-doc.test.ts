import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example';

const doc = readFileSync(join(ROOT, 'docs', 'electron-security.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the Electron security checklist (docs/electron-security.md)', () => {
  it('answers all 20 items, each with a test that exists', () => {
    const rows = doc.split('\n').filter((l) => /^\|\s*\d+\s*\|/.test(l));
    expect(rows.map((r) => Number(/^\|\s*(\d+)/.exec(r)?.[1]))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    for (const row of rows) {
      const tests = row.match(/test\/[\w/.-]+\.test\.ts/g) ?? [];
      expect(tests.length, row).toBeGreaterThan(0);
      for (const t of tests) expect(existsSync(join(ROOT, t)), t).toBe(true);
    }
  });

  it('#15: nothing in the shells opens external links', () => {
    const offenders = [...sources(join(ROOT, 'main')), ...sources(join(ROOT, 'renderer'))].filter((f) =>
      /\bopenExternal\s*\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('#16: builds on a current Electron (one of the three supported majors at the time of writing)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const major = Number(/(\d+)/.exec(pkg.devDependencies.electron ?? '')?.[1]);
    expect(major).toBeGreaterThanOrEqual(43);
  });
});
