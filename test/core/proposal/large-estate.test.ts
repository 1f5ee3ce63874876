import { describe, expect, it } from 'vitest';
import { parseNativeCsv } from '../../../core/inventory/parse-native-csv';
import { buildProposal } from '../../../core/proposal/build-proposal';
import { preparePrintDiagram } from '../../../core/proposal/print-diagram';
import { formatUsd } from '../../../core/util/money';
import { GENERATED_AT, planExample } from './example-project';

/** A 5,000-server RPA estate: bots in a few shapes, control rooms and SQL Servers, as a customer's CSV would list them. */
function bigInventoryCsv(): string {
  const rows = ['name,role,os,vcpu,memory_gib,storage_gib,cpu_p95_pct,memory_p95_pct,sql_edition'];
  // Deterministic spread, no Math.random: the same estate every run.
  const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length] as T;
  for (let i = 0; i < 4800; i++)
    rows.push(
      `BOT-${String(i).padStart(5, '0')},bot,Windows Server 2019 Datacenter,${pick([4, 8, 8, 16], i)},${pick([8, 16, 32], i + 1)},150,${30 + ((i * 37) % 55)},${40 + ((i * 53) % 45)},`,
    );
  for (let i = 0; i < 150; i++)
    rows.push(
      `CR-${String(i).padStart(4, '0')},control-room,Windows Server 2019 Datacenter,8,32,600,${30 + (i % 40)},${40 + (i % 40)},`,
    );
  for (let i = 0; i < 50; i++)
    rows.push(
      `SQL-${String(i).padStart(3, '0')},sql,Windows Server 2019 Datacenter,16,128,2000,${30 + (i % 40)},${60 + (i % 30)},Enterprise`,
    );
  return `${rows.join('\n')}\n`;
}

describe('a 5,000-server estate', () => {
  it('groups the sizing table and the cost detail, collapses the diagram, and keeps every total exact', async () => {
    const inventory = parseNativeCsv(bigInventoryCsv(), 'big.csv', '2026-11-23T00:00:00Z').inventory;
    expect(inventory.servers).toHaveLength(5000);
    const { project, analysis, prices } = await planExample({ name: 'BigCo' }, {}, inventory);
    const started = Date.now();
    const diagram = await preparePrintDiagram(project.topology, project.layout);
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT, { diagram });
    const elapsed = Date.now() - started;

    expect(model.meta.detail).toBe('grouped');
    expect(model.sizing.grouped).toBe(true);
    // A page or two of groups, not 5,000 rows; and the groups account for every server.
    expect(model.sizing.rows.length).toBeLessThan(80);
    expect(model.sizing.rows.reduce((a, r) => a + r.count, 0)).toBe(analysis.sizing.length);
    expect(model.costs.byResource.length).toBeLessThan(150);
    // The diagram: identical instances drawn once per subnet, with the reader told so.
    expect(diagram.collapsed).toBe(true);
    const printedInstances = diagram.topology.nodes.filter((n) => n.kind === 'ec2-instance').length;
    expect(printedInstances).toBeLessThan(80);
    expect(model.diagram.note).toMatch(/identical instances in a subnet/);
    expect(model.diagram.svg.length).toBeLessThan(1_000_000);
    // Grouping changes no figure.
    expect(model.costs.totals.monthly).toBe(formatUsd(analysis.estimate.totals.monthlyUsd));
    expect(model.summary.keyFigures[2]?.value).toBe('5,000');
    expect(elapsed).toBeLessThan(20_000);
  }, 180_000);
});
