import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProject } from '../core/project/load-project';
import type { Project } from '../core/project/schema';
import type { PriceContext } from '../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../core/pricing/price-book';
import type { PricingSnapshot } from '../core/pricing/snapshot';
import { resolveResourceDir } from '../main/services/app-paths';
import {
  type RefreshedSnapshotFile,
  refreshedSnapshotsIn,
} from '../main/services/pricing-api/refreshed-snapshots';
import { refreshedPricingDir, resolveUserDataDir } from '../main/services/user-data-dir';
import { CliError, printIssues } from './errors';

export function availableRegions(): string[] {
  const dir = resolveResourceDir('pricing-data');
  return readdirSync(dir)
    .filter((f) => /^[a-z]{2}(-[a-z]+)+-\d\.json$/.test(f))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

/** The folder of live price refreshes (the same one the desktop app reads). */
export function refreshedDir(): string {
  return refreshedPricingDir(resolveUserDataDir());
}

/** The newest refreshed snapshot file of a region, if any. */
export function newestRefreshedFile(region: string): RefreshedSnapshotFile | undefined {
  const dir = refreshedDir();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  return refreshedSnapshotsIn(dir, names).find((f) => f.region === region);
}

/**
 * The prices for a region: the newest live refresh (`archplan pricing refresh`) when there is a
 * readable one and `bundledOnly` is not set, else the bundled snapshot. A damaged refresh is reported
 * on stderr and the bundled snapshot used.
 */
export function loadPrices(region: string, bundledOnly = false): PricingSnapshot {
  const refreshed = bundledOnly ? undefined : newestRefreshedFile(region);
  if (refreshed) {
    try {
      const parsed = parsePricingSnapshot(readFileSync(refreshed.file, 'utf8'), refreshed.file);
      if (parsed.ok && parsed.value.region === region) return parsed.value;
      printIssues(
        (parsed.ok ? [] : parsed.issues).map((i) => ({
          ...i,
          severity: 'warning' as const,
          hint: 'Using the bundled snapshot instead; refresh again with `archplan pricing refresh`.',
        })),
      );
    } catch {
      printIssues([
        {
          code: 'pricing.refreshed-unreadable',
          severity: 'warning',
          message: `Could not read the refreshed price snapshot ${refreshed.file}.`,
          hint: 'Using the bundled snapshot instead; refresh again with `archplan pricing refresh`.',
        },
      ]);
    }
  }
  return loadSnapshot(region);
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

export function priceContextFor(
  region: string,
  bundledOnly = false,
): { snapshot: PricingSnapshot; prices: PriceContext } {
  const snapshot = loadPrices(region, bundledOnly);
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
