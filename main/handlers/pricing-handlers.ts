import type { ChannelOutput } from '../../core/ipc/contract';
import type { HostContext, ParsedInput } from './host-context';
import { type SnapshotLoader, createSnapshotLoader } from './snapshot-loader';

export { listSnapshotRegions } from './snapshot-loader';

export interface PricingHandlers {
  'pricing.snapshot': (input: ParsedInput<'pricing.snapshot'>) => Promise<ChannelOutput<'pricing.snapshot'>>;
}

/**
 * pricing.snapshot: the region's prices through the host's shared loader (read and validated once per
 * region, then served from memory): the newest live refresh when there is one, else the bundled snapshot.
 */
export function createPricingHandlers(
  ctx: HostContext,
  snapshots: SnapshotLoader = createSnapshotLoader(ctx.pricingDataDir, ctx.refreshedPricingDir ?? null),
): PricingHandlers {
  return {
    async 'pricing.snapshot'({ region }) {
      const result = await snapshots.snapshot(region);
      if (!result.ok) return { status: 'error', issues: result.issues };
      return { status: 'ok', snapshot: result.value };
    },
  };
}
