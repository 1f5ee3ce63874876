import { beforeAll, describe, expect, it } from 'vitest';
import { absoluteBoxes } from '../../../core/edit/layout-edits';
import { containerAt } from '../../../core/edit/containment';
import {
  addPaletteNode,
  connectNodes,
  copyNodes,
  deleteNodes,
  duplicateNodes,
  moveNodeToParent,
  pasteNodes,
  setInstanceType,
  setVolumes,
  setZone,
  updateNode,
} from '../../../core/edit/node-edits';
import { PALETTE_ITEMS } from '../../../core/edit/palette';
import { defaultPlacement } from '../../../core/edit/placement';
import { topologySchema } from '../../../core/model/topology';
import { monthlyByResource, estimateTopology } from '../../../core/pricing/estimate';
import type { Project } from '../../../core/project/schema';
import { mumbaiPrices, plannedEstate } from '../../renderer/realistic-project';

let estate: Project;
beforeAll(async () => {
  estate = await plannedEstate();
});

function ok(result: ReturnType<typeof updateNode>): Project {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.project;
}

const node = (p: Project, id: string) => p.topology.nodes.find((n) => n.id === id);

describe('moving a server between subnets', () => {
  it('re-parents the node, takes the new subnet’s zone and keeps the original project untouched', () => {
    const moved = ok(moveNodeToParent(estate, 'ec2-iqbot-prd-01', 'subnet-app-b', { x: 40, y: 60 }));
    expect(node(moved, 'ec2-iqbot-prd-01')).toMatchObject({ parentId: 'subnet-app-b', zone: 'ap-south-1b' });
    const placed = moved.layout.positions.find((p) => p.id === 'ec2-iqbot-prd-01');
    expect(placed).toMatchObject({ x: 40, manual: true });
    // Dropped onto a server already there, it slides below instead of hiding it; the subnet grows to fit.
    const overlaps = moved.topology.nodes
      .filter((n) => n.parentId === 'subnet-app-b' && n.id !== 'ec2-iqbot-prd-01')
      .map((n) => moved.layout.positions.find((p) => p.id === n.id))
      .filter(
        (b) =>
          b &&
          placed &&
          placed.x < b.x + b.width &&
          b.x < placed.x + placed.width &&
          placed.y < b.y + b.height &&
          b.y < placed.y + placed.height,
      );
    expect(overlaps).toEqual([]);
    const subnet = moved.layout.positions.find((p) => p.id === 'subnet-app-b');
    expect(placed && subnet && placed.y + placed.height <= subnet.height).toBe(true);
    expect(node(estate, 'ec2-iqbot-prd-01')).toMatchObject({ parentId: 'subnet-app-a', zone: 'ap-south-1a' });
    // Unchanged nodes are shared, so the estimate re-prices only what moved.
    expect(node(moved, 'ec2-sqlprd01')).toBe(node(estate, 'ec2-sqlprd01'));
    expect(topologySchema.safeParse(moved.topology).success).toBe(true);
  });

  it('warns when a server lands in a public subnet, and refuses places it may not go', () => {
    const r = moveNodeToParent(estate, 'ec2-sqlprd01', 'subnet-public-a', { x: 16, y: 44 });
    expect(r.ok && r.issues.map((i) => i.code)).toContain('edit.public-subnet');
    const refused = moveNodeToParent(estate, 'nat-a', 'subnet-app-a', { x: 16, y: 44 });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues[0]?.message).toMatch(/public subnet/);
    expect(moveNodeToParent(estate, 'ec2-sqlprd01', 'subnet-data-a', { x: 0, y: 0 }).ok).toBe(false);
  });

  it('finds the subnet under the drop point, innermost first', () => {
    const boxes = absoluteBoxes(estate.topology, estate.layout);
    const b = boxes.get('subnet-data-b');
    if (!b) throw new Error('no box');
    const into = containerAt(estate.topology, boxes, { x: b.x + 30, y: b.y + b.height - 10 }, 'ec2-instance');
    expect(into?.id).toBe('subnet-data-b');
    const vpc = boxes.get('vpc');
    if (!vpc) throw new Error('no vpc');
    expect(
      containerAt(estate.topology, boxes, { x: vpc.x - 500, y: vpc.y - 500 }, 'ec2-instance'),
    ).toBeUndefined();
  });

  it('changing the AZ moves the server into the same tier’s subnet of that zone', () => {
    const p = ok(setZone(estate, 'ec2-sqlprd01', 'ap-south-1b'));
    expect(node(p, 'ec2-sqlprd01')).toMatchObject({ parentId: 'subnet-data-b', zone: 'ap-south-1b' });
    expect(setZone(estate, 'ec2-sqlprd01', 'ap-south-1c').ok).toBe(false);
  });
});

describe('deleting', () => {
  it('removes the node’s connections, positions and the load balancer’s reference to it', () => {
    const alb = node(estate, 'alb');
    expect(alb?.kind === 'load-balancer' && alb.targetIds).toContain('ec2-ctrlroom-prd-01');
    const p = ok(deleteNodes(estate, ['ec2-ctrlroom-prd-01']));
    expect(node(p, 'ec2-ctrlroom-prd-01')).toBeUndefined();
    expect(
      p.topology.edges.some((e) => e.source === 'ec2-ctrlroom-prd-01' || e.target === 'ec2-ctrlroom-prd-01'),
    ).toBe(false);
    const after = node(p, 'alb');
    expect(after?.kind === 'load-balancer' && after.targetIds).not.toContain('ec2-ctrlroom-prd-01');
    expect(p.layout.positions.some((x) => x.id === 'ec2-ctrlroom-prd-01')).toBe(false);
    expect(topologySchema.safeParse(p.topology).success).toBe(true);
  });

  it('takes a subnet’s resources with it and says the servers are still in the inventory', () => {
    const r = deleteNodes(estate, ['subnet-data-b']);
    if (!r.ok) throw new Error('refused');
    expect(node(r.project, 'ec2-sqlprd02')).toBeUndefined();
    expect(r.summary).toMatch(/and the 1 inside/);
    expect(r.issues.map((i) => i.code)).toContain('edit.server-still-in-inventory');
    const kms = deleteNodes(estate, ['kms-main']);
    const bucket = kms.ok ? node(kms.project, 's3-backup') : undefined;
    expect(bucket?.kind === 's3-bucket' && bucket.kmsKeyId).toBeNull();
  });
});

describe('duplicate, copy and paste', () => {
  it('duplicates a server beside the original as a new, unpinned instance with its connections', () => {
    const r = duplicateNodes(estate, ['ec2-ctrlroom-prd-01']);
    if (!r.ok) throw new Error('refused');
    const [id] = r.select;
    const copy = node(r.project, id as string);
    expect(copy).toMatchObject({ kind: 'ec2-instance', serverId: null, parentId: 'subnet-app-a' });
    expect(copy?.name).toBe(`${node(estate, 'ec2-ctrlroom-prd-01')?.name} (copy)`);
    const edgesOf = (p: Project, nid: string) =>
      p.topology.edges.filter((e) => e.source === nid || e.target === nid).length;
    expect(edgesOf(r.project, id as string)).toBe(edgesOf(estate, 'ec2-ctrlroom-prd-01'));
    expect(duplicateNodes(estate, ['subnet-app-a']).ok).toBe(false);
  });

  it('pastes into another subnet, taking its zone, and leaves out what may not go there', () => {
    const clip = copyNodes(estate, ['ec2-iqbot-prd-01', 'nat-a']);
    const r = pasteNodes(estate, clip, { parentId: 'subnet-app-b', x: 20, y: 60 });
    if (!r.ok) throw new Error('refused');
    expect(r.select).toHaveLength(1);
    expect(node(r.project, r.select[0] as string)).toMatchObject({
      parentId: 'subnet-app-b',
      zone: 'ap-south-1b',
    });
    expect(r.issues.map((i) => i.code)).toEqual(['edit.wrong-place']);
  });
});

describe('the palette', () => {
  it('adds every entry where it usually goes, as a valid node that the estimate prices', () => {
    let p = estate;
    for (const item of PALETTE_ITEMS) {
      const at = defaultPlacement(p, item, []);
      expect(at, item).not.toBeNull();
      const r = addPaletteNode(p, item, at as NonNullable<typeof at>);
      if (!r.ok) throw new Error(`${item}: ${r.issues[0]?.message}`);
      p = r.project;
    }
    expect(topologySchema.safeParse(p.topology).success).toBe(true);
    expect(p.topology.nodes.length).toBe(estate.topology.nodes.length + PALETTE_ITEMS.length);
    const sqlNode = p.topology.nodes.find((n) => n.id.startsWith('sql-node'));
    expect(sqlNode).toMatchObject({
      kind: 'ec2-instance',
      role: 'sql',
      parentId: 'subnet-data-a',
      zone: 'ap-south-1a',
    });
    const prices = mumbaiPrices();
    const costs = monthlyByResource(estimateTopology(p.topology, prices.book, p.options.purchaseOption));
    expect(Number(costs.get(sqlNode?.id ?? ''))).toBeGreaterThan(0);
  });

  it('refuses a NAT gateway dropped in an app subnet', () => {
    const r = addPaletteNode(estate, 'nat-gateway', { parentId: 'subnet-app-a', x: 10, y: 50 });
    expect(r.ok).toBe(false);
  });
});

describe('inspector edits', () => {
  it('changes an instance type and pins the inventory server to it', () => {
    const p = ok(setInstanceType(estate, 'ec2-sqlprd01', 'r6i.4xlarge'));
    const n = node(p, 'ec2-sqlprd01');
    expect(n?.kind === 'ec2-instance' && n.instanceType).toBe('r6i.4xlarge');
    const serverId = n?.kind === 'ec2-instance' ? n.serverId : null;
    expect(p.inventory.servers.find((s) => s.id === serverId)?.pinnedInstanceType).toBe('r6i.4xlarge');
  });

  it('refuses invalid values with a message naming the field, and volumes AWS would refuse', () => {
    const r = updateNode(estate, 'ec2-sqlprd01', { name: '' });
    expect(r.ok).toBe(false);
    const n = node(estate, 'ec2-sqlprd01');
    if (n?.kind !== 'ec2-instance') throw new Error('not an instance');
    const bad = setVolumes(
      estate,
      n.id,
      n.volumes.map((v, i) => (i === 0 ? { ...v, iops: 20000 } : v)),
    );
    expect(!bad.ok && bad.issues[0]?.path?.field).toBe('volumes[0].iops');
  });

  it('a connection opens the security-group path it draws', () => {
    const r = connectNodes(estate, 'ec2-iqbot-prd-01', 'ec2-sqlprd01');
    if (!r.ok) throw new Error('refused');
    const sql = r.project.topology.securityGroups.find((g) => g.id === 'sg-sql');
    expect(
      sql?.ingress.some(
        (x) =>
          x.fromPort === 1433 && x.source.kind === 'security-group' && x.source.securityGroupId === 'sg-bot',
      ),
    ).toBe(true);
    expect(connectNodes(r.project, 'ec2-iqbot-prd-01', 'ec2-sqlprd01').ok).toBe(false);
  });
});

describe('groups growing to fit', () => {
  it('a subnet that grows pushes the subnet below it down, so no two groups overlap', () => {
    const r = addPaletteNode(estate, 'ec2-server', { parentId: 'subnet-app-a', x: 16, y: 2000 });
    if (!r.ok) throw new Error('refused');
    const pos = (id: string) => r.project.layout.positions.find((p) => p.id === id);
    const app = pos('subnet-app-a');
    const data = pos('subnet-data-a');
    const before = estate.layout.positions.find((p) => p.id === 'subnet-data-a');
    if (!app || !data || !before) throw new Error('no positions');
    expect(app.height).toBeGreaterThan(2000);
    expect(data.y).toBeGreaterThanOrEqual(app.y + app.height);
    expect(data.y).toBeGreaterThan(before.y);
    const az = pos('az-a');
    expect(az && az.height >= data.y + data.height).toBe(true);
  });
});
