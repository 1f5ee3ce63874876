import type { Inventory, Server } from '../model/inventory';
import type { PlanOptions } from '../model/options';
import type {
  Ec2Node,
  SecurityGroup,
  SecurityGroupRule,
  SubnetNode,
  SubnetTier,
  Topology,
  TopologyEdge,
  TopologyNode,
  Volume,
} from '../model/topology';
import type { SizingResult } from '../sizing/size-server';
import { effectiveEdition } from '../sizing/size-server';
import { azLetters, subnetCidr } from './cidr-plan';

/** Windows Server 2022 needs room for updates and the page file; data lives on D:. */
export const ROOT_VOLUME_GIB = 100;
export const MIN_DATA_VOLUME_GIB = 20;
/** Backups kept in S3, as a multiple of the SQL data size: about two weeks of compressed fulls and logs. */
export const BACKUP_STORAGE_FACTOR = 2;

export const SG = {
  alb: 'sg-alb',
  controlRoom: 'sg-control-room',
  bot: 'sg-bot',
  app: 'sg-app',
  sql: 'sg-sql',
} as const;

const WORLD = { kind: 'cidr', cidr: '0.0.0.0/0' } as const;
const fromSg = (securityGroupId: string) => ({ kind: 'security-group', securityGroupId }) as const;
const tcp = (port: number, source: SecurityGroupRule['source'], description: string): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  source,
  description,
});

/**
 * Security groups with explicit rules between tiers: the internet reaches only the ALB on 443 (80 only
 * redirects); the control room only from the ALB and the bots; SQL Server only from the control room,
 * the app tier and its own replicas. No RDP or SSH: administrators use SSM Session Manager.
 */
export function buildSecurityGroups(hasSql: boolean): SecurityGroup[] {
  const patching = tcp(443, WORLD, 'HTTPS out through the NAT gateway: Windows Update, SSM, S3');
  const sqlReplicaPorts: SecurityGroupRule[] = [
    tcp(5022, fromSg(SG.sql), 'Availability group endpoint between replicas'),
    tcp(3343, fromSg(SG.sql), 'Windows Server Failover Cluster heartbeat'),
    {
      protocol: 'udp',
      fromPort: 3343,
      toPort: 3343,
      source: fromSg(SG.sql),
      description: 'Windows Server Failover Cluster heartbeat (UDP)',
    },
    tcp(135, fromSg(SG.sql), 'RPC endpoint mapper for cluster management'),
    tcp(445, fromSg(SG.sql), 'SMB for the cluster file-share witness'),
  ];
  const groups: SecurityGroup[] = [
    {
      id: SG.alb,
      name: 'Load balancer',
      description: 'Internet-facing ALB: HTTPS in; HTTP only to redirect to HTTPS',
      ingress: [tcp(443, WORLD, 'HTTPS from users'), tcp(80, WORLD, 'HTTP, redirected to HTTPS')],
      egress: [tcp(443, fromSg(SG.controlRoom), 'HTTPS to the control room targets')],
    },
    {
      id: SG.controlRoom,
      name: 'Control room',
      description: 'RPA control room: HTTPS from the ALB and the bot runners',
      ingress: [
        tcp(443, fromSg(SG.alb), 'HTTPS from the load balancer'),
        tcp(443, fromSg(SG.bot), 'HTTPS from bot runners'),
      ],
      egress: [...(hasSql ? [tcp(1433, fromSg(SG.sql), 'SQL Server')] : []), patching],
    },
    {
      id: SG.bot,
      name: 'Bot runners',
      description: 'RPA bot runners: no inbound; they call the control room',
      ingress: [],
      egress: [patching],
    },
    {
      id: SG.app,
      name: 'Application servers',
      description: 'Other application servers: no inbound from the internet',
      ingress: [],
      egress: [...(hasSql ? [tcp(1433, fromSg(SG.sql), 'SQL Server')] : []), patching],
    },
  ];
  if (hasSql) {
    groups.push({
      id: SG.sql,
      name: 'SQL Server',
      description: 'SQL Server: TDS from the application tier; replica traffic between SQL nodes only',
      ingress: [
        tcp(1433, fromSg(SG.controlRoom), 'SQL Server from the control room'),
        tcp(1433, fromSg(SG.app), 'SQL Server from application servers'),
        tcp(1433, fromSg(SG.sql), 'SQL Server between replicas (seeding, listener)'),
        ...sqlReplicaPorts,
      ],
      egress: [tcp(1433, fromSg(SG.sql), 'SQL Server between replicas'), ...sqlReplicaPorts, patching],
    });
  }
  return groups;
}

function securityGroupFor(role: Server['role']): string {
  switch (role) {
    case 'bot':
      return SG.bot;
    case 'control-room':
      return SG.controlRoom;
    case 'sql':
      return SG.sql;
    case 'web':
    case 'app':
    case 'other':
      return SG.app;
  }
}

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

export function volumesFor(server: Server): Volume[] {
  return [
    {
      name: 'C:',
      device: '/dev/sda1',
      sizeGib: ROOT_VOLUME_GIB,
      type: 'gp3',
      iops: 3000,
      throughputMiBps: 125,
      encrypted: true,
    },
    {
      name: 'D:',
      device: '/dev/xvdb',
      sizeGib: Math.max(MIN_DATA_VOLUME_GIB, roundUp(server.storageGib, 10)),
      type: 'gp3',
      iops: 3000,
      throughputMiBps: 125,
      encrypted: true,
    },
  ];
}

interface Placement {
  server: Server;
  sizing: SizingResult | undefined;
  zoneIndex: number;
  haRole: Ec2Node['haRole'];
  /** Set for replicas the design adds; they have no inventory server. */
  replicaOf?: string;
}

function largestChosen(placements: readonly Placement[]): string | undefined {
  let best: NonNullable<SizingResult['chosen']> | undefined;
  for (const p of placements) {
    const c = p.sizing?.chosen;
    if (
      c &&
      (!best ||
        c.vcpu > best.vcpu ||
        (c.vcpu === best.vcpu && c.memoryGib > best.memoryGib) ||
        (c.vcpu === best.vcpu &&
          c.memoryGib === best.memoryGib &&
          Number(c.hourlyUsd) > Number(best.hourlyUsd)))
    )
      best = c;
  }
  return best?.instanceType;
}

/** Deterministic: the same inventory, sizing and options give the same topology, ids included. */
export function buildTopology(
  inventory: Inventory,
  sizing: readonly SizingResult[],
  options: PlanOptions,
): Topology {
  const region = options.region;
  const letters = azLetters(options.azCount);
  const zones = letters.map((l) => `${region}${l}`);
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const sizingById = new Map(sizing.map((s) => [s.serverId, s]));

  nodes.push({
    id: 'vpc',
    name: `VPC ${options.vpcCidr}`,
    parentId: null,
    kind: 'vpc',
    cidr: options.vpcCidr,
    flowLogs: true,
  });
  const subnetId = (tier: SubnetTier, letter: string) => `subnet-${tier}-${letter}`;
  const tierName: Record<SubnetTier, string> = {
    public: 'Public subnet',
    app: 'App subnet',
    data: 'Data subnet',
  };
  letters.forEach((letter, i) => {
    const zone = zones[i] as string;
    nodes.push({ id: `az-${letter}`, name: zone, parentId: 'vpc', kind: 'availability-zone', zone });
    (['public', 'app', 'data'] as const).forEach((tier) => {
      const subnet: SubnetNode = {
        id: subnetId(tier, letter),
        name: `${tierName[tier]} ${letter.toUpperCase()}`,
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
  nodes.push({ id: 'igw', name: 'Internet gateway', parentId: 'vpc', kind: 'internet-gateway' });
  const natLetters = options.natGateways === 'per-az' ? letters : letters.slice(0, 1);
  for (const letter of natLetters) {
    const i = letters.indexOf(letter);
    nodes.push({
      id: `nat-${letter}`,
      name: `NAT gateway ${letter.toUpperCase()}`,
      parentId: subnetId('public', letter),
      kind: 'nat-gateway',
      zone: zones[i] as string,
    });
    edges.push({
      id: `e-nat-${letter}-igw`,
      source: `nat-${letter}`,
      target: 'igw',
      kind: 'traffic',
      label: 'Outbound HTTPS',
    });
  }

  // Placement: app-tier servers round-robin across AZs per role; SQL per the HA pattern.
  const placements: Placement[] = [];
  const counters = new Map<string, number>();
  const nextZone = (key: string): number => {
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return n % letters.length;
  };
  const sqlServers = inventory.servers.filter((s) => s.role === 'sql');
  for (const server of inventory.servers) {
    if (server.role === 'sql') continue;
    placements.push({
      server,
      sizing: sizingById.get(server.id),
      zoneIndex: nextZone(server.role),
      haRole: null,
    });
  }
  if (options.sqlHa === 'always-on-ag') {
    // The inventory's SQL servers become the availability group's replicas, one per AZ in turn; a lone
    // server gets a secondary of the same size in the next AZ, so the database survives an AZ failure.
    sqlServers.forEach((server, i) => {
      placements.push({
        server,
        sizing: sizingById.get(server.id),
        zoneIndex: i % letters.length,
        haRole: i === 0 ? 'primary' : 'secondary',
      });
    });
    const first = sqlServers[0];
    if (first && sqlServers.length === 1) {
      placements.push({
        server: first,
        sizing: sizingById.get(first.id),
        zoneIndex: 1 % letters.length,
        haRole: 'secondary',
        replicaOf: first.id,
      });
    }
  } else {
    sqlServers.forEach((server) =>
      placements.push({
        server,
        sizing: sizingById.get(server.id),
        zoneIndex: nextZone('sql'),
        haRole: 'standalone',
      }),
    );
  }

  // Replicas of one availability group must each be able to take the primary's load, so they all get
  // the most capable type sized for any of them.
  const agType =
    options.sqlHa === 'always-on-ag'
      ? largestChosen(placements.filter((p) => p.server.role === 'sql'))
      : undefined;
  const instanceIds: Record<string, string[]> = {};
  const zoneOf = new Map<string, string>();
  for (const p of placements) {
    const letter = letters[p.zoneIndex] as string;
    const tier: SubnetTier = p.server.role === 'sql' ? 'data' : 'app';
    const id = p.replicaOf ? `ec2-${p.server.id}-replica` : `ec2-${p.server.id}`;
    const node: Ec2Node = {
      id,
      name: p.replicaOf ? `${p.server.name} replica` : p.server.name,
      parentId: subnetId(tier, letter),
      kind: 'ec2-instance',
      role: p.server.role,
      serverId: p.replicaOf ? null : p.server.id,
      // A server nothing fits keeps a placeholder the checks and the estimate flag; the sizing issue explains it.
      instanceType:
        (p.server.role === 'sql' ? agType : undefined) ?? p.sizing?.chosen?.instanceType ?? 'unsized.none',
      operatingSystem: 'windows',
      sqlEdition: effectiveEdition(p.server),
      haRole: p.haRole,
      zone: zones[p.zoneIndex] as string,
      volumes: volumesFor(p.server),
      securityGroupIds: [securityGroupFor(p.server.role)],
      associatePublicIp: false,
      imdsV2Required: true,
      autoRecovery: true,
      optimizeCpu: null,
      instanceRole: p.server.role === 'sql' ? 'sql-backup' : 'ssm-managed',
    };
    nodes.push(node);
    zoneOf.set(id, node.zone);
    (instanceIds[p.server.role] ??= []).push(id);
  }

  const controlRooms = instanceIds['control-room'] ?? [];
  const sqlNodes = nodes.filter((n): n is Ec2Node => n.kind === 'ec2-instance' && n.role === 'sql');
  const primary = sqlNodes.find((n) => n.haRole === 'primary') ?? sqlNodes[0];

  if (controlRooms.length > 0) {
    nodes.push({
      id: 'alb',
      name: 'Application Load Balancer',
      parentId: 'vpc',
      kind: 'load-balancer',
      scheme: 'internet-facing',
      subnetIds: letters.map((l) => subnetId('public', l)),
      securityGroupIds: [SG.alb],
      listeners: [
        { protocol: 'HTTPS', port: 443, action: 'forward' },
        { protocol: 'HTTP', port: 80, action: 'redirect-https' },
      ],
      targetIds: controlRooms,
      targetPort: 443,
      certificateDomain: `rpa.${options.domainName}`,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      dropInvalidHeaders: true,
      accessLogs: true,
      deletionProtection: true,
    });
    edges.push({ id: 'e-igw-alb', source: 'igw', target: 'alb', kind: 'traffic', label: 'HTTPS 443' });
    for (const cr of controlRooms)
      edges.push({ id: `e-alb-${cr}`, source: 'alb', target: cr, kind: 'traffic', label: 'HTTPS 443' });
  }
  // Each bot talks to a control room in its own AZ where there is one.
  const crByZone = new Map<string, string>();
  for (const cr of controlRooms)
    if (!crByZone.has(zoneOf.get(cr) ?? '')) crByZone.set(zoneOf.get(cr) ?? '', cr);
  for (const bot of instanceIds.bot ?? []) {
    const cr = crByZone.get(zoneOf.get(bot) ?? '') ?? controlRooms[0];
    if (cr)
      edges.push({ id: `e-${bot}-${cr}`, source: bot, target: cr, kind: 'traffic', label: 'HTTPS 443' });
  }
  if (primary) {
    for (const client of [
      ...controlRooms,
      ...(instanceIds.web ?? []),
      ...(instanceIds.app ?? []),
      ...(instanceIds.other ?? []),
    ]) {
      edges.push({
        id: `e-${client}-${primary.id}`,
        source: client,
        target: primary.id,
        kind: 'traffic',
        label: 'SQL 1433',
      });
    }
    for (const secondary of sqlNodes.filter((n) => n.haRole === 'secondary')) {
      edges.push({
        id: `e-${primary.id}-${secondary.id}`,
        source: primary.id,
        target: secondary.id,
        kind: 'replication',
        label: 'Synchronous commit 5022',
      });
    }
  }

  nodes.push({
    id: 'kms-main',
    name: 'KMS key (EBS and backups)',
    parentId: null,
    kind: 'kms-key',
    rotation: true,
    purpose: 'Encrypts EBS volumes and SQL Server backups',
  });
  if (sqlNodes.length > 0) {
    const sqlDataGib = sqlServers.reduce((acc, s) => acc + s.storageGib, 0);
    nodes.push({
      id: 's3-backup',
      name: 'SQL backup bucket',
      parentId: null,
      kind: 's3-bucket',
      purpose: 'backup',
      encryption: 'sse-kms',
      kmsKeyId: 'kms-main',
      versioning: true,
      publicAccessBlocked: true,
      lifecycle: { transitionDays: 30, expireDays: 90 },
      storageGib: Math.ceil(sqlDataGib * BACKUP_STORAGE_FACTOR),
    });
    for (const sql of sqlNodes.filter((n) => n.haRole !== 'secondary')) {
      edges.push({
        id: `e-${sql.id}-s3-backup`,
        source: sql.id,
        target: 's3-backup',
        kind: 'backup',
        label: 'Scheduled backup',
      });
    }
  }

  return { region, nodes, edges, securityGroups: buildSecurityGroups(sqlNodes.length > 0), networkAcls: [] };
}
