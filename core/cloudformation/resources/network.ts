import { ancestorOfKind, nodesOfKind, type NaclEntry, type SubnetNode } from '../../model/topology';
import { toLogicalId } from '../logical-ids';
import { type BuildContext, ec2Tags, nodeLogicalId } from '../context';
import { cidr, getAZs, getAtt, ref, select, type CfnValue } from '../intrinsics';
import type { CfnResource } from '../template';

/**
 * VPC, subnets, internet gateway, NAT gateways, route tables and network ACLs. Public subnets route
 * to the internet gateway; each AZ's private (app and data) subnets route to the NAT gateway in that
 * AZ, or to the single NAT gateway when the plan has one. No subnet gives instances a public IP.
 */

export interface NetworkResources {
  resources: Record<string, CfnResource>;
  /** Logical id of the VPC, or null when the topology has none. */
  vpc: string | null;
  /** Logical id of the internet gateway attachment: internet-facing resources depend on it. */
  igwAttachment: string | null;
  /** Private default route per AZ (zone name → logical id), so instances start with outbound access. */
  privateRouteByZone: ReadonlyMap<string, string>;
  /** Private route tables (app and data subnets), AZ by AZ, with the zone they serve. */
  privateRouteTables: { zone: string; table: string }[];
  /** A CIDR as the template writes it: the VPC's or a planned subnet's follow the VpcCidr parameter. */
  cidrValue(cidrText: string): CfnValue;
}

const ANYWHERE = '0.0.0.0/0';

/** "ap-south-1b" → "B", so route tables read PrivateRouteTableB. */
function zoneSuffix(zone: string, index: number): string {
  const letters = /[a-z]+$/.exec(zone)?.[0];
  return letters ? letters.toUpperCase() : String(index + 1);
}

/**
 * Subnet CIDRs are written as slices of the VpcCidr parameter (`!Select [n, !Cidr [VpcCidr, count, 8]]`)
 * so changing the parameter moves every subnet with it. A subnet outside the planned /24 scheme keeps
 * its literal CIDR.
 */
function subnetCidrs(
  subnets: readonly SubnetNode[],
  vpcCidr: string,
  vpcCidrParameter: string,
): Map<string, CfnValue> {
  const [a, b] = vpcCidr.split('/')[0]?.split('.') ?? [];
  const indexes = new Map<string, number>();
  for (const s of subnets) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(s.cidr);
    if (m && m[1] === a && m[2] === b && Number(m[3]) <= 255) indexes.set(s.id, Number(m[3]));
  }
  const count = Math.max(0, ...indexes.values()) + 1;
  const out = new Map<string, CfnValue>();
  for (const s of subnets) {
    const index = indexes.get(s.id);
    out.set(s.id, index === undefined ? s.cidr : select(index, cidr(ref(vpcCidrParameter), count, 8)));
  }
  return out;
}

export function buildNetwork(ctx: BuildContext, vpcCidrParameter: string): NetworkResources {
  const { topology, ids } = ctx;
  const resources: Record<string, CfnResource> = {};
  const vpcNode = nodesOfKind(topology, 'vpc')[0];
  if (!vpcNode)
    return {
      resources,
      vpc: null,
      igwAttachment: null,
      privateRouteByZone: new Map(),
      privateRouteTables: [],
      cidrValue: (c) => c,
    };
  const vpc = nodeLogicalId(ctx, vpcNode.id) as string;
  resources[vpc] = {
    Type: 'AWS::EC2::VPC',
    Properties: {
      CidrBlock: ref(vpcCidrParameter),
      EnableDnsSupport: true,
      EnableDnsHostnames: true,
      Tags: ec2Tags(ctx, vpcNode.name, 'VPC'),
    },
  };

  let igwAttachment: string | null = null;
  const igwNode = nodesOfKind(topology, 'internet-gateway')[0];
  if (igwNode) {
    const igw = nodeLogicalId(ctx, igwNode.id) as string;
    igwAttachment = ids.claim(`${igw}Attachment`);
    resources[igw] = {
      Type: 'AWS::EC2::InternetGateway',
      Properties: { Tags: ec2Tags(ctx, igwNode.name, 'Internet gateway') },
    };
    resources[igwAttachment] = {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: ref(vpc), InternetGatewayId: ref(igw) },
    };
  }

  // AZs by position: `!Select [i, !GetAZs '']` keeps the template portable across regions.
  const zones = nodesOfKind(topology, 'availability-zone').map((z) => z.zone);
  const subnets = nodesOfKind(topology, 'subnet');
  for (const s of subnets) if (!zones.includes(s.zone)) zones.push(s.zone);
  const azOf = (zone: string): CfnValue => select(zones.indexOf(zone), getAZs(''));
  const cidrs = subnetCidrs(subnets, ctx.project.options.vpcCidr, vpcCidrParameter);

  for (const s of subnets) {
    const id = nodeLogicalId(ctx, s.id) as string;
    resources[id] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref(vpc),
        CidrBlock: cidrs.get(s.id) as CfnValue,
        AvailabilityZone: azOf(s.zone),
        MapPublicIpOnLaunch: false,
        Tags: ec2Tags(ctx, s.name, s.id, [{ Key: 'Tier', Value: s.tier }]),
      },
    };
  }

  // NAT gateways, each with an Elastic IP, in the public subnet of their AZ.
  const natByZone = new Map<string, string>();
  for (const nat of nodesOfKind(topology, 'nat-gateway')) {
    const subnet =
      ancestorOfKind(ctx.byId, nat, 'subnet') ??
      subnets.find((s) => s.tier === 'public' && s.zone === nat.zone);
    if (!subnet) continue;
    const id = nodeLogicalId(ctx, nat.id) as string;
    const eip = ids.claim(`${id}Eip`);
    resources[eip] = {
      Type: 'AWS::EC2::EIP',
      ...(igwAttachment ? { DependsOn: igwAttachment } : {}),
      Properties: { Domain: 'vpc', Tags: ec2Tags(ctx, `${nat.name} address`, `${nat.id} address`) },
    };
    resources[id] = {
      Type: 'AWS::EC2::NatGateway',
      Properties: {
        ConnectivityType: 'public',
        AllocationId: getAtt(eip, 'AllocationId'),
        SubnetId: ref(nodeLogicalId(ctx, subnet.id) as string),
        Tags: ec2Tags(ctx, nat.name, nat.id),
      },
    };
    if (!natByZone.has(nat.zone)) natByZone.set(nat.zone, id);
  }

  const publicSubnets = subnets.filter((s) => s.tier === 'public');
  if (publicSubnets.length > 0) {
    const table = ids.claim('PublicRouteTable');
    resources[table] = {
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: ref(vpc), Tags: ec2Tags(ctx, 'Public route table', 'Public route table') },
    };
    if (igwAttachment && igwNode) {
      const route = ids.claim('PublicDefaultRoute');
      resources[route] = {
        Type: 'AWS::EC2::Route',
        DependsOn: igwAttachment,
        Properties: {
          RouteTableId: ref(table),
          DestinationCidrBlock: ANYWHERE,
          GatewayId: ref(nodeLogicalId(ctx, igwNode.id) as string),
        },
      };
    }
    for (const s of publicSubnets) associate(ctx, resources, s, table);
  }

  const privateRouteByZone = new Map<string, string>();
  const privateRouteTables: { zone: string; table: string }[] = [];
  const firstNat = natByZone.values().next().value;
  zones.forEach((zone, index) => {
    const privateSubnets = subnets.filter((s) => s.tier !== 'public' && s.zone === zone);
    if (privateSubnets.length === 0) return;
    const suffix = zoneSuffix(zone, index);
    const table = ids.claim(`PrivateRouteTable${suffix}`);
    resources[table] = {
      Type: 'AWS::EC2::RouteTable',
      Properties: {
        VpcId: ref(vpc),
        Tags: ec2Tags(ctx, `Private route table ${suffix}`, `Private route table ${suffix}`),
      },
    };
    privateRouteTables.push({ zone, table });
    const nat = natByZone.get(zone) ?? firstNat;
    if (nat) {
      const route = ids.claim(`PrivateDefaultRoute${suffix}`);
      resources[route] = {
        Type: 'AWS::EC2::Route',
        Properties: { RouteTableId: ref(table), DestinationCidrBlock: ANYWHERE, NatGatewayId: ref(nat) },
      };
      privateRouteByZone.set(zone, route);
    }
    for (const s of privateSubnets) associate(ctx, resources, s, table);
  });

  const cidrValue = (cidrText: string): CfnValue => {
    if (cidrText === ctx.project.options.vpcCidr) return ref(vpcCidrParameter);
    const subnet = subnets.find((x) => x.cidr === cidrText);
    return subnet ? (cidrs.get(subnet.id) as CfnValue) : cidrText;
  };
  buildNetworkAcls(ctx, resources, vpc, cidrValue);
  return { resources, vpc, igwAttachment, privateRouteByZone, privateRouteTables, cidrValue };
}

const PROTOCOL_NUMBER: Record<NaclEntry['protocol'], number> = { tcp: 6, udp: 17, icmp: 1, all: -1 };

/**
 * Network ACLs from the topology, one per tier, with their numbered entries and subnet associations.
 * Sources inside the VPC follow the VpcCidr parameter like the subnets do.
 */
function buildNetworkAcls(
  ctx: BuildContext,
  resources: Record<string, CfnResource>,
  vpc: string,
  cidrValue: (cidrText: string) => CfnValue,
): void {
  for (const acl of ctx.topology.networkAcls) {
    const id = ctx.ids.claim(toLogicalId(acl.id));
    resources[id] = {
      Type: 'AWS::EC2::NetworkAcl',
      Properties: { VpcId: ref(vpc), Tags: ec2Tags(ctx, acl.name, acl.id) },
    };
    for (const e of acl.entries) {
      const entry = ctx.ids.claim(`${id}${e.egress ? 'Out' : 'In'}${e.ruleNumber}`);
      const ports = e.protocol === 'tcp' || e.protocol === 'udp';
      resources[entry] = {
        Type: 'AWS::EC2::NetworkAclEntry',
        Properties: {
          NetworkAclId: ref(id),
          RuleNumber: e.ruleNumber,
          Egress: e.egress,
          Protocol: PROTOCOL_NUMBER[e.protocol],
          RuleAction: e.action,
          CidrBlock: cidrValue(e.cidr),
          ...(ports ? { PortRange: { From: e.fromPort, To: e.toPort } } : {}),
          ...(e.protocol === 'icmp' ? { Icmp: { Code: -1, Type: -1 } } : {}),
        },
      };
    }
    for (const subnetId of acl.subnetIds) {
      const subnet = nodeLogicalId(ctx, subnetId);
      if (!subnet || !resources[subnet]) continue;
      resources[ctx.ids.claim(`${subnet}NetworkAcl`)] = {
        Type: 'AWS::EC2::SubnetNetworkAclAssociation',
        Properties: { SubnetId: ref(subnet), NetworkAclId: ref(id) },
      };
    }
  }
}

function associate(
  ctx: BuildContext,
  resources: Record<string, CfnResource>,
  subnet: SubnetNode,
  table: string,
): void {
  const subnetId = nodeLogicalId(ctx, subnet.id) as string;
  resources[ctx.ids.claim(`${subnetId}RouteTableAssociation`)] = {
    Type: 'AWS::EC2::SubnetRouteTableAssociation',
    Properties: { SubnetId: ref(subnetId), RouteTableId: ref(table) },
  };
}
