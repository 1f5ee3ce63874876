import type { StateCreator } from 'zustand/vanilla';
import type { Issue } from '../../core/model/issue';
import type { PriceContext } from '../../core/plan/plan-project';
import type { PricingSnapshot } from '../../core/pricing/snapshot';
import { issuesFromFailure } from '../host/host-error';
import { priceContextFor } from './analysis';
import type { AppState } from './app-store';
import type { StoreDeps } from './store-deps';

export type PriceEntry =
  | { status: 'loading' }
  | { status: 'ready'; snapshot: PricingSnapshot }
  | { status: 'error'; issues: Issue[] };

export interface PricingSlice {
  /** Price snapshots by region, loaded from the host once per region (plain JSON, as the host sent it). */
  snapshots: Readonly<Record<string, PriceEntry>>;
  /** Loads the region's snapshot unless it is loaded or loading; null (with the issues in `snapshots`) on failure. */
  ensurePrices(region: string): Promise<PriceContext | null>;
}

export function createPricingSlice(deps: StoreDeps): StateCreator<AppState, [], [], PricingSlice> {
  const inFlight = new Map<string, Promise<PriceContext | null>>();
  return (set, get) => ({
    snapshots: {},
    ensurePrices(region) {
      const entry = get().snapshots[region];
      if (entry?.status === 'ready') return Promise.resolve(priceContextFor(entry.snapshot));
      const pending = inFlight.get(region);
      if (pending) return pending;
      const setEntry = (e: PriceEntry): void => set((s) => ({ snapshots: { ...s.snapshots, [region]: e } }));
      setEntry({ status: 'loading' });
      const load = (async (): Promise<PriceContext | null> => {
        try {
          const answer = await deps.api.pricingSnapshot({ region });
          if (answer.status === 'error') {
            setEntry({ status: 'error', issues: answer.issues });
            return null;
          }
          if (answer.snapshot.region !== region) {
            setEntry({
              status: 'error',
              issues: [
                {
                  code: 'pricing.wrong-region',
                  severity: 'error',
                  message: `The host sent prices for ${answer.snapshot.region} when ${region} was asked for.`,
                  hint: 'Rebuild the price snapshots (`npm run pricing:build`) and restart.',
                },
              ],
            });
            return null;
          }
          setEntry({ status: 'ready', snapshot: answer.snapshot });
          return priceContextFor(answer.snapshot);
        } catch (e) {
          setEntry({ status: 'error', issues: issuesFromFailure(e, `Loading prices for ${region}`) });
          return null;
        } finally {
          // A failed load may be retried by the next call; a loaded one is answered from `snapshots`.
          inFlight.delete(region);
        }
      })();
      inFlight.set(region, load);
      return load;
    },
  });
}
