import { describe, expect, it } from 'vitest';
import type { Layout } from '../../../core/model/layout';
import { SQL_HA_PATTERNS } from '../../../core/model/options';
import { indexNodes } from '../../../core/model/topology';
import { planProject } from '../../../core/plan/plan-project';
import { GROUP, NODE } from '../../../core/topology/design-ids';
import { layoutTopology } from '../../../core/topology/layout';
import { planExample } from '../../helpers/example';

function absolute(layout: Layout, parents: Map<string, string | null>, id: string) {
  const pos = new Map(layout.positions.map((p) => [p.id, p]));
  let x = 0;
  let y = 0;
  for (let current: string | null = id; current !== null; current = parents.get(current) ?? null) {
    x += pos.get(current)?.x ?? 0;
    y += pos.get(current)?.y ?? 0;
  }
  const own = pos.get(id);
  return { x, y, width: own?.width ?? 0, height: own?.height ?? 0 };
}

describe('layoutTopology', () => {
  it('lays out every node of every pattern inside its parent group', async () => {
    for (const sqlHa of SQL_HA_PATTERNS) {
      const { project } = await planExample({ sqlHa });
      const pos = new Map(project.layout.positions.map((p) => [p.id, p]));
      const byId = indexNodes(project.topology);
      for (const n of project.topology.nodes) {
        const p = pos.get(n.id);
        expect(p, `${sqlHa} ${n.id}`).toBeDefined();
        if (!p || n.parentId === null) continue;
        const parent = pos.get(n.parentId);
        if (!parent) throw new Error(`${n.parentId} has no position`);
        expect(p.x + p.width, `${sqlHa}: ${n.id} inside ${n.parentId}`).toBeLessThanOrEqual(parent.width);
        expect(p.y + p.height, `${sqlHa}: ${n.id} inside ${n.parentId}`).toBeLessThanOrEqual(parent.height);
        expect(byId.get(n.parentId)).toBeDefined();
      }
    }
  });

  it('puts the data-centre link and WAF left of the VPC, regional services right of it, shared services under the AZs', async () => {
    const { project } = await planExample({ sqlHa: 'fci-fsx' });
    const parents = new Map(project.topology.nodes.map((n) => [n.id, n.parentId]));
    const box = (id: string) => absolute(project.layout, parents, id);
    const vpc = box(NODE.vpc);
    for (const left of [NODE.vpn, NODE.waf]) expect(box(left).x + box(left).width, left).toBeLessThan(vpc.x);
    for (const right of [GROUP.storage, GROUP.security, GROUP.operations])
      expect(box(right).x, right).toBeGreaterThan(vpc.x + vpc.width);
    const azBottom = Math.max(box('az-a').y + box('az-a').height, box('az-b').y + box('az-b').height);
    for (const below of [NODE.directory, 'fsx-sql', GROUP.endpoints])
      expect(box(below).y, below).toBeGreaterThan(azBottom);
    // The endpoints box inside the VPC is a row, the boxes beside it are columns.
    const endpoints = project.topology.nodes
      .filter((n) => n.parentId === GROUP.endpoints)
      .map((n) => box(n.id));
    expect(new Set(endpoints.map((e) => e.y)).size).toBe(1);
    const keys = project.topology.nodes.filter((n) => n.parentId === GROUP.storage).map((n) => box(n.id));
    expect(new Set(keys.map((k) => k.x)).size).toBe(1);
  });

  it('keeps the architect’s manual moves through a re-plan with every pattern', async () => {
    const { project, prices } = await planExample();
    const moved: Layout = {
      positions: project.layout.positions.map((p) =>
        p.id === 'ec2-iqbot-prd-01' || p.id === GROUP.security || p.id === 'ec2-sqlprd01'
          ? { ...p, x: p.x + 7, y: p.y + 5, manual: true }
          : p,
      ),
    };
    const before = new Map(moved.positions.map((p) => [p.id, p]));
    for (const sqlHa of SQL_HA_PATTERNS) {
      const replanned = await planProject(
        { ...project, layout: moved, options: { ...project.options, sqlHa } },
        project.inventory,
        prices,
      );
      const after = new Map(replanned.project.layout.positions.map((p) => [p.id, p]));
      for (const id of ['ec2-iqbot-prd-01', GROUP.security]) {
        expect(after.get(id), `${sqlHa} ${id}`).toMatchObject({
          x: before.get(id)?.x,
          y: before.get(id)?.y,
          manual: true,
        });
      }
      // SQLPRD01 exists in every pattern but RDS; where it exists it stays where it was put.
      if (sqlHa !== 'rds-multi-az')
        expect(after.get('ec2-sqlprd01'), sqlHa).toMatchObject({
          x: before.get('ec2-sqlprd01')?.x,
          manual: true,
        });
      else expect(after.get('ec2-sqlprd01')).toBeUndefined();
      // Nodes the pattern adds are laid out automatically.
      for (const p of replanned.project.layout.positions)
        if (!before.has(p.id)) expect(p.manual, `${sqlHa} ${p.id}`).toBe(false);
    }
  });

  it('can lay out from scratch, dropping manual moves, when asked', async () => {
    const { project } = await planExample();
    const moved: Layout = {
      positions: project.layout.positions.map((p) =>
        p.id === 'ec2-iqbot-prd-01' ? { ...p, x: 5, y: 6, manual: true } : p,
      ),
    };
    expect(
      (await layoutTopology(project.topology, moved)).positions.find((p) => p.id === 'ec2-iqbot-prd-01'),
    ).toMatchObject({ x: 5, y: 6, manual: true });
    expect(
      (await layoutTopology(project.topology, moved, false)).positions.find(
        (p) => p.id === 'ec2-iqbot-prd-01',
      )?.manual,
    ).toBe(false);
  });
});
