import type { SubnetNode, SubnetTier } from '../model/topology';
import { subnetCidr } from './cidr-plan';
import type { DesignContext } from './design-context';
import { NODE } from './design-ids';

const TIER_NAME: Record<SubnetTier, string> = {
  public: 'Public subnet',
  app: 'App subnet',
  data: 'Data subnet',
};

/**
 * VPC with flow logs, an AZ box per zone holding its public, app and data subnets (/24 each, see
 * cidr-plan.ts), the internet gateway, and a NAT gateway per AZ or one shared (a cost choice NET-03
 * flags). No subnet hands out public IPs: the ALB and NAT gateways do not need it.
 */
export function addNetwork(ctx: DesignContext): void {
  const { options, letters, zones, nodes } = ctx;
  nodes.push({
    id: NODE.vpc,
    name: `VPC ${options.vpcCidr}`,
    parentId: null,
    kind: 'vpc',
    cidr: options.vpcCidr,
    flowLogs: true,
  });
  letters.forEach((letter, i) => {
    const zone = zones[i] as string;
    nodes.push({ id: `az-${letter}`, name: zone, parentId: NODE.vpc, kind: 'availability-zone', zone });
    (['public', 'app', 'data'] as const).forEach((tier) => {
      const subnet: SubnetNode = {
        id: ctx.subnetId(tier, letter),
        name: `${TIER_NAME[tier]} ${letter.toUpperCase()}`,
        parentId: `az-${letter}`,
        kind: 'subnet',
        tier,
        cidr: subnetCidr(options.vpcCidr, tier, i),
        zone,
        mapPublicIpOnLaunch: false,
      };
      nodes.push(subnet);
    });
  });
  nodes.push({ id: NODE.igw, name: 'Internet gateway', parentId: NODE.vpc, kind: 'internet-gateway' });
  const natLetters = options.natGateways === 'per-az' ? letters : letters.slice(0, 1);
  for (const letter of natLetters) {
    const i = letters.indexOf(letter);
    nodes.push({
      id: `nat-${letter}`,
      name: `NAT gateway ${letter.toUpperCase()}`,
      parentId: ctx.subnetId('public', letter),
      kind: 'nat-gateway',
      zone: zones[i] as string,
    });
    ctx.addEdge({
      id: `e-nat-${letter}-igw`,
      source: `nat-${letter}`,
      target: NODE.igw,
      kind: 'traffic',
      label: 'Outbound HTTPS',
    });
  }
}
