import { ROOT_VOLUME_GIB } from '../instance-volumes';
import { SG, clusterSuffix } from '../design-ids';
import {
  FSX_MIN_SSD_GIB,
  addClusterRules,
  addDirectory,
  addFsx,
  atLeastStandard,
  clusterEdition,
  clusterPair,
  clusterZones,
  defineSqlGroup,
  namesOf,
  roundUp,
  sqlClusters,
} from './shared';
import type { HaPattern, SqlTier } from './types';

/** FSx for Windows SSD holds up to 65,536 GiB. */
export const FSX_MAX_SSD_GIB = 65_536;

/**
 * Throughput capacity for a file system holding SQL Server databases: it sets the file server's
 * network bandwidth and memory cache, so it grows with the data. 128 MB/s up to 2 TiB, 256 MB/s up to
 * 8 TiB, 512 MB/s beyond; raise it when the measured I/O needs more.
 */
export function fsxThroughputFor(storageGib: number): number {
  if (storageGib <= 2048) return 128;
  if (storageGib <= 8192) return 256;
  return 512;
}

/** Local disk of an FCI node: tempdb and backups staged before they go to S3, about 30 % of the data. */
export function fciLocalDiskGib(dataGib: number): number {
  return Math.max(50, roundUp(dataGib * 0.3, 10));
}

/**
 * Failover cluster instance on FSx for Windows File Server Multi-AZ: two nodes in two AZs share one
 * copy of the databases on continuously available SMB shares; the whole SQL Server instance fails
 * over. The witness is a share on the same Multi-AZ file system.
 */
export const fciFsx: HaPattern = {
  id: 'fci-fsx',
  title: 'Failover cluster instance on FSx (Multi-AZ)',
  summary:
    'Two nodes in two AZs share the databases on FSx for Windows File Server Multi-AZ; the whole instance fails over.',
  highlyAvailable: true,
  edition: (inventoryEdition) => atLeastStandard(inventoryEdition),
  licensing:
    'SQL Server License Included on both nodes, in the inventory’s edition (Standard is enough for a two-node failover cluster).',
  rpo: '0: one copy of the data, written synchronously to both AZs by FSx',
  rto: '1–5 minutes: SQL Server restarts on the other node and recovers its databases',
  serverFailure: 'The cluster starts the SQL Server instance on the other node, with the same data.',
  azFailure:
    'FSx fails over to its file server in the other AZ and the cluster starts SQL Server on the surviving node.',
  constraints: [
    'A Windows domain: AWS Managed Microsoft AD is part of the design (FSx and the cluster join it).',
    'Database I/O goes over SMB to FSx: throughput capacity and SSD size set performance.',
    'One SQL Server instance per cluster: logins, jobs and certificates fail over with it.',
  ],
  operations: [
    'FSx patches itself in a weekly maintenance window, with a brief failover between its file servers.',
    'Databases are not on EBS: protect them with SQL Server backups to S3 and FSx daily backups (7 days).',
    'Patch the passive node first, move the instance, then patch the other node.',
  ],
  fits(inventory) {
    const clusters = sqlClusters(inventory);
    if (clusters.length === 0)
      return { fits: true, reasons: ['The inventory has no SQL Server: the pattern changes nothing.'] };
    let fits = true;
    const reasons: string[] = [];
    for (const c of clusters) {
      const data = Math.max(...c.servers.map((s) => s.storageGib));
      if (data > FSX_MAX_SSD_GIB) {
        fits = false;
        reasons.push(
          `${namesOf(c.servers)} holds ${data} GiB: more than an FSx SSD file system's ${FSX_MAX_SSD_GIB} GiB.`,
        );
      } else
        reasons.push(
          `${namesOf(c.servers)}: ${Math.max(FSX_MIN_SSD_GIB, roundUp(data, 10))} GiB on FSx at ${fsxThroughputFor(data)} MB/s, shared by two nodes in two AZs.`,
        );
    }
    const editions = new Set(clusters.map((c) => atLeastStandard(clusterEdition(c.servers))));
    reasons.push(
      editions.has('enterprise')
        ? 'The inventory runs Enterprise: the pattern keeps it, though a two-node failover cluster also runs on Standard.'
        : 'Standard edition is enough for a two-node failover cluster.',
    );
    return { fits, reasons };
  },
  build(ctx): SqlTier {
    if (ctx.clusters.length === 0)
      return { endpoints: [], backupSources: [], onEc2: false, connectLabel: '', backupLabel: '' };
    defineSqlGroup(
      ctx,
      'SQL Server failover cluster: TDS from the application tier; cluster traffic between nodes; SMB to FSx',
    );
    addClusterRules(ctx, false);
    addDirectory(ctx, [SG.sql]);
    const endpoints: string[] = [];
    for (const cluster of ctx.clusters) {
      const data = Math.max(...cluster.servers.map((s) => s.storageGib));
      const edition = atLeastStandard(clusterEdition(cluster.servers));
      const local = fciLocalDiskGib(data);
      const [primary, secondary] = clusterPair(ctx, cluster, edition, {
        volumes: [
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
            sizeGib: local,
            type: 'gp3',
            iops: 3000,
            throughputMiBps: 125,
            encrypted: true,
          },
        ],
      });
      const fsx = addFsx(ctx, {
        id: `fsx-sql${clusterSuffix(cluster.index)}`,
        name: `${namesOf(cluster.servers)} shared storage (FSx Multi-AZ)`,
        zones: clusterZones(ctx, cluster.index),
        storageGib: Math.min(FSX_MAX_SSD_GIB, Math.max(FSX_MIN_SSD_GIB, roundUp(data, 10))),
        throughputMiBps: fsxThroughputFor(data),
      });
      ctx.addEdge({ source: primary.id, target: fsx.id, kind: 'traffic', label: 'Shared storage SMB 445' });
      ctx.addEdge({ source: secondary.id, target: fsx.id, kind: 'traffic', label: 'Shared storage SMB 445' });
      endpoints.push(primary.id);
    }
    return {
      endpoints,
      backupSources: endpoints,
      onEc2: true,
      connectLabel: 'SQL 1433 (cluster name)',
      backupLabel: 'Scheduled backup',
    };
  },
};
