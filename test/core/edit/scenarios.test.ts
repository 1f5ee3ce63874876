import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareScenarios,
  deleteScenario,
  deriveScenario,
  openScenario,
  renameScenario,
  saveScenario,
} from '../../../core/edit/scenarios';
import type { Project } from '../../../core/project/schema';
import { mumbaiPrices, plannedEstate } from '../../renderer/realistic-project';

const NOW = '2026-11-23T10:00:00Z';
let estate: Project;
beforeAll(async () => {
  estate = await plannedEstate();
});

function ok(r: { ok: true; project: Project } | { ok: false; issues: { message: string }[] }): Project {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.project;
}

describe('scenarios', () => {
  it('keeps named variants and compares their totals side by side (3-year RI costs less per month)', async () => {
    let p = ok(saveScenario(estate, 'Always On AG, On-Demand', NOW));
    p = ok(
      await deriveScenario(
        p,
        '3-year RI',
        { purchaseOption: 'ri-standard-3yr-no-upfront' },
        mumbaiPrices(),
        NOW,
      ),
    );
    expect(p.topology).toBe(estate.topology);
    const rows = compareScenarios(p, mumbaiPrices());
    expect(rows.map((r) => r.name)).toEqual(['Current design', 'Always On AG, On-Demand', '3-year RI']);
    const [current, onDemand, ri] = rows;
    expect(onDemand?.totals.monthlyUsd).toBe(current?.totals.monthlyUsd);
    expect(Number(ri?.totals.monthlyUsd)).toBeLessThan(Number(onDemand?.totals.monthlyUsd));
  });

  it('re-plans a variant with another HA pattern, and opening it makes it the working design', async () => {
    const p = ok(await deriveScenario(estate, 'FCI on FSx', { sqlHa: 'fci-fsx' }, mumbaiPrices(), NOW));
    const id = p.scenarios[0]?.id as string;
    const opened = ok(openScenario(p, id));
    expect(opened.options.sqlHa).toBe('fci-fsx');
    expect(opened.topology.nodes.some((n) => n.id === 'fsx-sql')).toBe(true);
  });

  it('refuses empty and duplicate names, renames and deletes', () => {
    const p = ok(saveScenario(estate, 'Base', NOW));
    expect(saveScenario(p, '  ', NOW).ok).toBe(false);
    expect(saveScenario(p, 'base', NOW).ok).toBe(false);
    const id = p.scenarios[0]?.id as string;
    expect(ok(renameScenario(p, id, 'Baseline')).scenarios[0]?.name).toBe('Baseline');
    expect(ok(deleteScenario(p, id)).scenarios).toEqual([]);
  });
});
