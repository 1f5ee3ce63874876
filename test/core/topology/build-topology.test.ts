import { describe, expect, it } from 'vitest';
import { ancestorOfKind, indexNodes, nodesOfKind } from '../../../core/model/topology';
import { buildTopology } from '../../../core/topology/build-topology';
import { layoutTopology } from '../../../core/topology/layout';
import { planExample } from '../../helpers/example';

describe('buildTopology', () => {
  it('is deterministic', async () => {
    const { project, sizing } = await planExample();
    expect(buildTopology(project.inventory, sizing, project.options)).toEqual(project.topology);
  });

  it('places every server in a private subnet, spreading bots and SQL replicas over two AZs', async () => {
    const { project } = await planExample();
    const byId = indexNodes(project.topology);
    const instances = nodesOfKind(project.topology, 'ec2-instance');
    expect(instances).toHaveLength(14);
    for (const i of instances) expect(ancestorOfKind(byId, i, 'subnet')?.tier).not.toBe('public');
    const botZones = new Set(instances.filter((i) => i.role === 'bot').map((i) => i.zone));
    expect(botZones).toEqual(new Set(['ap-south-1a', 'ap-south-1b']));
    const sql = instances.filter((i) => i.role === 'sql');
    expect(sql.map((s) => [s.haRole, s.zone])).toEqual([
      ['primary', 'ap-south-1a'],
      ['secondary', 'ap-south-1b'],
    ]);
    expect(new Set(sql.map((s) => s.instanceType)).size).toBe(1);
    for (const s of sql) expect(ancestorOfKind(byId, s, 'subnet')?.tier).toBe('data');
  });

  it('adds a same-size secondary when the inventory has one SQL Server, and none for a single instance', async () => {
    const csv =
      'name,role,vcpu,memory_gib,storage_gib,sql_edition\nCR-1,control-room,8,32,200,\nSQL-1,sql,8,64,500,standard\n';
    const ag = await planExample({}, csv);
    const agSql = nodesOfKind(ag.project.topology, 'ec2-instance').filter((n) => n.role === 'sql');
    expect(agSql.map((n) => [n.name, n.haRole, n.serverId])).toEqual([
      ['SQL-1', 'primary', 'sql-1'],
      ['SQL-1 replica', 'secondary', null],
    ]);
    const single = await planExample({ sqlHa: 'single-instance' }, csv);
    expect(
      nodesOfKind(single.project.topology, 'ec2-instance')
        .filter((n) => n.role === 'sql')
        .map((n) => n.haRole),
    ).toEqual(['standalone']);
  });

  it('opens only HTTPS to the internet, on the load balancer, and SQL only to the application tier', async () => {
    const { project } = await planExample();
    for (const g of project.topology.securityGroups) {
      for (const r of g.ingress) {
        if (r.source.kind === 'cidr') {
          expect(g.id).toBe('sg-alb');
          expect([80, 443]).toContain(r.fromPort);
        }
      }
    }
    const sql = project.topology.securityGroups.find((g) => g.id === 'sg-sql');
    const sources = sql?.ingress
      .filter((r) => r.fromPort === 1433)
      .map((r) => (r.source.kind === 'security-group' ? r.source.securityGroupId : r.source.cidr));
    expect(sources?.sort()).toEqual(['sg-app', 'sg-control-room', 'sg-sql']);
  });

  it('builds one NAT gateway per AZ, or one when asked', async () => {
    expect(nodesOfKind((await planExample()).project.topology, 'nat-gateway')).toHaveLength(2);
    expect(
      nodesOfKind((await planExample({ natGateways: 'single' })).project.topology, 'nat-gateway'),
    ).toHaveLength(1);
  });

  it('lays out nested groups with positions inside their parents, and keeps manual moves', async () => {
    const { project } = await planExample();
    const pos = new Map(project.layout.positions.map((p) => [p.id, p]));
    const byId = indexNodes(project.topology);
    for (const n of project.topology.nodes) {
      const p = pos.get(n.id);
      expect(p, n.id).toBeDefined();
      if (!p || n.parentId === null) continue;
      const parent = pos.get(n.parentId);
      if (!parent) throw new Error('parent missing');
      expect(p.x + p.width, `${n.id} inside ${n.parentId}`).toBeLessThanOrEqual(parent.width);
      expect(p.y + p.height).toBeLessThanOrEqual(parent.height);
      expect(byId.get(n.parentId)).toBeDefined();
    }
    const moved = {
      positions: project.layout.positions.map((p) =>
        p.id === 'ec2-iqbot-prd-01' ? { ...p, x: 5, y: 6, manual: true } : p,
      ),
    };
    const relaid = await layoutTopology(project.topology, moved);
    expect(relaid.positions.find((p) => p.id === 'ec2-iqbot-prd-01')).toMatchObject({
      x: 5,
      y: 6,
      manual: true,
    });
    const reset = await layoutTopology(project.topology, moved, false);
    expect(reset.positions.find((p) => p.id === 'ec2-iqbot-prd-01')?.manual).toBe(false);
  });
});
