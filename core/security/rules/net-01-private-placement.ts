import { ancestorOfKind, indexNodes, nodesOfKind, type Ec2Node, type SubnetNode } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import {
  instanceAsksPublicIp,
  ofType,
  propsOf,
  publicSubnets,
  subnetOfInstance,
  tagOf,
} from '../template-query';

/** Instances not placed in a subnet are not exported (the export warns), so neither check counts them. */
function exposure(subnet: SubnetNode, node: Ec2Node): string | null {
  if (subnet.tier === 'public') return 'sits in a public subnet';
  if (node.associatePublicIp) return 'asks for a public IP';
  if (subnet.mapPublicIpOnLaunch) return 'sits in a subnet that hands out public IPs';
  return null;
}

export const net01PrivatePlacement: SecurityRule = {
  id: 'NET-01',
  title: 'Servers and the database sit in private subnets without public IPs',
  category: 'network',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study places every application and database server in a private subnet reached only through the ALB and the VPN, so internal addresses are never exposed to the internet.',
  source: 'case study',
  controls: { fsbp: ['EC2.9'], checkov: ['CKV_AWS_88'] },
  fix: 'Move the instance into the app or data subnet of its AZ and turn off its public IP.',
  verify:
    'In the EC2 console each instance shows no public IPv4 address, and its subnet’s route table has no route to an internet gateway.',
  check(topology) {
    const byId = indexNodes(topology);
    const bad = nodesOfKind(topology, 'ec2-instance').filter((n) => {
      const subnet = ancestorOfKind(byId, n, 'subnet');
      return subnet !== undefined && exposure(subnet, n) !== null;
    });
    return bad.length === 0
      ? passed('Every instance is in a private subnet with no public IP.')
      : failed(
          bad.map((n) => n.id),
          `${listNames(bad.map((n) => n.name))} ${verb(bad.length, 'is', 'are')} in a public subnet or can get a public IP.`,
        );
  },
  checkTemplate(resources) {
    const open = publicSubnets(resources);
    const bad = ofType(resources, 'AWS::EC2::Instance').filter(([, r]) => {
      const subnet = subnetOfInstance(r);
      const subnetResource = subnet ? resources[subnet] : undefined;
      return (
        (subnet !== null && open.has(subnet)) ||
        instanceAsksPublicIp(r) ||
        (subnetResource !== undefined && propsOf(subnetResource).MapPublicIpOnLaunch === true)
      );
    });
    return bad.length === 0
      ? passed('No instance is in a subnet routed to the internet gateway or has a public IP.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} can be reached from the internet.`,
        );
  },
  fixTopology(topology) {
    const byId = indexNodes(topology);
    const subnets = nodesOfKind(topology, 'subnet');
    const moves = new Map<string, SubnetNode>();
    const privateSubnetsToClose = new Set<string>();
    for (const n of nodesOfKind(topology, 'ec2-instance')) {
      const subnet = ancestorOfKind(byId, n, 'subnet');
      if (!subnet || exposure(subnet, n) === null) continue;
      if (subnet.tier === 'public') {
        const tier = n.role === 'sql' ? 'data' : 'app';
        const target =
          subnets.find((s) => s.tier === tier && s.zone === n.zone) ??
          subnets.find((s) => s.tier !== 'public' && s.zone === n.zone) ??
          subnets.find((s) => s.tier === tier);
        if (!target) return null;
        moves.set(n.id, target);
        if (target.mapPublicIpOnLaunch) privateSubnetsToClose.add(target.id);
      } else if (subnet.mapPublicIpOnLaunch) privateSubnetsToClose.add(subnet.id);
    }
    return mapNodes(topology, (n) => {
      if (n.kind === 'subnet' && privateSubnetsToClose.has(n.id)) return { ...n, mapPublicIpOnLaunch: false };
      if (n.kind !== 'ec2-instance') return n;
      const target = moves.get(n.id);
      const moved = target ? { ...n, parentId: target.id, zone: target.zone } : n;
      return moved.associatePublicIp ? { ...moved, associatePublicIp: false } : moved;
    });
  },
};
