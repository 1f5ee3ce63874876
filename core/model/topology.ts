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

export const vpcNodeSchema = z.object({
  ...base,
  kind: z.literal('vpc'),
  cidr: z.string(),
  /** VPC flow logs (ALL traffic) to CloudWatch Logs. */
  flowLogs: z.boolean().default(true),
});
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
  /** Domain the ACM certificate is issued for; the certificate ARN is a deployment parameter. */
  certificateDomain: z.string().max(253).default('app.example.com'),
  /** ELB security policy for HTTPS listeners. */
  sslPolicy: z.string().max(100).default('ELBSecurityPolicy-TLS13-1-2-2021-06'),
  dropInvalidHeaders: z.boolean().default(true),
  accessLogs: z.boolean().default(true),
  deletionProtection: z.boolean().default(true),
});

export const ec2NodeSchema = z.object({
  ...base,
  kind: z.literal('ec2-instance'),
  role: z.enum(SERVER_ROLES),
  /** The inventory server this instance replaces; null for instances the design adds (e.g. a second replica). */
  serverId: z.string().nullable(),
  instanceType: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'expected an instance type such as m6i.xlarge'),
  /** Windows (License Included) by default; Linux for servers that move off Windows. */
  operatingSystem: z.enum(['windows', 'linux']),
  /**
   * SQL Server licensing: License Included, or the customer's own licences under License Mobility
   * (then the instance runs on the Windows price). Windows Server itself cannot be brought on shared tenancy.
   */
  sqlLicense: z.enum(['license-included', 'byol']).default('license-included'),
  sqlEdition: z.enum(SQL_EDITIONS),
  /** Role of this instance in the SQL Server HA pattern. */
  haRole: z.enum(['primary', 'secondary', 'standalone']).nullable(),
  zone: z.string(),
  volumes: z.array(volumeSchema).max(20),
  securityGroupIds: z.array(id),
  associatePublicIp: z.boolean(),
  /** IMDSv2 only (HttpTokens: required). */
  imdsV2Required: z.boolean(),
  /** A CloudWatch alarm on StatusCheckFailed_System that recovers the instance onto healthy hardware. */
  autoRecovery: z.boolean().default(true),
  /**
   * Optimize CPUs: fewer active cores on a License Included instance lowers the per-vCPU licence part.
   * Null = every core active.
   */
  optimizeCpu: z
    .object({ coreCount: z.number().int().min(1), threadsPerCore: z.number().int().min(1).max(2) })
    .nullable()
    .default(null),
  /** Name of the instance role's permission set: every instance gets SSM; SQL Server also writes backups. */
  instanceRole: z.enum(['ssm-managed', 'sql-backup']).default('ssm-managed'),
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

/** A titled box for regional and account-level services (e.g. "Security and operations"). */
export const serviceGroupNodeSchema = z.object({ ...base, kind: z.literal('service-group') });

const cidr = z.string().max(43);

/** AWS WAF web ACL in front of a load balancer. */
export const wafWebAclNodeSchema = z.object({
  ...base,
  kind: z.literal('waf-web-acl'),
  /** AWS managed rule groups, e.g. AWSManagedRulesCommonRuleSet. */
  managedRuleGroups: z.array(z.string().max(100)).max(20),
  /** Requests per 5 minutes per IP before blocking; null = no rate-based rule. */
  rateLimit: z.number().int().min(100).nullable(),
  /** Resources the web ACL is associated with (load balancers). */
  associatedResourceIds: z.array(id),
  logging: z.boolean(),
});

/** Site-to-Site VPN from the customer's data centre (virtual private gateway + two tunnels). */
export const vpnConnectionNodeSchema = z.object({
  ...base,
  kind: z.literal('vpn-connection'),
  customerGatewayIp: z.string().max(45),
  customerGatewayAsn: z.number().int().min(1).max(4294967295),
  onPremisesCidrs: z.array(cidr).max(50),
  staticRoutesOnly: z.boolean(),
});

/** AWS Direct Connect: a dedicated or hosted connection to the VPC through a virtual private gateway. */
export const directConnectNodeSchema = z.object({
  ...base,
  kind: z.literal('direct-connect'),
  connectionType: z.enum(['dedicated', 'hosted']),
  /** e.g. "1Gbps", "10Gbps", "500Mbps". */
  bandwidth: z.string().max(20),
  /** Direct Connect location name, e.g. "GPX Mumbai". */
  location: z.string().max(200),
  onPremisesCidrs: z.array(cidr).max(50),
});

export const route53ZoneNodeSchema = z.object({
  ...base,
  kind: z.literal('route53-zone'),
  domainName: z.string().max(253),
  privateZone: z.boolean(),
});

/** AWS Managed Microsoft AD (two domain controllers in two subnets). */
export const directoryNodeSchema = z.object({
  ...base,
  kind: z.literal('directory-service'),
  edition: z.enum(['Standard', 'Enterprise']),
  domainName: z.string().max(253),
  subnetIds: z.array(id).max(2),
});

/** FSx for Windows File Server: shared storage for a SQL Server failover cluster instance or a witness. */
export const fsxWindowsNodeSchema = z.object({
  ...base,
  kind: z.literal('fsx-windows'),
  deploymentType: z.enum(['MULTI_AZ_1', 'SINGLE_AZ_2']),
  storageType: z.enum(['SSD', 'HDD']),
  storageGib: z.number().int().min(32).max(65536),
  throughputMiBps: z.number().int().min(8).max(12288),
  automaticBackupRetentionDays: z.number().int().min(0).max(90),
  subnetIds: z.array(id).max(2),
  securityGroupIds: z.array(id),
  kmsKeyId: id.nullable(),
  directoryId: id.nullable(),
});

/** Amazon RDS for SQL Server, License Included. */
export const rdsSqlServerNodeSchema = z.object({
  ...base,
  kind: z.literal('rds-sql-server'),
  /** e.g. "db.r6i.2xlarge" */
  instanceClass: z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9-]+$/),
  edition: z.enum(['web', 'standard', 'enterprise']),
  multiAz: z.boolean(),
  storageType: z.enum(['gp3', 'gp2', 'io1', 'io2']),
  storageGib: z.number().int().min(20).max(65536),
  iops: z.number().int().min(0).max(256000),
  encrypted: z.boolean(),
  kmsKeyId: id.nullable(),
  backupRetentionDays: z.number().int().min(0).max(35),
  subnetIds: z.array(id),
  securityGroupIds: z.array(id),
  /** The inventory servers whose databases this instance hosts. */
  serverIds: z.array(z.string()),
});

/** Account and regional services the case study turns on. */
export const cloudTrailNodeSchema = z.object({
  ...base,
  kind: z.literal('cloudtrail'),
  multiRegion: z.boolean(),
  logFileValidation: z.boolean(),
  kmsKeyId: id.nullable(),
  /** Also deliver to CloudWatch Logs (for alarms on API activity). */
  cloudWatchLogs: z.boolean(),
  /** S3 bucket node receiving the logs. */
  bucketId: id.nullable(),
});
export const guardDutyNodeSchema = z.object({
  ...base,
  kind: z.literal('guardduty'),
  s3Protection: z.boolean(),
  malwareProtection: z.boolean(),
});
export const configRecorderNodeSchema = z.object({
  ...base,
  kind: z.literal('config-recorder'),
  allSupported: z.boolean(),
  includeGlobalResources: z.boolean(),
  /** AWS Config managed rules deployed (the "recommended rules" of the case study). */
  managedRules: z.array(z.string().max(100)).max(200),
});
export const patchManagerNodeSchema = z.object({
  ...base,
  kind: z.literal('patch-manager'),
  operatingSystem: z.enum(['WINDOWS']),
  /** Days after release before a patch is approved. */
  approveAfterDays: z.number().int().min(0).max(100),
  /** Maintenance window schedule, e.g. "cron(0 2 ? * SUN *)". */
  maintenanceWindow: z.string().max(100),
  /** Instances patched: by role tag. */
  targetRoles: z.array(z.enum(SERVER_ROLES)),
});
export const secretNodeSchema = z.object({
  ...base,
  kind: z.literal('secrets-manager-secret'),
  purpose: z.string().max(200),
  kmsKeyId: id.nullable(),
  /** Automatic rotation interval; null = no rotation. */
  rotationDays: z.number().int().min(1).max(365).nullable(),
});
export const cloudWatchNodeSchema = z.object({
  ...base,
  kind: z.literal('cloudwatch'),
  /** Log groups the design creates (flow logs, CloudTrail, SQL Server and Windows event logs). */
  logGroups: z
    .array(
      z.object({
        name: z.string().max(512),
        retentionDays: z.number().int().min(1).max(3653),
        kmsEncrypted: z.boolean(),
      }),
    )
    .max(100),
  /** Alarms beyond the per-instance auto-recovery alarms (those come from the instances). */
  extraAlarms: z.number().int().min(0).max(10000),
  dashboards: z.number().int().min(0).max(100),
});
export const vpcEndpointNodeSchema = z.object({
  ...base,
  kind: z.literal('vpc-endpoint'),
  /** Service short name: ssm, ssmmessages, ec2messages, s3, kms, logs, secretsmanager… */
  service: z.string().max(60),
  endpointType: z.enum(['Interface', 'Gateway']),
  subnetIds: z.array(id),
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
  serviceGroupNodeSchema,
  wafWebAclNodeSchema,
  vpnConnectionNodeSchema,
  directConnectNodeSchema,
  route53ZoneNodeSchema,
  directoryNodeSchema,
  fsxWindowsNodeSchema,
  rdsSqlServerNodeSchema,
  cloudTrailNodeSchema,
  guardDutyNodeSchema,
  configRecorderNodeSchema,
  patchManagerNodeSchema,
  secretNodeSchema,
  cloudWatchNodeSchema,
  vpcEndpointNodeSchema,
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

export const EDGE_KINDS = ['traffic', 'replication', 'backup', 'hybrid'] as const;
export const topologyEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  kind: z.enum(EDGE_KINDS),
  label: z.string().max(100),
});
export type TopologyEdge = z.infer<typeof topologyEdgeSchema>;

/** A network ACL entry (stateless: inbound and outbound are separate entries). */
export const naclEntrySchema = z.object({
  ruleNumber: z.number().int().min(1).max(32766),
  egress: z.boolean(),
  protocol: z.enum(['tcp', 'udp', 'icmp', 'all']),
  cidr: cidr,
  fromPort: z.number().int().min(-1).max(65535),
  toPort: z.number().int().min(-1).max(65535),
  action: z.enum(['allow', 'deny']),
  description: z.string().max(255),
});
export type NaclEntry = z.infer<typeof naclEntrySchema>;
export const networkAclSchema = z.object({
  id,
  name,
  subnetIds: z.array(id),
  entries: z.array(naclEntrySchema).max(40),
});
export type NetworkAcl = z.infer<typeof networkAclSchema>;

export const topologySchema = z.object({
  region: z.string(),
  nodes: z.array(topologyNodeSchema).max(50_000),
  edges: z.array(topologyEdgeSchema).max(100_000),
  securityGroups: z.array(securityGroupSchema).max(5_000),
  networkAcls: z.array(networkAclSchema).max(200).default([]),
});
export type Topology = z.infer<typeof topologySchema>;

export function emptyTopology(region: string): Topology {
  return { region, nodes: [], edges: [], securityGroups: [], networkAcls: [] };
}

/** Is the node a container drawn as a group (VPC, AZ, subnet, a box of services)? */
export function isGroupKind(kind: NodeKind): boolean {
  return kind === 'vpc' || kind === 'availability-zone' || kind === 'subnet' || kind === 'service-group';
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
