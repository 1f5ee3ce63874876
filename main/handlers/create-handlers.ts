import type { Handlers, HostContext } from './host-context';
import { createAppHandlers } from './app-handlers';
import { createDiagramHandlers } from './diagram-handlers';
import { createExportHandlers } from './export-handlers';
import { createPricingHandlers } from './pricing-handlers';
import { createProjectHandlers } from './project-handlers';
import { createRecoveryHandlers } from './recovery-handlers';
import { createSnapshotLoader } from './snapshot-loader';

/** Every channel of core/ipc/contract.ts, for either shell. Call through dispatch(), which parses both ways. */
export function createHandlers(ctx: HostContext): Handlers {
  // One loader for the host: pricing.snapshot and export.plan read and cache each region's snapshot once.
  const snapshots = createSnapshotLoader(ctx.pricingDataDir, ctx.refreshedPricingDir ?? null);
  return {
    ...createAppHandlers(ctx),
    ...createPricingHandlers(ctx, snapshots),
    ...createProjectHandlers(ctx),
    ...createExportHandlers(ctx, snapshots),
    ...createRecoveryHandlers(ctx),
    ...createDiagramHandlers(ctx),
  };
}
