import { ancestorOfKind, indexNodes, nodesOfKind, type Ec2Node, type Topology } from '../../model/topology';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, refTarget, subnetOfInstance, subnetZone, tagOf } from '../template-query';

/** Roles whose servers are interchangeable: two or more of them must not share one AZ. */
const SPREAD_ROLES: ReadonlySet<string> = new Set(['bot', 'control-room', 'app']);

function placed(topology: Topology): Ec2Node[] {
  const byId = indexNodes(topology);
  return nodesOfKind(topology, 'ec2-instance').filter((n) => ancestorOfKind(byId, n, 'subnet') !== undefined);
}

function checkDesign(topology: Topology): RuleOutcome {
  const bad: string[] = [];
  const notes: string[] = [];
  const byRole = new Map<string, Ec2Node[]>();
  for (const n of placed(topology))
    if (SPREAD_ROLES.has(n.role)) byRole.set(n.role, [...(byRole.get(n.role) ?? []), n]);
  for (const [role, list] of byRole) {
    if (list.length >= 2 && new Set(list.map((n) => n.zone)).size < 2) {
      bad.push(...list.map((n) => n.id));
      notes.push(`every ${role} server sits in ${list[0]?.zone ?? 'one AZ'}`);
    }
  }
  const subnetZoneOf = new Map(nodesOfKind(topology, 'subnet').map((s) => [s.id, s.zone]));
  for (const lb of nodesOfKind(topology, 'load-balancer')) {
    if (new Set(lb.subnetIds.map((s) => subnetZoneOf.get(s))).size < 2) {
      bad.push(lb.id);
      notes.push(`${lb.name} spans one AZ`);
    }
  }
  return bad.length === 0
    ? passed('Load balancers and every group of interchangeable servers span at least two AZs.')
    : failed(
        bad,
        `${notes.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()),
      );
}

export const res02MultiAz: SecurityRule = {
  id: 'RES-02',
  title: 'Servers and the load balancer span two Availability Zones',
  category: 'resilience',
  severity: 'high',
  mode: 'automatic',
  why: 'The customer asked for high availability with no single point of failure: bot runners, control rooms and the load balancer spread over two AZs keep the RPA platform running when one AZ fails.',
  source: 'case study',
  // Security Hub ELB.13 (load balancers across AZs) could not be confirmed with search: not mapped.
  controls: {},
  fix: 'Spread the servers of each role across the AZs in turn and place the load balancer in a public subnet of every AZ.',
  verify:
    'The EC2 console’s Availability Zone column shows each role in two AZs; the load balancer lists two AZs.',
  check: checkDesign,
  checkTemplate(resources) {
    const bad: string[] = [];
    const byRole = new Map<string, string[]>();
    for (const [id, r] of ofType(resources, 'AWS::EC2::Instance')) {
      const role = tagOf(r, 'Role');
      if (role && SPREAD_ROLES.has(role)) byRole.set(role, [...(byRole.get(role) ?? []), id]);
    }
    for (const ids of byRole.values()) {
      const zones = new Set(
        ids.map((id) => {
          const subnet = subnetOfInstance(resources[id] as NonNullable<(typeof resources)[string]>);
          return subnet ? subnetZone(resources, subnet) : null;
        }),
      );
      if (ids.length >= 2 && zones.size < 2) bad.push(...ids);
    }
    for (const [id, lb] of ofType(resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const zones = new Set(
        asArray(propsOf(lb).Subnets).map((s) => {
          const t = refTarget(s);
          return t ? subnetZone(resources, t) : null;
        }),
      );
      if (zones.size < 2) bad.push(id);
    }
    return bad.length === 0
      ? passed('Instances of each role and the load balancer use subnets in two AZs or more.')
      : failed(bad, `${listNames(bad)} ${bad.length === 1 ? 'is' : 'are'} confined to one AZ.`);
  },
  fixTopology(topology) {
    const subnets = nodesOfKind(topology, 'subnet');
    const zones = [...new Set(subnets.map((s) => s.zone))].sort();
    if (zones.length < 2) return null;
    const byId = indexNodes(topology);
    const moves = new Map<string, { parentId: string; zone: string }>();
    const byRole = new Map<string, Ec2Node[]>();
    for (const n of placed(topology))
      if (SPREAD_ROLES.has(n.role)) byRole.set(n.role, [...(byRole.get(n.role) ?? []), n]);
    for (const list of byRole.values()) {
      if (list.length < 2 || new Set(list.map((n) => n.zone)).size >= 2) continue;
      list.forEach((n, i) => {
        const zone = zones[i % zones.length] as string;
        const tier = ancestorOfKind(byId, n, 'subnet')?.tier;
        const target = subnets.find((s) => s.zone === zone && s.tier === tier);
        if (target && zone !== n.zone) moves.set(n.id, { parentId: target.id, zone });
      });
    }
    const publicByZone = zones
      .map((z) => subnets.find((s) => s.zone === z && s.tier === 'public'))
      .filter((s): s is NonNullable<typeof s> => s !== undefined)
      .map((s) => s.id);
    const subnetZoneOf = new Map(subnets.map((s) => [s.id, s.zone]));
    const next: Topology = {
      ...topology,
      nodes: topology.nodes.map((n) => {
        const move = moves.get(n.id);
        if (move && n.kind === 'ec2-instance') return { ...n, parentId: move.parentId, zone: move.zone };
        if (
          n.kind === 'load-balancer' &&
          new Set(n.subnetIds.map((s) => subnetZoneOf.get(s))).size < 2 &&
          publicByZone.length >= 2
        )
          return { ...n, subnetIds: publicByZone };
        return n;
      }),
    };
    return checkDesign(next).status === 'pass' ? next : null;
  },
};
