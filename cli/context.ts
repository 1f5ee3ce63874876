import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProject } from '../core/project/load-project';
import type { Project } from '../core/project/schema';
import type { PriceContext } from '../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../core/pricing/price-book';
import type { PricingSnapshot } from '../core/pricing/snapshot';
import { resolveResourceDir } from '../main/services/app-paths';
import { CliError } from './errors';

export function availableRegions(): string[] {
  const dir = resolveResourceDir('pricing-data');
  return readdirSync(dir)
    .filter((f) => /^[a-z]{2}(-[a-z]+)+-\d\.json$/.test(f))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** The bundled snapshot for a region, or a usage error listing the regions that have one. */
export function loadSnapshot(region: string): PricingSnapshot {
  const regions = availableRegions();
  if (!regions.includes(region)) {
    throw new CliError([
      {
        code: 'pricing.no-snapshot',
        severity: 'error',
        message: `No price snapshot for region "${region}".`,
        hint: `Use one of: ${regions.join(', ')}.`,
      },
    ]);
  }
  const file = join(resolveResourceDir('pricing-data'), `${region}.json`);
  const parsed = parsePricingSnapshot(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new CliError(parsed.issues);
  return parsed.value;
}

export function priceContextFor(region: string): { snapshot: PricingSnapshot; prices: PriceContext } {
  const snapshot = loadSnapshot(region);
  return {
    snapshot,
    prices: { book: createSnapshotPriceBook(snapshot), instanceTypes: snapshot.instanceTypes },
  };
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw new CliError([
      {
        code: 'cli.unreadable-file',
        severity: 'error',
        message: `The ${what} ${path} ${reason}.`,
        hint: 'Check the path and try again.',
        path: { file: path },
      },
    ]);
  }
}

export function readProjectFile(path: string): Project {
  const parsed = parseProject(readTextFile(path, 'project file'), path);
  if (!parsed.ok) throw new CliError(parsed.issues);
  return parsed.value;
}
