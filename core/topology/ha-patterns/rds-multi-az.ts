import type { NodeOfKind } from '../../model/topology';
import { NODE, SG } from '../design-ids';
import {
  atLeastStandard,
  clusterEdition,
  defineSqlGroup,
  largestChosen,
  namesOf,
  roundUp,
  sqlClusters,
  sqlSizing,
} from './shared';
import type { HaPattern, SqlTier } from './types';

/** RDS for SQL Server storage: 20 GiB to 16 TiB; gp3 includes 3,000 IOPS and allows up to 64,000. */
export const RDS_MIN_STORAGE_GIB = 20;
export const RDS_MAX_STORAGE_GIB = 16_384;
export const RDS_GP3_BASE_IOPS = 3000;
export const RDS_GP3_MAX_IOPS = 64_000;

/** Instance families RDS for SQL Server offers (Standard and Enterprise editions). */
const RDS_FAMILIES: ReadonlySet<string> = new Set([
  'm5',
  'm5d',
  'm6i',
  'r5',
  'r5b',
  'r5d',
  'r6i',
  'x2iedn',
  'z1d',
]);
/** Sizes of the current general-purpose and memory-optimised RDS classes, smallest first. */
const RDS_SIZES = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '32xlarge',
];

/** vCPUs of an EC2 size name on x86 families: large 2, xlarge 4, 2xlarge 8… (metal as 96). */
function vcpuOfSize(size: string): number {
  if (size === 'metal') return 96;
  if (size === 'xlarge') return 4;
  if (size === 'large') return 2;
  const m = /^(\d+)xlarge$/.exec(size);
  return m ? Number(m[1]) * 4 : 1;
}

/**
 * The RDS class for an EC2 type sized for a SQL Server: the same type where RDS offers it, else the
 * smallest db.m6i (compute and general purpose) or db.r6i (memory optimised) size with at least as
 * many vCPUs; both give at least the memory per vCPU of the type they replace. Enterprise edition
 * starts at xlarge.
 */
export function rdsClassFor(instanceType: string | undefined, edition: 'standard' | 'enterprise'): string {
  if (!instanceType || instanceType.startsWith('unsized.')) return 'db.unsized.none';
  const [family = '', size = ''] = instanceType.split('.');
  const minIndex = edition === 'enterprise' ? 1 : 0;
  if (RDS_FAMILIES.has(family) && RDS_SIZES.indexOf(size) >= minIndex) return `db.${instanceType}`;
  // Same family, bigger size (Enterprise's minimum), or the m6i/r6i class of the same vCPUs.
  const target =
    RDS_FAMILIES.has(family) && RDS_SIZES.includes(size) ? family : /^[rxz]/.test(family) ? 'r6i' : 'm6i';
  const vcpu = vcpuOfSize(size);
  let index = RDS_SIZES.findIndex((s) => vcpuOfSize(s) >= vcpu);
  if (index < 0) index = RDS_SIZES.length - 1;
  return `db.${target}.${RDS_SIZES[Math.max(index, minIndex)] as string}`;
}

/**
 * Amazon RDS for SQL Server, Multi-AZ: each pair of the inventory's SQL Servers maps onto one DB
 * instance with a synchronous standby in another AZ that RDS manages. No SQL Server EC2 instances.
 */
export const rdsMultiAz: HaPattern = {
  id: 'rds-multi-az',
  title: 'Amazon RDS for SQL Server (Multi-AZ)',
  summary:
    'AWS runs SQL Server: a primary and a synchronous standby in another AZ, automatic failover, automated backups and patching.',
  highlyAvailable: true,
  edition: (inventoryEdition) => atLeastStandard(inventoryEdition),
  licensing:
    'SQL Server License Included in the RDS price, in the inventory’s edition (Standard or Enterprise); the standby is part of the Multi-AZ price.',
  rpo: '0 for a failover (synchronous standby); point-in-time restore to within 5 minutes',
  rto: '1–2 minutes: RDS fails over and points the endpoint’s DNS name at the standby',
  serverFailure: 'RDS fails over to the standby automatically; the endpoint name stays the same.',
  azFailure: 'The standby in the other AZ becomes the primary; RDS then builds a new standby.',
  constraints: [
    'No operating-system access: no RDP, agents or other software on the database server.',
    'Up to 16 TiB of storage and 100 databases per DB instance (fewer on small classes).',
    'Some SQL Server features are unavailable or limited (e.g. FILESTREAM, Maintenance Plans, SSIS/SSRS on the same host): check with the DBA.',
  ],
  operations: [
    'AWS patches in the maintenance window, takes daily snapshots and transaction-log backups (7 days here) and fails over.',
    'Native .bak backups go to the S3 bucket through the SQLSERVER_BACKUP_RESTORE option.',
    'The master password lives in Secrets Manager, created and rotated by RDS.',
  ],
  fits(inventory, sizing) {
    const clusters = sqlClusters(inventory);
    if (clusters.length === 0)
      return { fits: true, reasons: ['The inventory has no SQL Server: the pattern changes nothing.'] };
    const sizingById = new Map(sqlSizing(inventory, sizing).map((s) => [s.serverId, s]));
    let fits = true;
    const reasons: string[] = [];
    for (const c of clusters) {
      const data = Math.max(...c.servers.map((s) => s.storageGib));
      const edition = atLeastStandard(clusterEdition(c.servers)) as 'standard' | 'enterprise';
      const dbClass = rdsClassFor(largestChosen(c.servers, sizingById)?.instanceType, edition);
      if (data > RDS_MAX_STORAGE_GIB) {
        fits = false;
        reasons.push(`${namesOf(c.servers)} holds ${data} GiB: more than RDS's ${RDS_MAX_STORAGE_GIB} GiB.`);
      } else if (dbClass === 'db.unsized.none') {
        fits = false;
        reasons.push(
          `${namesOf(c.servers)} has no instance type that fits its load, so no RDS class either.`,
        );
      } else reasons.push(`${namesOf(c.servers)} map onto one ${dbClass} Multi-AZ DB instance.`);
    }
    return { fits, reasons };
  },
  build(ctx): SqlTier {
    if (ctx.clusters.length === 0)
      return { endpoints: [], backupSources: [], onEc2: false, connectLabel: '', backupLabel: '' };
    defineSqlGroup(ctx, 'RDS for SQL Server: TDS from the application tier only', {
      betweenNodes: false,
      patching: false,
    });
    const dataSubnets = ctx.letters.map((l) => ctx.subnetId('data', l));
    const endpoints: string[] = [];
    for (const cluster of ctx.clusters) {
      const first = cluster.servers[0] as (typeof cluster.servers)[number];
      const edition = atLeastStandard(clusterEdition(cluster.servers)) as 'standard' | 'enterprise';
      const data = Math.max(...cluster.servers.map((s) => s.storageGib));
      const iops = Math.max(...cluster.servers.map((s) => s.diskIopsP95 ?? 0));
      const node: NodeOfKind<'rds-sql-server'> = {
        id: `rds-${first.id}`,
        name: `${namesOf(cluster.servers)} on RDS`,
        parentId: NODE.vpc,
        kind: 'rds-sql-server',
        instanceClass: rdsClassFor(largestChosen(cluster.servers, ctx.sizingById)?.instanceType, edition),
        edition,
        multiAz: true,
        storageType: 'gp3',
        storageGib: Math.min(RDS_MAX_STORAGE_GIB, Math.max(RDS_MIN_STORAGE_GIB, roundUp(data, 10))),
        iops: Math.min(RDS_GP3_MAX_IOPS, Math.max(RDS_GP3_BASE_IOPS, Math.ceil(iops))),
        encrypted: true,
        kmsKeyId: ctx.dataKeyId,
        backupRetentionDays: 7,
        subnetIds: dataSubnets,
        securityGroupIds: [SG.sql],
        serverIds: cluster.servers.map((s) => s.id),
      };
      ctx.nodes.push(node);
      endpoints.push(node.id);
    }
    return {
      endpoints,
      backupSources: endpoints,
      onEc2: false,
      connectLabel: 'SQL 1433',
      backupLabel: 'Native backup to S3',
    };
  },
};
