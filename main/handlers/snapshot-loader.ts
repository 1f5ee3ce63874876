import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '../../core/model/issue';
import type { PriceContext } from '../../core/plan/plan-project';
import { createSnapshotPriceBook, parsePricingSnapshot } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
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
 * snapshot is parsed once however many channels use it. Snapshots only change when the app is
 * updated; a failed read is not cached, so a repaired file is picked up on the next request.
 */
export function createSnapshotLoader(pricingDataDir: string): SnapshotLoader {
  const cache = new Map<string, Promise<Result<PricingSnapshot>>>();
  const contexts = new WeakMap<PricingSnapshot, PriceContext>();

  async function read(region: string): Promise<Result<PricingSnapshot>> {
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
