import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PricingSnapshot } from '../../../core/pricing/snapshot';
import { createSnapshotLoader } from '../../../main/handlers/snapshot-loader';
import { writeRefreshedSnapshot } from '../../../main/services/pricing-api/refreshed-snapshots';
import { ROOT, loadSnapshot } from '../../helpers/example';

const PRICING_DATA = join(ROOT, 'pricing-data');

/** A refreshed snapshot as `archplan pricing refresh` writes it (here: the bundled prices, stamped live). */
function refreshed(region: string, fetchedAt: string): PricingSnapshot {
  return {
    ...loadSnapshot(region),
    builtAt: fetchedAt,
    origin: { kind: 'live', fetchedAt, endpoint: 'test', servicesFetched: ['AmazonEC2'], servicesFailed: [] },
  };
}

describe('the host snapshot loader', () => {
  it('prefers the newest live refresh of a region, and the bundled snapshot elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-refreshed-'));
    await writeRefreshedSnapshot(dir, refreshed('ap-south-1', '2026-11-20T08:00:00.000Z'));
    await writeRefreshedSnapshot(dir, refreshed('ap-south-1', '2026-11-23T09:30:00.000Z'));
    const loader = createSnapshotLoader(PRICING_DATA, dir);
    const mumbai = await loader.snapshot('ap-south-1');
    expect(mumbai.ok && mumbai.value.origin).toMatchObject({
      kind: 'live',
      fetchedAt: '2026-11-23T09:30:00.000Z',
    });
    const prices = await loader.priceContext('ap-south-1');
    expect(prices.ok && prices.value.book.description.kind).toBe('live');
    const east = await loader.snapshot('us-east-1');
    expect(east.ok && east.value.origin).toEqual({ kind: 'bundled' });
  });

  it('falls back to the bundled snapshot, with a warning, when the newest refresh is damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archplan-refreshed-'));
    writeFileSync(
      join(dir, 'ap-south-1-2026-11-23T09-30-00-000Z.json'),
      '{"format": "archplan-pricing-snapshot", "version": 2',
    );
    const loaded = await createSnapshotLoader(PRICING_DATA, dir).snapshot('ap-south-1');
    expect(loaded.ok && loaded.value.origin).toEqual({ kind: 'bundled' });
    expect(loaded.issues).toEqual([
      expect.objectContaining({ code: 'pricing.snapshot-not-json', severity: 'warning' }),
    ]);
  });

  it('reads bundled snapshots only when the host has no refresh folder', async () => {
    const loaded = await createSnapshotLoader(PRICING_DATA).snapshot('ap-south-1');
    expect(loaded.ok && loaded.value.origin).toEqual({ kind: 'bundled' });
  });
});
