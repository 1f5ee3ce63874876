import type { Inventory } from '../model/inventory';
import type { PlanOptions } from '../model/options';
import type { Ec2Node, Topology } from '../model/topology';
import type { SizingResult } from '../sizing/size-server';
import { cpuOptionsFor, volumesFromSizing } from '../sizing/instance-settings';
import { addAccountServices } from './account-services';
import { addAppServers, defineTierGroups } from './app-tier';
import { createDesignContext, type DesignContext, type InstanceRequest } from './design-context';
import { GROUP, NODE, SG } from './design-ids';
import { addEdgeServices } from './edge';
import { addVpcEndpoints } from './endpoints';
import { haPattern } from './ha-patterns';
import { addHybrid, rdpGroups } from './hybrid';
import { volumesFor } from './instance-volumes';
import { addNetwork } from './network';
import { buildNetworkAcls } from './network-acls';

export { MIN_DATA_VOLUME_GIB, ROOT_VOLUME_GIB, volumesFor } from './instance-volumes';
export { SG } from './design-ids';

/** Backups kept in S3, as a multiple of the SQL data size: about two weeks of compressed fulls and logs. */
export const BACKUP_STORAGE_FACTOR = 2;

/** An EC2 node for a request: the sized type (or the cluster's), the server's disks, IMDSv2, recovery. */
function instanceNode(ctx: DesignContext, r: InstanceRequest): Ec2Node {
  const letter = ctx.letters[r.zoneIndex] as string;
  const sizing = ctx.sizingById.get(r.server.id);
  return {
    id: r.id,
    name: r.name,
    parentId: ctx.subnetId(r.tier, letter),
    kind: 'ec2-instance',
    role: r.server.role,
    serverId: r.serverId,
    // A server nothing fits keeps a placeholder the checks and the estimate flag; the sizing issue explains it.
    instanceType: r.instanceType ?? sizing?.chosen?.instanceType ?? 'unsized.none',
    operatingSystem: 'windows',
    sqlEdition: r.sqlEdition,
    sqlLicense: 'license-included',
    haRole: r.haRole,
    zone: ctx.zones[r.zoneIndex] as string,
    volumes: r.volumes ?? volumesFromSizing(sizing) ?? volumesFor(r.server),
    securityGroupIds: r.securityGroupIds,
    associatePublicIp: false,
    imdsV2Required: true,
    autoRecovery: true,
    optimizeCpu: cpuOptionsFor(r.instanceType ?? sizing?.chosen?.instanceType, sizing, ctx.sizingById),
    instanceRole: r.server.role === 'sql' ? 'sql-backup' : 'ssm-managed',
  };
}

/**
 * The proposed AWS design for an inventory: VPC with public, app and data subnets in 2 or 3 AZs, NAT
 * gateways, the ALB with WAF, the application servers, SQL Server as the chosen HA pattern builds it
 * (ha-patterns/), backups and keys, VPC endpoints, the Route 53 private zone, the link to the data
 * centre, the account services, security groups and network ACLs.
 *
 * Deterministic: the same inventory, sizing and options give the same topology, ids included. Linear
 * in the number of servers (5,000 servers plan in tens of milliseconds).
 */
export function buildTopology(
  inventory: Inventory,
  sizing: readonly SizingResult[],
  options: PlanOptions,
): Topology {
  const ctx = createDesignContext(inventory, sizing, options, instanceNode);
  const clusters = ctx.clusters;
  const hasSql = clusters.length > 0;

  addNetwork(ctx);
  defineTierGroups(ctx, hasSql);
  const byRole = addAppServers(ctx);

  const sql = haPattern(options.sqlHa).build(ctx);

  const controlRooms = byRole.get('control-room') ?? [];
  addEdgeServices(ctx, controlRooms);

  // Each bot talks to a control room in its own AZ where there is one.
  const zoneOf = new Map(ctx.nodes.filter((n) => n.kind === 'ec2-instance').map((n) => [n.id, n.zone]));
  const crByZone = new Map<string, string>();
  for (const cr of controlRooms)
    if (!crByZone.has(zoneOf.get(cr) ?? '')) crByZone.set(zoneOf.get(cr) ?? '', cr);
  for (const bot of byRole.get('bot') ?? []) {
    const cr = crByZone.get(zoneOf.get(bot) ?? '') ?? controlRooms[0];
    if (cr) ctx.addEdge({ source: bot, target: cr, kind: 'traffic', label: 'HTTPS 443' });
  }
  // The inventory does not say which application uses which database: with several SQL Server
  // clusters, clients are drawn to them in turn.
  const clients = [
    ...controlRooms,
    ...(byRole.get('web') ?? []),
    ...(byRole.get('app') ?? []),
    ...(byRole.get('other') ?? []),
  ];
  if (sql.endpoints.length > 0) {
    clients.forEach((client, i) => {
      const target = sql.endpoints[i % sql.endpoints.length] as string;
      ctx.addEdge({ source: client, target, kind: 'traffic', label: sql.connectLabel });
    });
  }

  // Backups and keys.
  const storage = ctx.group(GROUP.storage);
  ctx.nodes.push({
    id: NODE.mainKey,
    name: 'KMS key (EBS and backups)',
    parentId: storage,
    kind: 'kms-key',
    rotation: true,
    purpose: 'Encrypts EBS volumes, SQL Server backups and database storage',
  });
  ctx.nodes.push({
    id: NODE.logKey,
    name: 'KMS key (logs and secrets)',
    parentId: storage,
    kind: 'kms-key',
    rotation: true,
    purpose: 'Encrypts CloudTrail logs, CloudWatch log groups and Secrets Manager secrets',
  });
  if (hasSql) {
    // One set of databases per cluster: the largest server of each pair holds it.
    const sqlDataGib = clusters.reduce((acc, c) => acc + Math.max(...c.servers.map((s) => s.storageGib)), 0);
    ctx.nodes.push({
      id: NODE.backupBucket,
      name: 'SQL backup bucket',
      parentId: storage,
      kind: 's3-bucket',
      purpose: 'backup',
      encryption: 'sse-kms',
      kmsKeyId: NODE.mainKey,
      versioning: true,
      publicAccessBlocked: true,
      lifecycle: { transitionDays: 30, expireDays: 90 },
      storageGib: Math.ceil(sqlDataGib * BACKUP_STORAGE_FACTOR),
    });
    for (const source of sql.backupSources)
      ctx.addEdge({ source, target: NODE.backupBucket, kind: 'backup', label: sql.backupLabel });
  }

  // Instance groups that exist in this design, for the endpoints, the directory's DNS and RDP.
  const instanceGroups = [SG.controlRoom, SG.bot, SG.app, ...(sql.onEc2 ? [SG.sql] : [])];
  addVpcEndpoints(ctx, instanceGroups);

  ctx.nodes.push({
    id: NODE.privateZone,
    name: 'Route 53 private zone',
    parentId: ctx.group(GROUP.operations),
    kind: 'route53-zone',
    domainName: options.domainName,
    privateZone: true,
  });

  const ec2Roles = [...new Set(ctx.nodes.flatMap((n) => (n.kind === 'ec2-instance' ? [n.role] : [])))];
  const rdsCount = ctx.nodes.filter((n) => n.kind === 'rds-sql-server').length;
  const fsxCount = ctx.nodes.filter((n) => n.kind === 'fsx-windows').length;
  addAccountServices(ctx, {
    roles: ec2Roles,
    hasSql,
    sqlOnEc2: sql.onEc2,
    hasWaf: controlRooms.length > 0,
    serviceAlarms: rdsCount * 2 + fsxCount + (controlRooms.length > 0 ? 2 : 0),
  });

  addHybrid(ctx, {
    rdpGroups: rdpGroups(ctx, sql.onEc2),
    adminTargets: [
      ...(controlRooms[0] ? [controlRooms[0]] : []),
      ...(sql.onEc2 ? sql.endpoints.slice(0, 1) : []),
    ],
  });

  const networkAcls = buildNetworkAcls(ctx, { directory: ctx.directory !== null });
  return {
    region: options.region,
    nodes: [...ctx.nodes, ...ctx.finishGroups()],
    edges: ctx.edges,
    securityGroups: ctx.securityGroups.build(),
    networkAcls,
  };
}
