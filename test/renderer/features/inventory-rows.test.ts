import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../../core/plan/plan-project';
import type { Project } from '../../../core/project/schema';
import {
  type InventoryRow,
  buildInventoryRows,
  nextSortOrder,
  sortInventoryRows,
} from '../../../renderer/features/inventory/inventory-rows';
import { mumbaiPrices, plannedEstate } from '../realistic-project';

let project: Project;
let rows: InventoryRow[];
beforeAll(async () => {
  project = await plannedEstate();
  rows = buildInventoryRows(project.inventory.servers, analyzeProject(project, mumbaiPrices()).sizing);
});

describe('inventory table rows', () => {
  it('join each server with the instance type and hourly price the sizing recommends', () => {
    expect(rows).toHaveLength(14);
    const sql = rows.find((r) => r.name === 'SQLPRD01');
    expect(sql).toMatchObject({ role: 'sql', sqlEdition: 'enterprise', vcpu: 16, memoryGib: 128 });
    expect(sql?.instanceType).toMatch(/^[a-z0-9-]+\.[a-z0-9]+$/);
    expect(sql?.hourlyUsd).toMatch(/^\d+(\.\d+)?$/);
    expect(sql?.rationale).toContain('128 GiB kept for the SQL buffer pool');
    expect(sql).toMatchObject({
      requiredVcpu: 10,
      requiredMemoryGib: 128,
      cpuSource: 'p95',
      confidence: 'high',
    });
    expect(sql?.activeVcpu).toBeLessThan(sql?.chosenVcpu ?? 0);
    expect(sql?.details.join(' ')).toMatch(/Optimize CPUs/);
    expect(sql?.alternatives).toHaveLength(2);
  });

  it('show what the architect pinned beside what sizing would choose', () => {
    const pinned = {
      ...project,
      inventory: {
        ...project.inventory,
        servers: project.inventory.servers.map((s) =>
          s.name === 'IQBOT-PRD-01' ? { ...s, pinnedInstanceType: 'm6i.4xlarge' } : s,
        ),
      },
    };
    const row = buildInventoryRows(
      pinned.inventory.servers,
      analyzeProject(pinned, mumbaiPrices()).sizing,
    ).find((r) => r.name === 'IQBOT-PRD-01');
    expect(row).toMatchObject({
      instanceType: 'm6i.4xlarge',
      pinnedInstanceType: 'm6i.4xlarge',
      pinMeetsRequirement: true,
    });
    expect(row?.recommendedInstanceType).not.toBe('m6i.4xlarge');
    expect(row?.rationale).toMatch(/pinned by the architect/);
  });

  it('show servers without a recommendation while prices load', () => {
    const loading = buildInventoryRows(project.inventory.servers, null);
    expect(loading.every((r) => r.instanceType === null && r.hourlyUsd === null)).toBe(true);
  });

  it('sort by price as exact decimals, most expensive first on the second click', () => {
    const order = nextSortOrder(nextSortOrder(null, 'hourlyUsd'), 'hourlyUsd');
    expect(order).toEqual({ key: 'hourlyUsd', direction: 'desc' });
    const sorted = sortInventoryRows(rows, order);
    expect(sorted[0]?.name.startsWith('SQLPRD')).toBe(true);
    const prices = sorted.map((r) => Number(r.hourlyUsd));
    expect([...prices].sort((a, b) => b - a)).toEqual(prices);
  });

  it('sort names naturally and put servers without utilisation last either way', () => {
    const byName = sortInventoryRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.name);
    expect(byName.slice(0, 3)).toEqual(['CTRLROOM-PRD-01', 'CTRLROOM-PRD-02', 'IQBOT-PRD-01']);
    expect(byName.indexOf('IQBOT-PRD-02')).toBeLessThan(byName.indexOf('IQBOT-PRD-10'));
    for (const direction of ['asc', 'desc'] as const) {
      const byCpu = sortInventoryRows(rows, { key: 'cpuPct', direction });
      expect(byCpu.at(-1)?.cpuPct).toBeNull();
    }
  });
});

describe('the design’s own instance type', () => {
  it('is shown beside the sizing when the availability group lifts a replica to the primary’s type', () => {
    const withDesign = buildInventoryRows(
      project.inventory.servers,
      analyzeProject(project, mumbaiPrices()).sizing,
      project.topology,
    );
    const replicas = project.topology.nodes.filter((n) => n.kind === 'ec2-instance' && n.role === 'sql');
    const types = new Set(replicas.map((n) => (n.kind === 'ec2-instance' ? n.instanceType : '')));
    expect(types.size).toBe(1);
    for (const row of withDesign.filter((r) => r.role === 'sql')) {
      expect(row.designInstanceType === null ? row.instanceType : row.designInstanceType).toBe([...types][0]);
    }
    expect(withDesign.filter((r) => r.role === 'bot').every((r) => r.designInstanceType === null)).toBe(true);
  });
});
