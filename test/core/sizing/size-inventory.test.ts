import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventoryFile } from '../../../core/inventory/parse-inventory-file';
import { DEFAULT_PLAN_OPTIONS } from '../../../core/model/options';
import type { Inventory } from '../../../core/model/inventory';
import { sizeInventory } from '../../../core/sizing/size-inventory';
import { sizeServer } from '../../../core/sizing/size-server';
import { buildInstanceCatalog } from '../../../core/sizing/instance-catalog';
import { cpuOptionsFor } from '../../../core/sizing/instance-settings';
import { ROOT, priceContext } from '../../helpers/example';

const AT = '2026-11-23T00:00:00Z';
const load = (name: string): Inventory =>
  parseInventoryFile(name, readFileSync(join(ROOT, 'examples', name)), AT).inventory;

describe('sizing an inventory', () => {
  it('gives each server the same result as sizing it alone (the shared memo changes nothing)', () => {
    const { book, instanceTypes } = priceContext();
    const inventory = load('rvtools-export.xlsx');
    const { results } = sizeInventory(inventory, instanceTypes, book, DEFAULT_PLAN_OPTIONS);
    for (const server of inventory.servers.slice(0, 6)) {
      const alone = sizeServer(
        server,
        buildInstanceCatalog(instanceTypes, book, server.role === 'sql' ? server.sqlEdition : 'none'),
        DEFAULT_PLAN_OPTIONS,
      ).result;
      expect(results.find((r) => r.serverId === server.id)).toEqual(alone);
    }
  });

  it('marks RVTools’ point-in-time figures as low-confidence averages, and sizes from them', () => {
    const { book, instanceTypes } = priceContext();
    const { results } = sizeInventory(load('rvtools-export.xlsx'), instanceTypes, book, DEFAULT_PLAN_OPTIONS);
    const bot = results.find((r) => r.server === 'IQBOT-PRD-01');
    expect(bot).toMatchObject({ confidence: 'low', utilization: { cpuSource: 'avg', cpuPct: 52 } });
    expect(bot?.rationale).toMatch(/^8 vCPU at average 52% \(no p95\) × 1\.3 = 5\.4 → 6 vCPU/);
  });

  it('counts the bot runners the automations need and says how many more the design must add', () => {
    const { book, instanceTypes } = priceContext();
    const inventory = load('migration-hub-import.csv');
    const sized = sizeInventory(inventory, instanceTypes, book, DEFAULT_PLAN_OPTIONS);
    // Ten runners listed; IQBOT-PRD-01 must run 2 automations at once, the others 1 each.
    expect(sized.botRunners).toMatchObject({ listed: 10, required: 11, extra: 1, basis: 'per-runner' });
    expect(sized.botRunners?.instanceType).toMatch(/^m/);
    expect(sized.results.find((r) => r.server === 'iqbot-prd-01')?.runners).toEqual({
      concurrentAutomations: 2,
      runnersNeeded: 2,
    });
    expect(sized.issues).toContainEqual(
      expect.objectContaining({ code: 'sizing.more-runners-needed', severity: 'warning' }),
    );
    // A control room's figure is the estate's peak and wins over the runners' own.
    const withPeak: Inventory = {
      ...inventory,
      servers: inventory.servers.map((s) =>
        s.role === 'control-room' ? { ...s, concurrentAutomations: 25 } : s,
      ),
    };
    expect(sizeInventory(withPeak, instanceTypes, book, DEFAULT_PLAN_OPTIONS).botRunners).toMatchObject({
      required: 25,
      extra: 15,
      basis: 'control-room',
    });
    expect(
      sizeInventory(load('rpa-estate.csv'), instanceTypes, book, DEFAULT_PLAN_OPTIONS).botRunners,
    ).toBeNull();
  });

  it('hands the topology each instance’s CPU options; a replica on a larger cluster type takes that type’s', () => {
    const { book, instanceTypes } = priceContext();
    const { results } = sizeInventory(load('rpa-estate.csv'), instanceTypes, book, DEFAULT_PLAN_OPTIONS);
    const byId = new Map(results.map((r) => [r.serverId, r]));
    const [a, b] = ['sqlprd01', 'sqlprd02'].map((id) => byId.get(id));
    if (!a?.chosen || !b?.chosen || !a.optimizeCpu) throw new Error('SQL servers not sized');
    expect(cpuOptionsFor(a.chosen.instanceType, a, byId)).toEqual({
      coreCount: a.optimizeCpu.coreCount,
      threadsPerCore: a.optimizeCpu.threadsPerCore,
    });
    // SQLPRD02 runs as the availability group's replica on SQLPRD01's type, so it gets SQLPRD01's options.
    expect(cpuOptionsFor(a.chosen.instanceType, b, byId)).toEqual(
      cpuOptionsFor(a.chosen.instanceType, a, byId),
    );
    expect(cpuOptionsFor(undefined, b, byId)).toBeNull();
  });
});
