import { z } from 'zod';
import { SERVER_ROLES, SQL_EDITIONS } from './inventory';

/**
 * The proposed AWS design. Nodes nest through `parentId` (VPC > AZ > subnet > resource);
 * resources that are regional (S3, KMS) have no parent. Everything is plain JSON so it saves as-is.
 */

const id = z.string().min(1).max(200);
const name = z.string().min(1).max(255);

const base = { id, name, parentId: id.nullable() };

export const SUBNET_TIERS = ['public', 'app', 'data'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

export const VOLUME_TYPES = ['gp3', 'gp2', 'io2'] as const;
export const volumeSchema = z.object({
  /** Device name in Windows terms, e.g. "C:" root, "D:" data. */
  name: z.string().min(1).max(60),
  device: z.string().regex(/^\/dev\/(sda1|xvd[b-z])$/),
  sizeGib: z.number().int().min(1).max(65536),
  type: z.enum(VOLUME_TYPES),
  /** Provisioned IOPS; gp3 includes 3,000, io2 has no baseline. */
  iops: z.number().int().min(0).max(256000),
  /** gp3 throughput in MiB/s; 125 included. */
  throughputMiBps: z.number().int().min(0).max(4000),
  encrypted: z.boolean(),
});
export type Volume = z.infer<typeof volumeSchema>;

export const vpcNodeSchema = z.object({ ...base, kind: z.literal('vpc'), cidr: z.string() });
export const azNodeSchema = z.object({ ...base, kind: z.literal('availability-zone'), zone: z.string() });
export const subnetNodeSchema = z.object({
  ...base,
  kind: z.literal('subnet'),
  tier: z.enum(SUBNET_TIERS),
  cidr: z.string(),
  zone: z.string(),
  /** Whether instances launched here get a public IP. Only public subnets may, and even they need not. */
  mapPublicIpOnLaunch: z.boolean(),
});
export const internetGatewayNodeSchema = z.object({ ...base, kind: z.literal('internet-gateway') });
export const natGatewayNodeSchema = z.object({ ...base, kind: z.literal('nat-gateway'), zone: z.string() });

export const listenerSchema = z.object({
  protocol: z.enum(['HTTPS', 'HTTP']),
  port: z.number().int().min(1).max(65535),
  /** HTTP listeners should only redirect to HTTPS. */
  action: z.enum(['forward', 'redirect-https']),
});
export const loadBalancerNodeSchema = z.object({
  ...base,
  kind: z.literal('load-balancer'),
  scheme: z.enum(['internet-facing', 'internal']),
  subnetIds: z.array(id),
  securityGroupIds: z.array(id),
  listeners: z.array(listenerSchema),
  /** Instances registered behind the load balancer. */
  targetIds: z.array(id),
  targetPort: z.number().int().min(1).max(65535),
});

export const ec2NodeSchema = z.object({
  ...base,
  kind: z.literal('ec2-instance'),
  role: z.enum(SERVER_ROLES),
  /** The inventory server this instance replaces; null for instances the design adds (e.g. a second replica). */
  serverId: z.string().nullable(),
  instanceType: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'expected an instance type such as m6i.xlarge'),
  operatingSystem: z.enum(['windows']),
  sqlEdition: z.enum(SQL_EDITIONS),
  /** Role of this instance in the SQL Server HA pattern. */
  haRole: z.enum(['primary', 'secondary', 'standalone']).nullable(),
  zone: z.string(),
  volumes: z.array(volumeSchema).max(20),
  securityGroupIds: z.array(id),
  associatePublicIp: z.boolean(),
  /** IMDSv2 only (HttpTokens: required). */
  imdsV2Required: z.boolean(),
});

export const s3BucketNodeSchema = z.object({
  ...base,
  kind: z.literal('s3-bucket'),
  purpose: z.enum(['backup', 'logs']),
  encryption: z.enum(['sse-kms', 'sse-s3', 'none']),
  kmsKeyId: id.nullable(),
  versioning: z.boolean(),
  publicAccessBlocked: z.boolean(),
  /** Days after which backups move to a colder class, and after which they expire. */
  lifecycle: z
    .object({ transitionDays: z.number().int().min(1), expireDays: z.number().int().min(1) })
    .nullable(),
  /** Expected stored volume, for the estimate. */
  storageGib: z.number().min(0),
});
export const kmsKeyNodeSchema = z.object({
  ...base,
  kind: z.literal('kms-key'),
  rotation: z.boolean(),
  purpose: z.string().max(200),
});

export const topologyNodeSchema = z.discriminatedUnion('kind', [
  vpcNodeSchema,
  azNodeSchema,
  subnetNodeSchema,
  internetGatewayNodeSchema,
  natGatewayNodeSchema,
  loadBalancerNodeSchema,
  ec2NodeSchema,
  s3BucketNodeSchema,
  kmsKeyNodeSchema,
]);
export type TopologyNode = z.infer<typeof topologyNodeSchema>;
export type NodeKind = TopologyNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<TopologyNode, { kind: K }>;
export type VpcNode = NodeOfKind<'vpc'>;
export type SubnetNode = NodeOfKind<'subnet'>;
export type Ec2Node = NodeOfKind<'ec2-instance'>;
export type LoadBalancerNode = NodeOfKind<'load-balancer'>;
export type S3BucketNode = NodeOfKind<'s3-bucket'>;

export const ruleSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cidr'), cidr: z.string() }),
  z.object({ kind: z.literal('security-group'), securityGroupId: id }),
]);
export const securityGroupRuleSchema = z.object({
  protocol: z.enum(['tcp', 'udp', 'icmp', 'all']),
  fromPort: z.number().int().min(-1).max(65535),
  toPort: z.number().int().min(-1).max(65535),
  source: ruleSourceSchema,
  description: z.string().max(255),
});
export type SecurityGroupRule = z.infer<typeof securityGroupRuleSchema>;
export const securityGroupSchema = z.object({
  id,
  name,
  description: z.string().max(255),
  ingress: z.array(securityGroupRuleSchema),
  /** Explicit egress; an empty list means none is allowed. */
  egress: z.array(securityGroupRuleSchema),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;

export const EDGE_KINDS = ['traffic', 'replication', 'backup'] as const;
export const topologyEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  kind: z.enum(EDGE_KINDS),
  label: z.string().max(100),
});
export type TopologyEdge = z.infer<typeof topologyEdgeSchema>;

export const topologySchema = z.object({
  region: z.string(),
  nodes: z.array(topologyNodeSchema).max(50_000),
  edges: z.array(topologyEdgeSchema).max(100_000),
  securityGroups: z.array(securityGroupSchema).max(5_000),
});
export type Topology = z.infer<typeof topologySchema>;

export function emptyTopology(region: string): Topology {
  return { region, nodes: [], edges: [], securityGroups: [] };
}

/** Is the node a container drawn as a group (VPC, AZ, subnet)? */
export function isGroupKind(kind: NodeKind): boolean {
  return kind === 'vpc' || kind === 'availability-zone' || kind === 'subnet';
}

export function nodesOfKind<K extends NodeKind>(topology: Topology, kind: K): NodeOfKind<K>[] {
  return topology.nodes.filter((n): n is NodeOfKind<K> => n.kind === kind);
}

export function indexNodes(topology: Topology): Map<string, TopologyNode> {
  return new Map(topology.nodes.map((n) => [n.id, n]));
}

/** Walk up the containment tree to the nearest ancestor of a kind. */
export function ancestorOfKind<K extends NodeKind>(
  byId: ReadonlyMap<string, TopologyNode>,
  node: TopologyNode,
  kind: K,
): NodeOfKind<K> | undefined {
  let current = node.parentId ? byId.get(node.parentId) : undefined;
  let guard = 0;
  while (current && guard++ < 64) {
    if (current.kind === kind) return current as NodeOfKind<K>;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return undefined;
}
