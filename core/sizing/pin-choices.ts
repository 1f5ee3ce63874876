import type { Server } from '../model/inventory';
import type { PriceBook } from '../pricing/price-book';
import type { InstanceTypeInfo } from '../pricing/snapshot';
import { byPrice, buildInstanceCatalog } from './instance-catalog';
import { effectiveEdition } from './size-server';

/** One type the architect may pin a server to, as the grid's menu lists it. */
export interface PinChoice {
  instanceType: string;
  vcpu: number;
  memoryGib: number;
  /** Hourly price under the server's licence, every vCPU active (sizing applies Optimize CPUs after). */
  hourlyUsd: string;
  derivedPrice: boolean;
  group: 'fits' | 'too-small' | 'previous-generation';
}

/**
 * Every type with a price for the server's licence, cheapest first, grouped: types that meet the
 * requirement, current types that are too small, and previous generations (allowed, not advised).
 */
export function listPinChoices(
  server: Server,
  required: { vcpu: number; memoryGib: number },
  prices: { book: PriceBook; instanceTypes: readonly InstanceTypeInfo[] },
): PinChoice[] {
  const catalog = buildInstanceCatalog(prices.instanceTypes, prices.book, effectiveEdition(server));
  return [...catalog.byType.values()].sort(byPrice).map((e) => ({
    instanceType: e.instanceType,
    vcpu: e.vcpu,
    memoryGib: e.memoryGib,
    hourlyUsd: e.hourlyUsd,
    derivedPrice: e.derivedPrice,
    group: !e.currentGeneration
      ? 'previous-generation'
      : e.vcpu >= required.vcpu && e.memoryGib >= required.memoryGib
        ? 'fits'
        : 'too-small',
  }));
}
