import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../core/ipc/contract';
import type { HaComparisonRow } from '../../../core/plan/compare-ha-patterns';
import {
  selectHaComparison,
  toHaRowViews,
} from '../../../renderer/features/ha-comparison/ha-comparison-view';
import { switchSqlHaPattern } from '../../../renderer/features/ha-comparison/replan';
import type { RendererApi } from '../../../renderer/host/renderer-api';
import { type AppStore, createAppStore } from '../../../renderer/store/app-store';
import { mumbaiSnapshot, plannedEstate } from '../realistic-project';

/** A host that only serves the bundled Mumbai prices: all the comparison and a re-plan need. */
function storeWithEstate(): AppStore {
  const api = {
    mode: 'browser',
    onMenuCommand: () => () => undefined,
    async pricingSnapshot(
      input: ChannelInput<'pricing.snapshot'>,
    ): Promise<ChannelOutput<'pricing.snapshot'>> {
      if (input.region !== 'ap-south-1') throw new Error(`unexpected region ${input.region}`);
      return { status: 'ok', snapshot: mumbaiSnapshot() };
    },
  } as unknown as RendererApi; // only the channels these commands call are answered
  return createAppStore({
    api,
    now: () => '2026-11-23T09:00:00.000Z',
    confirmDiscard: () => true,
    askFileName: () => null,
  });
}

async function loaded(): Promise<AppStore> {
  const store = storeWithEstate();
  store.setState({ project: await plannedEstate(), dirty: false });
  await store.getState().ensurePrices('ap-south-1');
  return store;
}

const row = (over: Partial<HaComparisonRow>): HaComparisonRow => ({
  pattern: 'basic-ag',
  title: 'Basic availability group (Standard)',
  summary: 'Two replicas.',
  selected: false,
  highlyAvailable: true,
  fits: true,
  fitReasons: [],
  purchaseOption: 'on-demand',
  monthlyUsd: '10309.07',
  yearlyUsd: '123708.84',
  databaseMonthlyUsd: '4677.82',
  deltaMonthlyUsd: '-3723.00',
  linesWithoutPrice: 0,
  licensing: 'Standard.',
  licences: [
    { platform: 'ec2', edition: 'standard', count: 2, vcpuEach: 16, text: '2 × SQL Server Standard on EC2' },
  ],
  rpo: '0',
  rto: 'Under a minute',
  serverFailure: 'Fails over.',
  azFailure: 'Fails over.',
  constraints: [],
  operations: [],
  failingChecks: [],
  ...over,
});

describe('the SQL Server HA comparison in the app', () => {
  it('formats money and the difference to the current pattern for the table', () => {
    const [cheaper, dearer, current] = toHaRowViews([
      row({}),
      row({ pattern: 'rds-multi-az', deltaMonthlyUsd: '+13196.04', linesWithoutPrice: 2 }),
      row({ pattern: 'always-on-ag', selected: true, deltaMonthlyUsd: '0.00' }),
    ]);
    expect(cheaper).toMatchObject({
      monthly: '$10,309.07',
      delta: '-$3,723.00',
      deltaTone: 'less',
      lowerBound: false,
    });
    expect(dearer).toMatchObject({ delta: '+$13,196.04', deltaTone: 'more', lowerBound: true });
    expect(current).toMatchObject({ delta: 'current', deltaTone: 'same' });
    expect(cheaper?.licences).toBe('2 × SQL Server Standard on EC2');
  });

  it('compares every pattern for the open project, once per change', async () => {
    const store = await loaded();
    const rows = selectHaComparison(store.getState());
    expect(rows?.map((r) => [r.pattern, r.selected])).toEqual([
      ['always-on-ag', true],
      ['basic-ag', false],
      ['fci-fsx', false],
      ['rds-multi-az', false],
      ['single-instance', false],
    ]);
    expect(rows?.find((r) => r.pattern === 'single-instance')?.failingChecks[0]).toMatch(/^RES-01 \(high\)/);
    // Nothing it reads changed: the same rows come back without recomputing.
    store.getState().selectNode('ec2-sqlprd01');
    expect(selectHaComparison(store.getState())).toBe(rows);
  });

  it('switches the project to another pattern by re-planning, keeping the nodes moved by hand', async () => {
    const store = await loaded();
    store.getState().moveNodes([
      { id: 'ec2-iqbot-prd-01', x: 11, y: 12 },
      { id: 'group-security', x: 2000, y: 30 },
    ]);
    await expect(switchSqlHaPattern(store, 'fci-fsx')).resolves.toBe(true);
    const s = store.getState();
    expect(s.project.options.sqlHa).toBe('fci-fsx');
    expect(s.project.topology.nodes.some((n) => n.id === 'fsx-sql')).toBe(true);
    const pos = new Map(s.project.layout.positions.map((p) => [p.id, p]));
    expect(pos.get('ec2-iqbot-prd-01')).toMatchObject({ x: 11, y: 12, manual: true });
    expect(pos.get('group-security')).toMatchObject({ x: 2000, y: 30, manual: true });
    expect(pos.get('fsx-sql')?.manual).toBe(false);
    expect(s.dirty).toBe(true);
    expect(s.busy).toBeNull();
    expect(s.status).toMatchObject({
      tone: 'success',
      message:
        'SQL Server now runs as: Failover cluster instance on FSx (Multi-AZ). Manual diagram moves were kept.',
    });
    expect(selectHaComparison(s)?.find((r) => r.selected)?.pattern).toBe('fci-fsx');
    // Choosing the pattern already in use changes nothing.
    const before = store.getState().project;
    await expect(switchSqlHaPattern(store, 'fci-fsx')).resolves.toBe(false);
    expect(store.getState().project).toBe(before);
  });
});
