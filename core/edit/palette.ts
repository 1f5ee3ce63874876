import type { PlanOptions } from '../model/options';
import type { NodeKind, SecurityGroup, SubnetNode, Topology, TopologyNode, Volume } from '../model/topology';
import { nodesOfKind } from '../model/topology';
import { NODE, SG } from '../topology/design-ids';
import { PATCHING_RULE, tcp } from '../topology/security-groups';

/**
 * What the architect can drag onto the canvas. Each entry builds a node that is secure by default,
 * as the planner builds its own (encrypted gp3 volumes, IMDSv2, no public IP, keys that rotate), so
 * an added resource passes the checks it can pass on its own.
 */
export const PALETTE_ITEMS = [
  'ec2-server',
  'bot-runner',
  'sql-node',
  'load-balancer',
  'nat-gateway',
  's3-bucket',
  'kms-key',
  'vpn-connection',
  'vpc-endpoint',
] as const;
export type PaletteItem = (typeof PALETTE_ITEMS)[number];

export interface PaletteEntry {
  item: PaletteItem;
  kind: NodeKind;
  label: string;
  /** One line for the palette's tooltip: what it is and where it goes. */
  description: string;
}

export const PALETTE: Readonly<Record<PaletteItem, PaletteEntry>> = {
  'ec2-server': {
    item: 'ec2-server',
    kind: 'ec2-instance',
    label: 'EC2 server',
    description: 'A Windows application server (m6i.large, C: and D: on encrypted gp3). Drop it in a subnet.',
  },
  'bot-runner': {
    item: 'bot-runner',
    kind: 'ec2-instance',
    label: 'Bot runner',
    description: 'An RPA bot runner (m6i.large, Windows). Drop it in an app subnet.',
  },
  'sql-node': {
    item: 'sql-node',
    kind: 'ec2-instance',
    label: 'SQL node',
    description:
      'SQL Server Standard on Windows (r6i.xlarge; data, log and tempdb volumes). Drop it in a data subnet.',
  },
  'load-balancer': {
    item: 'load-balancer',
    kind: 'load-balancer',
    label: 'ALB',
    description:
      'An internal Application Load Balancer over the app subnets (HTTPS 443). Drop it in the VPC.',
  },
  'nat-gateway': {
    item: 'nat-gateway',
    kind: 'nat-gateway',
    label: 'NAT gateway',
    description: 'Outbound internet for the private subnets of its AZ. Drop it in a public subnet.',
  },
  's3-bucket': {
    item: 's3-bucket',
    kind: 's3-bucket',
    label: 'S3 bucket',
    description: 'A private, versioned, encrypted bucket (100 GiB). Drop it outside the VPC.',
  },
  'kms-key': {
    item: 'kms-key',
    kind: 'kms-key',
    label: 'KMS key',
    description: 'A customer managed key with yearly rotation. Drop it outside the VPC.',
  },
  'vpn-connection': {
    item: 'vpn-connection',
    kind: 'vpn-connection',
    label: 'VPN',
    description:
      "A Site-to-Site VPN to the customer's data centre (two tunnels, static routes). Drop it outside the VPC.",
  },
  'vpc-endpoint': {
    item: 'vpc-endpoint',
    kind: 'vpc-endpoint',
    label: 'VPC endpoint',
    description: 'An interface endpoint (Systems Manager) in the app subnets. Drop it in the VPC.',
  },
};

export function isPaletteItem(value: string): value is PaletteItem {
  return (PALETTE_ITEMS as readonly string[]).includes(value);
}

/** What a palette entry needs to know to build its node. */
export interface PaletteContext {
  topology: Topology;
  options: PlanOptions;
  id: string;
  name: string;
  parent: TopologyNode | null;
}

/** A built node and the security groups it needs that the design does not have yet. */
export interface BuiltNode {
  node: TopologyNode;
  newSecurityGroups: SecurityGroup[];
}

function gp3(name: string, device: Volume['device'], sizeGib: number): Volume {
  return { name, device, sizeGib, type: 'gp3', iops: 3000, throughputMiBps: 125, encrypted: true };
}

function subnetsOfTier(topology: Topology, tier: SubnetNode['tier']): string[] {
  return nodesOfKind(topology, 'subnet')
    .filter((s) => s.tier === tier)
    .map((s) => s.id);
}

const GROUP_DEFINITIONS: Readonly<Record<string, Omit<SecurityGroup, 'id'>>> = {
  [SG.app]: {
    name: 'Application servers',
    description: 'Other application servers: no inbound from the internet',
    ingress: [],
    egress: [PATCHING_RULE],
  },
  [SG.bot]: {
    name: 'Bot runners',
    description: 'RPA bot runners: no inbound; they call the control room',
    ingress: [],
    egress: [PATCHING_RULE],
  },
  [SG.sql]: {
    name: 'SQL Server',
    description: 'SQL Server: 1433 only from the groups that connect to it',
    ingress: [],
    egress: [PATCHING_RULE],
  },
  'sg-internal-alb': {
    name: 'Internal load balancer',
    description: 'Internal ALB: HTTPS from inside the VPC',
    ingress: [],
    egress: [],
  },
};

/** The group by id if the design has it, else its standard definition (to be added with the node). */
function needGroup(topology: Topology, id: string, vpcCidr: string): SecurityGroup[] {
  if (topology.securityGroups.some((g) => g.id === id)) return [];
  const def = GROUP_DEFINITIONS[id];
  if (!def) return [];
  const group: SecurityGroup = { id, ...def };
  if (id === 'sg-internal-alb')
    group.ingress = [tcp(443, { kind: 'cidr', cidr: vpcCidr }, 'HTTPS from inside the VPC')];
  return [group];
}

function ec2(
  ctx: PaletteContext,
  role: 'app' | 'bot' | 'sql',
  instanceType: string,
  volumes: Volume[],
  securityGroupId: string,
): BuiltNode {
  const zone = ctx.parent?.kind === 'subnet' ? ctx.parent.zone : '';
  return {
    node: {
      id: ctx.id,
      name: ctx.name,
      parentId: ctx.parent?.id ?? null,
      kind: 'ec2-instance',
      role,
      serverId: null,
      instanceType,
      operatingSystem: 'windows',
      sqlLicense: 'license-included',
      sqlEdition: role === 'sql' ? 'standard' : 'none',
      haRole: role === 'sql' ? 'standalone' : null,
      zone,
      volumes,
      securityGroupIds: [securityGroupId],
      associatePublicIp: false,
      imdsV2Required: true,
      autoRecovery: true,
      optimizeCpu: null,
      instanceRole: role === 'sql' ? 'sql-backup' : 'ssm-managed',
    },
    newSecurityGroups: needGroup(ctx.topology, securityGroupId, ctx.options.vpcCidr),
  };
}

/** Builds the node a palette entry adds, in `ctx.parent` (already checked to be allowed). */
export function buildPaletteNode(item: PaletteItem, ctx: PaletteContext): BuiltNode {
  const { topology, options, id, name, parent } = ctx;
  const parentId = parent?.id ?? null;
  const mainKey = topology.nodes.some((n) => n.id === NODE.mainKey) ? NODE.mainKey : null;
  switch (item) {
    case 'ec2-server':
      return ec2(ctx, 'app', 'm6i.large', [gp3('C:', '/dev/sda1', 100), gp3('D:', '/dev/xvdb', 100)], SG.app);
    case 'bot-runner':
      return ec2(ctx, 'bot', 'm6i.large', [gp3('C:', '/dev/sda1', 100), gp3('D:', '/dev/xvdb', 50)], SG.bot);
    case 'sql-node':
      return ec2(
        ctx,
        'sql',
        'r6i.xlarge',
        [
          gp3('C:', '/dev/sda1', 100),
          gp3('D: data', '/dev/xvdb', 500),
          gp3('L: log', '/dev/xvdc', 100),
          gp3('T: tempdb', '/dev/xvdd', 50),
        ],
        SG.sql,
      );
    case 'load-balancer':
      return {
        node: {
          id,
          name,
          parentId,
          kind: 'load-balancer',
          scheme: 'internal',
          subnetIds: subnetsOfTier(topology, 'app'),
          securityGroupIds: ['sg-internal-alb'],
          listeners: [{ protocol: 'HTTPS', port: 443, action: 'forward' }],
          targetIds: [],
          targetPort: 443,
          certificateDomain: `app.${options.domainName}`,
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          dropInvalidHeaders: true,
          accessLogs: true,
          deletionProtection: true,
        },
        newSecurityGroups: needGroup(topology, 'sg-internal-alb', options.vpcCidr),
      };
    case 'nat-gateway':
      return {
        node: { id, name, parentId, kind: 'nat-gateway', zone: parent?.kind === 'subnet' ? parent.zone : '' },
        newSecurityGroups: [],
      };
    case 's3-bucket':
      return {
        node: {
          id,
          name,
          parentId,
          kind: 's3-bucket',
          purpose: 'backup',
          encryption: mainKey ? 'sse-kms' : 'sse-s3',
          kmsKeyId: mainKey,
          versioning: true,
          publicAccessBlocked: true,
          lifecycle: { transitionDays: 30, expireDays: 365 },
          storageGib: 100,
        },
        newSecurityGroups: [],
      };
    case 'kms-key':
      return {
        node: { id, name, parentId, kind: 'kms-key', rotation: true, purpose: 'Added on the canvas' },
        newSecurityGroups: [],
      };
    case 'vpn-connection':
      return {
        node: {
          id,
          name,
          parentId,
          kind: 'vpn-connection',
          customerGatewayIp: '',
          customerGatewayAsn: 65000,
          onPremisesCidrs: [...options.connectivity.onPremisesCidrs],
          staticRoutesOnly: true,
        },
        newSecurityGroups: [],
      };
    case 'vpc-endpoint':
      return {
        node: {
          id,
          name,
          parentId,
          kind: 'vpc-endpoint',
          service: 'ssm',
          endpointType: 'Interface',
          subnetIds: subnetsOfTier(topology, 'app'),
        },
        newSecurityGroups: [],
      };
  }
}
