import { beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../core/project/schema';
import { analyzeProject } from '../../../core/plan/plan-project';
import { monthlyByResource } from '../../../core/pricing/estimate';
import { adoptDerivedNodes } from '../../../renderer/diagram/adopt-nodes';
import {
  type ArchFlowNode,
  absoluteBoxes,
  buildFlowEdges,
  buildFlowNodes,
  chooseSides,
  orderParentsFirst,
} from '../../../renderer/diagram/to-flow';
import { flagsByResource } from '../../../renderer/features/findings/findings-view';
import { mumbaiPrices, plannedEstate } from '../realistic-project';

let project: Project;
beforeAll(async () => {
  project = await plannedEstate();
});

function node(nodes: readonly ArchFlowNode[], id: string): ArchFlowNode {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('topology + layout → React Flow nodes', () => {
  it('puts every parent before its children, as React Flow requires', () => {
    const nodes = buildFlowNodes(project.topology, project.layout);
    expect(nodes).toHaveLength(project.topology.nodes.length);
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes)
      if (n.parentId) expect(index.get(n.parentId)).toBeLessThan(index.get(n.id) as number);
  });

  it('orders parents first even when the file lists a child before its parent', () => {
    const [vpc, az, ...rest] = project.topology.nodes;
    const shuffled = [...rest, az, vpc].filter((n) => n !== undefined);
    const order = orderParentsFirst(shuffled).map((n) => n.id);
    expect(order.indexOf('vpc')).toBeLessThan(order.indexOf('az-a'));
    expect(order.indexOf('az-a')).toBeLessThan(order.indexOf('subnet-app-a'));
    expect(order.indexOf('subnet-app-a')).toBeLessThan(order.indexOf('ec2-iqbot-prd-01'));
  });

  it('keeps positions relative to the parent group and sizes groups from the layout', () => {
    const nodes = buildFlowNodes(project.topology, project.layout);
    const stored = new Map(project.layout.positions.map((p) => [p.id, p]));
    const bot = node(nodes, 'ec2-iqbot-prd-01');
    expect(bot.position).toEqual({
      x: stored.get('ec2-iqbot-prd-01')?.x,
      y: stored.get('ec2-iqbot-prd-01')?.y,
    });
    expect(bot.parentId).toBe('subnet-app-a');
    // A resource may be dragged out of its subnet (into another one); a group stays inside its parent.
    expect(bot.extent).toBeUndefined();
    const subnet = node(nodes, 'subnet-app-a');
    expect(subnet.extent).toBe('parent');
    expect(subnet.type).toBe('aws-group');
    expect({ width: subnet.width, height: subnet.height }).toEqual({
      width: stored.get('subnet-app-a')?.width,
      height: stored.get('subnet-app-a')?.height,
    });
    // Regional services sit outside the VPC, in their titled box at the top level.
    expect(node(nodes, 's3-backup').parentId).toBe('group-storage');
    expect(node(nodes, 'group-storage').parentId).toBeUndefined();
  });

  it('labels groups the AWS way and shows each instance’s role, type and monthly cost', () => {
    const analysis = analyzeProject(project, mumbaiPrices());
    const costs = monthlyByResource(analysis.estimate);
    const nodes = buildFlowNodes(project.topology, project.layout, {
      monthlyByResource: costs,
      flags: new Map(),
      selectedId: 'ec2-sqlprd01',
    });
    const sql = node(nodes, 'ec2-sqlprd01');
    if (sql.type !== 'aws-resource') throw new Error('expected a resource node');
    const instance = project.topology.nodes.find((n) => n.id === 'ec2-sqlprd01');
    expect(instance?.kind === 'ec2-instance' && sql.data.detail).toBe(
      `SQL primary · ${instance?.kind === 'ec2-instance' ? instance.instanceType : ''}`,
    );
    expect(sql.data.cost).toMatch(/^\$[\d,]+\.\d\d\/mo$/);
    expect(sql.selected).toBe(true);
    const publicSubnet = node(nodes, 'subnet-public-a');
    expect(publicSubnet.data).toMatchObject({ kind: 'subnet', title: 'Public subnet', tier: 'public' });
    expect(node(nodes, 'vpc').data).toMatchObject({ title: 'VPC', subtitle: '10.20.0.0/16' });
  });

  it('badges the nodes a failing check names', async () => {
    const risky = await plannedEstate({ sqlHa: 'single-instance', natGateways: 'single' });
    const checks = analyzeProject(risky, mumbaiPrices()).checks;
    const flags = flagsByResource(checks);
    const nodes = buildFlowNodes(risky.topology, risky.layout, {
      monthlyByResource: new Map(),
      flags,
      selectedId: null,
    });
    const failing = checks.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const check of failing) {
      for (const id of check.resources) {
        const n = node(nodes, id);
        expect(n.type === 'aws-resource' && n.data.flag?.ruleIds).toContain(check.ruleId);
      }
    }
    const clean = node(nodes, 'ec2-iqbot-prd-01');
    expect(clean.type === 'aws-resource' && clean.data.flag).toBeNull();
  });
});

describe('topology edges → React Flow edges', () => {
  it('draws every topology edge, styled by kind', () => {
    const edges = buildFlowEdges(project.topology, project.layout);
    expect(edges.map((e) => e.id)).toEqual(project.topology.edges.map((e) => e.id));
    const replication = edges.find((e) => e.data?.kind === 'replication');
    expect(replication?.animated).toBe(true);
    expect(replication?.style?.strokeDasharray).toBeDefined();
    const backup = edges.find((e) => e.data?.kind === 'backup');
    expect(backup?.style?.strokeDasharray).toBe('2 4');
    const traffic = edges.find((e) => e.data?.kind === 'traffic');
    expect(traffic?.animated).toBe(false);
    expect(traffic?.style?.strokeDasharray).toBeUndefined();
  });

  it('labels the many identical bot → Control Room edges once per Control Room', () => {
    const edges = buildFlowEdges(project.topology, project.layout);
    const toCr1 = edges.filter((e) => e.target === 'ec2-ctrlroom-prd-01' && e.source.startsWith('ec2-iqbot'));
    expect(toCr1.length).toBe(5);
    expect(toCr1.filter((e) => e.label !== undefined)).toHaveLength(1);
    expect(edges.find((e) => e.id === 'e-ec2-sqlprd01-ec2-sqlprd02')?.label).toBe('Synchronous commit 5022');
  });

  it('leaves and enters by the facing sides of the two boxes', () => {
    expect(
      chooseSides({ x: 0, y: 0, width: 200, height: 64 }, { x: 0, y: 200, width: 200, height: 64 }),
    ).toEqual({ source: 'bottom', target: 'top' });
    expect(
      chooseSides({ x: 0, y: 200, width: 200, height: 64 }, { x: 0, y: 0, width: 200, height: 64 }),
    ).toEqual({ source: 'top', target: 'bottom' });
    expect(
      chooseSides({ x: 0, y: 0, width: 200, height: 64 }, { x: 400, y: 20, width: 200, height: 64 }),
    ).toEqual({ source: 'right', target: 'left' });
    expect(
      chooseSides({ x: 900, y: 0, width: 200, height: 64 }, { x: 0, y: 300, width: 200, height: 64 }),
    ).toEqual({ source: 'left', target: 'right' });
    const edges = buildFlowEdges(project.topology, project.layout);
    // The SQL replicas sit side by side in their AZs' data subnets.
    expect(edges.find((e) => e.id === 'e-ec2-sqlprd01-ec2-sqlprd02')).toMatchObject({
      sourceHandle: 'right-s',
      targetHandle: 'left-t',
    });
  });

  it('computes absolute boxes by adding up the parents’ offsets', () => {
    const boxes = absoluteBoxes(project.topology, project.layout);
    const at = new Map(project.layout.positions.map((p) => [p.id, p]));
    const chain = ['ec2-sqlprd01', 'subnet-data-a', 'az-a', 'vpc'];
    const x = chain.reduce((sum, id) => sum + (at.get(id)?.x ?? 0), 0);
    expect(boxes.get('ec2-sqlprd01')?.x).toBe(x);
  });
});

describe('adopting re-derived nodes', () => {
  it('keeps what React Flow measured so nodes do not re-measure after a move', () => {
    const first = buildFlowNodes(project.topology, project.layout).map((n) => ({
      ...n,
      measured: { width: n.width, height: n.height },
    }));
    const again = buildFlowNodes(project.topology, project.layout);
    const adopted = adoptDerivedNodes(again, first);
    expect(adopted.every((n) => n.measured !== undefined)).toBe(true);
    expect(adopted.map((n) => n.position)).toEqual(again.map((n) => n.position));
  });
});
