import { nodesOfKind, type Topology } from '../../model/topology';
import { failed, passed, type SecurityRule } from '../rule';
import { ofType, propsOf, publicSubnets, refTarget, subnetZone, textOf } from '../template-query';

function natZones(topology: Topology): Set<string> {
  return new Set(nodesOfKind(topology, 'nat-gateway').map((n) => n.zone));
}

export const net03NatPerAz: SecurityRule = {
  id: 'NET-03',
  title: 'One NAT gateway in each Availability Zone',
  category: 'resilience',
  severity: 'medium',
  mode: 'automatic',
  why: 'The customer asked for no single point of failure. With one NAT gateway, losing its AZ cuts patching and outbound calls for the servers in every AZ.',
  source: 'case study',
  // No Security Hub, CIS, cfn-nag or checkov control checks NAT placement per AZ.
  controls: {},
  fix: 'Add a NAT gateway in the public subnet of each AZ that has none (plan option: NAT gateways “one per AZ”).',
  verify: 'Each private route table sends 0.0.0.0/0 to the NAT gateway in its own AZ.',
  check(topology) {
    const zones = nodesOfKind(topology, 'availability-zone').map((z) => z.zone);
    const have = natZones(topology);
    const missing = zones.filter((z) => !have.has(z));
    return missing.length === 0
      ? passed(`A NAT gateway in each of ${zones.length} AZs.`)
      : failed(
          nodesOfKind(topology, 'nat-gateway').map((n) => n.id),
          `No NAT gateway in ${missing.join(', ')}; ${missing.length === 1 ? 'that AZ depends' : 'those AZs depend'} on another AZ for outbound traffic.`,
        );
  },
  checkTemplate(resources) {
    const open = publicSubnets(resources);
    const natZone = new Map<string, string | null>();
    for (const [id, nat] of ofType(resources, 'AWS::EC2::NatGateway')) {
      const subnet = refTarget(propsOf(nat).SubnetId);
      natZone.set(id, subnet ? subnetZone(resources, subnet) : null);
    }
    const tableZones = new Map<string, Set<string>>();
    for (const [, a] of ofType(resources, 'AWS::EC2::SubnetRouteTableAssociation')) {
      const subnet = refTarget(propsOf(a).SubnetId);
      const table = refTarget(propsOf(a).RouteTableId);
      if (!subnet || !table || open.has(subnet)) continue;
      const zone = subnetZone(resources, subnet);
      if (zone === null) continue;
      const set = tableZones.get(table) ?? new Set<string>();
      set.add(zone);
      tableZones.set(table, set);
    }
    const bad: string[] = [];
    for (const [table, zones] of tableZones) {
      const nat = ofType(resources, 'AWS::EC2::Route')
        .filter(([, r]) => refTarget(propsOf(r).RouteTableId) === table)
        .filter(([, r]) => textOf(propsOf(r).DestinationCidrBlock) === '0.0.0.0/0')
        .map(([, r]) => refTarget(propsOf(r).NatGatewayId))
        .find((n): n is string => n !== null);
      const zone = nat ? natZone.get(nat) : null;
      if (!zone || [...zones].some((z) => z !== zone)) bad.push(table);
    }
    return bad.length === 0
      ? passed('Every private route table sends outbound traffic to the NAT gateway in its own AZ.')
      : failed(
          bad,
          `${bad.join(', ')} route${bad.length === 1 ? 's' : ''} outbound traffic through another AZ (or nowhere).`,
        );
  },
  fixTopology(topology) {
    const have = natZones(topology);
    const zones = nodesOfKind(topology, 'availability-zone').map((z) => z.zone);
    const missing = zones.filter((z) => !have.has(z));
    if (missing.length === 0) return topology;
    const subnets = nodesOfKind(topology, 'subnet');
    const igw = nodesOfKind(topology, 'internet-gateway')[0];
    const nodes = [...topology.nodes];
    const edges = [...topology.edges];
    const taken = new Set(nodes.map((n) => n.id));
    for (const zone of missing) {
      const subnet = subnets.find((s) => s.tier === 'public' && s.zone === zone);
      if (!subnet) return null;
      const letter = /[a-z]$/.exec(zone)?.[0] ?? String(nodes.length);
      let id = `nat-${letter}`;
      for (let i = 2; taken.has(id); i++) id = `nat-${letter}-${i}`;
      taken.add(id);
      nodes.push({
        id,
        name: `NAT gateway ${letter.toUpperCase()}`,
        parentId: subnet.id,
        kind: 'nat-gateway',
        zone,
      });
      if (igw)
        edges.push({
          id: `e-${id}-${igw.id}`,
          source: id,
          target: igw.id,
          kind: 'traffic',
          label: 'Outbound HTTPS',
        });
    }
    return { ...topology, nodes, edges };
  },
};
