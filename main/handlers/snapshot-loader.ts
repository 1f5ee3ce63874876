import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Result } from '../../core/model/issue';
import type { PriceContext } from '../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import { listRefreshedSnapshots } from '../services/pricing-api/refreshed-snapshots';
import { describeFileError, hostIssue } from './host-issues';

const SNAPSHOT_FILE = /^([a-z]{2}(?:-[a-z]+)+-\d)\.json$/;

/** Regions with a bundled snapshot (pricing-data/<region>.json), sorted; empty if the folder is missing. */
export async function listSnapshotRegions(pricingDataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(pricingDataDir);
  } catch {
    return [];
  }
  return names.flatMap((n) => SNAPSHOT_FILE.exec(n)?.[1] ?? []).sort();
}

/** The bundled price snapshots, read and validated once per region and then served from memory. */
export interface SnapshotLoader {
  /** The region's snapshot, or issues naming the region (and the regions that exist) or the damaged file. */
  snapshot(region: string): Promise<Result<PricingSnapshot>>;
  /** The price book over the region's snapshot (built once per snapshot: its lookup index lives inside). */
  priceContext(region: string): Promise<Result<PriceContext>>;
}

/**
 * One loader per host, shared by every handler that needs prices (pricing.snapshot, export.plan), so a
 * snapshot is parsed once however many channels use it. The newest live refresh of a region in
 * `refreshedDir` (the user's data folder) is preferred over the bundled snapshot. Snapshots are read
 * once per region and run; a failed read is not cached, so a repaired file is picked up on the next request.
 */
export function createSnapshotLoader(
  pricingDataDir: string,
  refreshedDir: string | null = null,
): SnapshotLoader {
  const cache = new Map<string, Promise<Result<PricingSnapshot>>>();
  const contexts = new WeakMap<PricingSnapshot, PriceContext>();

  /**
   * The newest live refresh of the region (archplan pricing refresh), if there is a readable one;
   * a damaged or unreadable file is reported and the bundled snapshot is used instead.
   */
  async function readRefreshed(region: string): Promise<Result<PricingSnapshot> | null> {
    if (!refreshedDir) return null;
    const newest = (await listRefreshedSnapshots(refreshedDir)).find((f) => f.region === region);
    if (!newest) return null;
    let text: string;
    try {
      text = await readFile(newest.file, 'utf8');
    } catch (e) {
      return {
        ok: false,
        issues: [
          hostIssue(
            'pricing.refreshed-unreadable',
            `Could not read the refreshed price snapshot ${newest.file}: ${describeFileError(e)}.`,
            'The bundled snapshot is used instead; refresh again with `archplan pricing refresh`.',
            { file: newest.file },
          ),
        ],
      };
    }
    const parsed = parsePricingSnapshot(text, basename(newest.file));
    if (parsed.ok && parsed.value.region !== region)
      return {
        ok: false,
        issues: [
          hostIssue(
            'pricing.snapshot-wrong-region',
            `${newest.file} holds prices for ${parsed.value.region}, not ${region}.`,
            'The bundled snapshot is used instead; delete the file or refresh again.',
            { file: newest.file },
          ),
        ],
      };
    return parsed;
  }

  async function read(region: string): Promise<Result<PricingSnapshot>> {
    const refreshed = await readRefreshed(region);
    if (refreshed?.ok) return refreshed;
    const bundled = await readBundled(region);
    if (!refreshed || !bundled.ok) return bundled;
    // The refresh is damaged: keep pricing from the bundled snapshot, and say why.
    return { ...bundled, issues: refreshed.issues.map((i) => ({ ...i, severity: 'warning' as const })) };
  }

  async function readBundled(region: string): Promise<Result<PricingSnapshot>> {
    const fileName = `${region}.json`;
    let text: string;
    try {
      text = await readFile(join(pricingDataDir, fileName), 'utf8');
    } catch (e) {
      return {
        ok: false,
        issues: [
          hostIssue(
            'pricing.snapshot-unreadable',
            `Could not read the price snapshot ${fileName}: ${describeFileError(e)}.`,
            'Reinstall Architecture Planner or rebuild the snapshot with `npm run pricing:build`.',
            { file: fileName },
          ),
        ],
      };
    }
    const parsed = parsePricingSnapshot(text, fileName);
    if (parsed.ok && parsed.value.region !== region) {
      return {
        ok: false,
        issues: [
          hostIssue(
            'pricing.snapshot-wrong-region',
            `${fileName} holds prices for ${parsed.value.region}, not ${region}.`,
            'Rebuild the snapshot with `npm run pricing:build`.',
            { file: fileName },
          ),
        ],
      };
    }
    return parsed;
  }

  async function snapshot(region: string): Promise<Result<PricingSnapshot>> {
    const regions = await listSnapshotRegions(pricingDataDir);
    if (!regions.includes(region)) {
      const available =
        regions.length > 0 ? `Available: ${regions.join(', ')}.` : 'No snapshots are installed.';
      return {
        ok: false,
        issues: [
          hostIssue(
            'pricing.unknown-region',
            `There is no price snapshot for region "${region}". ${available}`,
            'Choose one of the available regions, or build a snapshot for this region with `npm run pricing:build`.',
            { field: 'region' },
          ),
        ],
      };
    }
    let pending = cache.get(region);
    if (!pending) {
      pending = read(region);
      cache.set(region, pending);
    }
    const result = await pending;
    if (!result.ok) cache.delete(region);
    return result;
  }

  return {
    snapshot,
    async priceContext(region) {
      const loaded = await snapshot(region);
      if (!loaded.ok) return loaded;
      let context = contexts.get(loaded.value);
      if (!context) {
        context = { book: createSnapshotPriceBook(loaded.value), instanceTypes: loaded.value.instanceTypes };
        contexts.set(loaded.value, context);
      }
      return { ok: true, value: context, issues: loaded.issues };
    },
  };
}
