import type { Inventory, Server, SqlEdition } from '../../model/inventory';
import type { Ec2Node, NodeOfKind } from '../../model/topology';
import { effectiveEdition, type SizingResult } from '../../sizing/size-server';
import { GROUP, NODE, SG, clusterSuffix } from '../design-ids';
import {
  DIRECTORY_PORTS,
  DNS_PORTS,
  PATCHING_RULE,
  fromCidr,
  fromSg,
  tcp,
  tcpRange,
  udp,
} from '../security-groups';
import type { SqlCluster } from '../design-context';
import type { PatternContext, SqlTier } from './types';

type FsxNode = NodeOfKind<'fsx-windows'>;

/**
 * Building blocks the SQL Server patterns share: reading the inventory's SQL Servers as pairs, the
 * SQL security group, Windows Server Failover Cluster ports, AWS Managed Microsoft AD and FSx.
 */

/**
 * The inventory's SQL Servers as HA pairs, in file order (1st + 2nd, 3rd + 4th…): on premises a pair
 * is a primary and its standby holding the same databases. A lone last server is a set of its own.
 */
export function sqlClusters(inventory: Inventory): SqlCluster[] {
  const sql = inventory.servers.filter((s) => s.role === 'sql');
  const clusters: SqlCluster[] = [];
  for (let i = 0; i < sql.length; i += 2)
    clusters.push({ index: clusters.length, servers: sql.slice(i, i + 2) });
  return clusters;
}

const EDITION_RANK: Record<SqlEdition, number> = { none: 0, express: 1, web: 2, standard: 3, enterprise: 4 };

/** The edition a cluster needs: the highest any of its servers runs (a SQL Server without one is Standard). */
export function clusterEdition(servers: readonly Server[]): SqlEdition {
  let best: SqlEdition = 'standard';
  let first = true;
  for (const s of servers) {
    const e = effectiveEdition(s);
    if (first || EDITION_RANK[e] > EDITION_RANK[best]) best = e;
    first = false;
  }
  return best;
}

/** Standard or Enterprise: what clustering, availability groups and RDS Multi-AZ need at least. */
export function atLeastStandard(edition: SqlEdition): SqlEdition {
  return edition === 'enterprise' ? 'enterprise' : 'standard';
}

type Chosen = NonNullable<SizingResult['chosen']>;

function larger(a: Chosen, b: Chosen): boolean {
  return (
    a.vcpu > b.vcpu ||
    (a.vcpu === b.vcpu && a.memoryGib > b.memoryGib) ||
    (a.vcpu === b.vcpu && a.memoryGib === b.memoryGib && Number(a.hourlyUsd) > Number(b.hourlyUsd))
  );
}

/** The most capable type sized for any server of the cluster: every node must carry the whole load. */
export function largestChosen(
  servers: readonly Server[],
  sizingById: ReadonlyMap<string, SizingResult>,
): Chosen | undefined {
  let best: Chosen | undefined;
  for (const s of servers) {
    const c = sizingById.get(s.id)?.chosen;
    if (c && (!best || larger(c, best))) best = c;
  }
  return best;
}

/** Zones of a cluster's two nodes: primaries alternate between AZs, each standby in the next AZ. */
export function clusterZones(ctx: PatternContext, index: number): [number, number] {
  const n = ctx.letters.length;
  return [index % n, (index + 1) % n];
}

/**
 * The primary and the standby of a two-node cluster (an availability group or an FCI): the pair's
 * servers, or the lone server and a same-size partner the design adds in the next AZ.
 */
export function clusterPair(
  ctx: PatternContext,
  cluster: SqlCluster,
  edition: SqlEdition,
  extra: { securityGroupIds?: string[]; volumes?: Ec2Node['volumes'] } = {},
): [Ec2Node, Ec2Node] {
  const [first, second] = cluster.servers as [Server, Server | undefined];
  const [zoneA, zoneB] = clusterZones(ctx, cluster.index);
  const type = largestChosen(cluster.servers, ctx.sizingById)?.instanceType;
  const common = {
    tier: 'data' as const,
    sqlEdition: edition,
    securityGroupIds: extra.securityGroupIds ?? [SG.sql],
    ...(type ? { instanceType: type } : {}),
    ...(extra.volumes ? { volumes: extra.volumes } : {}),
  };
  const primary = ctx.instance({
    ...common,
    id: `ec2-${first.id}`,
    name: first.name,
    server: first,
    serverId: first.id,
    zoneIndex: zoneA,
    haRole: 'primary',
  });
  const standby = second
    ? ctx.instance({
        ...common,
        id: `ec2-${second.id}`,
        name: second.name,
        server: second,
        serverId: second.id,
        zoneIndex: zoneB,
        haRole: 'secondary',
      })
    : ctx.instance({
        ...common,
        id: `ec2-${first.id}-replica`,
        name: `${first.name} replica`,
        server: first,
        serverId: null,
        zoneIndex: zoneB,
        haRole: 'secondary',
      });
  return [primary, standby];
}

/**
 * The SQL Server security group: TDS (1433) only from the control room and the application servers
 * (and between the group's own members); HTTPS out for patching.
 */
export function defineSqlGroup(
  ctx: PatternContext,
  description: string,
  traffic: { betweenNodes: boolean; patching: boolean } = { betweenNodes: true, patching: true },
): void {
  const sgs = ctx.securityGroups;
  sgs.define({ id: SG.sql, name: 'SQL Server', description });
  sgs.ingress(
    SG.sql,
    tcp(1433, fromSg(SG.controlRoom), 'SQL Server from the control room'),
    tcp(1433, fromSg(SG.app), 'SQL Server from application servers'),
  );
  if (traffic.betweenNodes) {
    sgs.ingress(SG.sql, tcp(1433, fromSg(SG.sql), 'SQL Server between nodes (seeding, listener)'));
    sgs.egress(SG.sql, tcp(1433, fromSg(SG.sql), 'SQL Server between nodes'));
  }
  if (traffic.patching) sgs.egress(SG.sql, PATCHING_RULE);
}

/**
 * Windows Server Failover Cluster traffic between the SQL nodes (cluster service, RPC, SMB), plus the
 * availability-group endpoint when the pattern replicates databases.
 */
export function addClusterRules(ctx: PatternContext, availabilityGroup: boolean): void {
  const self = fromSg(SG.sql);
  const rules = [
    ...(availabilityGroup ? [tcp(5022, self, 'Availability group endpoint between replicas')] : []),
    tcp(3343, self, 'Windows Server Failover Cluster heartbeat'),
    udp(3343, self, 'Windows Server Failover Cluster heartbeat (UDP)'),
    tcp(135, self, 'RPC endpoint mapper for cluster management'),
    tcp(445, self, 'SMB between cluster nodes'),
    tcpRange(49152, 65535, self, 'RPC dynamic ports for cluster management'),
  ];
  ctx.securityGroups.ingress(SG.sql, ...rules);
  ctx.securityGroups.egress(SG.sql, ...rules);
}

/** The directory's domain name: a subdomain of the project's, so the Route 53 private zone keeps its own. */
export function directoryDomain(domainName: string): string {
  return `ad.${domainName}`;
}

/**
 * AWS Managed Microsoft AD (Standard edition: two domain controllers) in the data subnets of the first
 * two AZs: a Windows Server Failover Cluster needs a domain. Its admin password is generated into
 * Secrets Manager. Every instance resolves names through the directory (the VPC's DHCP options point
 * at it), so every instance group may reach it on DNS; domain members get the full set of AD ports.
 */
export function addDirectory(ctx: PatternContext, members: readonly string[]): void {
  if (ctx.directory) return;
  const letters = ctx.letters.slice(0, 2);
  const subnetIds = letters.map((l) => ctx.subnetId('data', l));
  const cidrs = ctx.tierCidrs('data').slice(0, 2);
  const domainName = directoryDomain(ctx.options.domainName);
  ctx.nodes.push({
    id: NODE.directory,
    name: 'AWS Managed Microsoft AD',
    parentId: NODE.vpc,
    kind: 'directory-service',
    edition: 'Standard',
    domainName,
    subnetIds,
  });
  ctx.nodes.push({
    id: NODE.directorySecret,
    name: 'Directory admin password',
    parentId: ctx.group(GROUP.security),
    kind: 'secrets-manager-secret',
    purpose: `Password of the Admin user of ${domainName}, generated at deployment`,
    kmsKeyId: NODE.logKey,
    rotationDays: null,
  });
  ctx.directory = { subnetIds, cidrs, domainName };
  for (const member of members) addDirectoryClientRules(ctx, member, 'member');
  for (const sg of [SG.controlRoom, SG.bot, SG.app])
    if (ctx.securityGroups.has(sg)) addDirectoryClientRules(ctx, sg, 'dns');
}

/** Egress from a group to the domain controllers: DNS only, or every port a domain member needs. */
export function addDirectoryClientRules(ctx: PatternContext, sg: string, scope: 'member' | 'dns'): void {
  const directory = ctx.directory;
  if (!directory) return;
  const ports = scope === 'member' ? DIRECTORY_PORTS : DNS_PORTS;
  for (const cidr of directory.cidrs)
    for (const p of ports)
      ctx.securityGroups.egress(sg, {
        protocol: p.protocol,
        fromPort: p.from,
        toPort: p.to,
        source: fromCidr(cidr),
        description: `${p.what} to the managed directory`,
      });
}

/**
 * FSx for Windows File Server, Multi-AZ (a file server in each of two AZs with synchronous
 * replication), joined to the managed directory, in the cluster's two AZs.
 */
export function addFsx(
  ctx: PatternContext,
  spec: { id: string; name: string; zones: [number, number]; storageGib: number; throughputMiBps: number },
): FsxNode {
  const sgs = ctx.securityGroups;
  sgs.define({
    id: SG.fsx,
    name: 'FSx file system',
    description: 'FSx for Windows: SMB and remote management from the SQL Server nodes only',
  });
  sgs.ingress(
    SG.fsx,
    tcp(445, fromSg(SG.sql), 'SMB from the SQL Server nodes'),
    tcp(5985, fromSg(SG.sql), 'FSx remote management (PowerShell) from the SQL Server nodes'),
  );
  sgs.egress(
    SG.sql,
    tcp(445, fromSg(SG.fsx), 'SMB to the FSx file system'),
    tcp(5985, fromSg(SG.fsx), 'FSx remote management (PowerShell)'),
  );
  addDirectoryClientRules(ctx, SG.fsx, 'member');
  const node: FsxNode = {
    id: spec.id,
    name: spec.name,
    parentId: NODE.vpc,
    kind: 'fsx-windows',
    deploymentType: 'MULTI_AZ_1',
    storageType: 'SSD',
    storageGib: spec.storageGib,
    throughputMiBps: spec.throughputMiBps,
    automaticBackupRetentionDays: 7,
    subnetIds: spec.zones.map((z) => ctx.subnetId('data', ctx.letters[z] as string)),
    securityGroupIds: [SG.fsx],
    kmsKeyId: ctx.dataKeyId,
    directoryId: NODE.directory,
  };
  ctx.nodes.push(node);
  return node;
}

/** FSx for Windows SSD: 32 GiB at least; Multi-AZ file systems offer 32 MB/s and more. */
export const FSX_MIN_SSD_GIB = 32;
export const FSX_MULTI_AZ_MIN_THROUGHPUT = 32;

/**
 * The file-share witness for the availability groups' clusters: a Multi-AZ FSx file system keeps
 * quorum through the loss of either AZ, where a witness on an instance in one of the two AZs would
 * go down with it (the caveat AWS's SQL Server Quick Start documents). One small file system serves
 * every cluster, a share each.
 */
export function addWitness(ctx: PatternContext): FsxNode {
  const existing = ctx.nodes.find((n): n is FsxNode => n.id === NODE.witness && n.kind === 'fsx-windows');
  if (existing) return existing;
  return addFsx(ctx, {
    id: NODE.witness,
    name: 'File-share witness (FSx Multi-AZ)',
    zones: clusterZones(ctx, 0),
    storageGib: FSX_MIN_SSD_GIB,
    throughputMiBps: FSX_MULTI_AZ_MIN_THROUGHPUT,
  });
}

/** Rounds up to a multiple of `step`. */
export function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/** SQL Server's sizing results, in inventory order (for `fits`). */
export function sqlSizing(inventory: Inventory, sizing: readonly SizingResult[]): SizingResult[] {
  const ids = new Set(inventory.servers.filter((s) => s.role === 'sql').map((s) => s.id));
  return sizing.filter((s) => ids.has(s.serverId));
}

/** "2 servers (SQLPRD01, SQLPRD02)" */
export function namesOf(servers: readonly { name: string }[]): string {
  const names = servers.map((s) => s.name);
  return names.length <= 4
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export { clusterSuffix };

/**
 * The SQL tier of an availability group (Enterprise Always On or Standard basic groups): a two-node
 * pair per cluster in two AZs, synchronous-commit replication, a file-share witness on FSx and the
 * directory the Windows cluster needs; clients connect through the listener.
 */
export function buildAvailabilityGroupTier(
  ctx: PatternContext,
  edition: SqlEdition,
  groupDescription: string,
): SqlTier {
  if (ctx.clusters.length === 0)
    return { endpoints: [], backupSources: [], onEc2: false, connectLabel: '', backupLabel: '' };
  defineSqlGroup(ctx, groupDescription);
  addClusterRules(ctx, true);
  const pairs = ctx.clusters.map((c) => clusterPair(ctx, c, edition));
  addDirectory(ctx, [SG.sql]);
  const witness = addWitness(ctx);
  for (const [primary, secondary] of pairs) {
    ctx.addEdge({
      source: primary.id,
      target: secondary.id,
      kind: 'replication',
      label: 'Synchronous commit 5022',
    });
    ctx.addEdge({
      source: primary.id,
      target: witness.id,
      kind: 'traffic',
      label: 'Quorum witness SMB 445',
    });
  }
  return {
    endpoints: pairs.map(([p]) => p.id),
    backupSources: pairs.map(([p]) => p.id),
    onEc2: true,
    connectLabel: 'SQL 1433 (listener)',
    backupLabel: 'Scheduled backup',
  };
}
