import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelOutput } from '../../core/ipc/contract';
import type { Result } from '../../core/model/issue';
import { parsePricingSnapshot } from '../../core/pricing/price-book';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import type { HostContext, ParsedInput } from './host-context';
import { describeFileError, hostError, hostIssue } from './host-issues';

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

export interface PricingHandlers {
  'pricing.snapshot': (input: ParsedInput<'pricing.snapshot'>) => Promise<ChannelOutput<'pricing.snapshot'>>;
}

/**
 * pricing.snapshot: the bundled snapshot of a region, read and validated once per region and then
 * served from memory (snapshots only change when the app is updated).
 */
export function createPricingHandlers(ctx: HostContext): PricingHandlers {
  const cache = new Map<string, Promise<Result<PricingSnapshot>>>();

  async function loadSnapshot(region: string): Promise<Result<PricingSnapshot>> {
    const fileName = `${region}.json`;
    let text: string;
    try {
      text = await readFile(join(ctx.pricingDataDir, fileName), 'utf8');
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

  return {
    async 'pricing.snapshot'({ region }) {
      const regions = await listSnapshotRegions(ctx.pricingDataDir);
      if (!regions.includes(region)) {
        const available =
          regions.length > 0 ? `Available: ${regions.join(', ')}.` : 'No snapshots are installed.';
        return hostError(
          'pricing.unknown-region',
          `There is no price snapshot for region "${region}". ${available}`,
          'Choose one of the available regions, or build a snapshot for this region with `npm run pricing:build`.',
          { field: 'region' },
        );
      }
      let pending = cache.get(region);
      if (!pending) {
        pending = loadSnapshot(region);
        cache.set(region, pending);
      }
      const result = await pending;
      if (!result.ok) {
        cache.delete(region); // a repaired file is picked up on the next request
        return { status: 'error', issues: result.issues };
      }
      return { status: 'ok', snapshot: result.value };
    },
  };
}
