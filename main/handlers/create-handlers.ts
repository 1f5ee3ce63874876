import type { Handlers, HostContext } from './host-context';
import { createAppHandlers } from './app-handlers';
import { createPricingHandlers } from './pricing-handlers';
import { createProjectHandlers } from './project-handlers';

/** Every channel of core/ipc/contract.ts, for either shell. Call through dispatch(), which parses both ways. */
export function createHandlers(ctx: HostContext): Handlers {
  return { ...createAppHandlers(ctx), ...createPricingHandlers(ctx), ...createProjectHandlers(ctx) };
}
