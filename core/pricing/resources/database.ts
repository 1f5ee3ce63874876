import type { NodeOfKind } from '../../model/topology';
import { HOURS_PER_MONTH, Money } from '../../util/money';
import { type ComponentBase, type CostComponent, component } from '../cost-component';
import { type ResolvedUsage, formatCount, usageOrigin } from '../usage';

const RDS_EDITION = { web: 'Web', standard: 'Standard', enterprise: 'Enterprise' } as const;
const RDS_VOLUME = {
  gp3: 'General Purpose-GP3',
  gp2: 'General Purpose',
  io1: 'Provisioned IOPS',
  io2: 'Provisioned IOPS-IO2',
} as const;

/** RDS for SQL Server gp3 storage includes 3,000 IOPS; only what is provisioned above is billed. */
export const RDS_GP3_INCLUDED_IOPS = 3000;

/**
 * RDS for SQL Server, License Included: instance hours (Single-AZ or Multi-AZ, whose prices AWS
 * publishes separately — Multi-AZ Enterprise is not twice Single-AZ), storage, provisioned IOPS, and
 * backup storage beyond the free allowance. Multi-AZ storage is the "SQL Server Mirror" price.
 */
export function rdsSqlServerComponents(
  node: NodeOfKind<'rds-sql-server'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base: ComponentBase = { resourceId: node.id, resourceName: node.name, tier: 'database' };
  const edition = RDS_EDITION[node.edition];
  const deployment = node.multiAz ? 'Multi-AZ' : 'Single-AZ';
  const storageDeployment = node.multiAz ? 'Multi-AZ (SQL Server Mirror)' : 'Single-AZ';
  const volumeType = RDS_VOLUME[node.storageType];
  const platform = `SQL Server ${edition}, License Included, ${deployment}`;
  const out: CostComponent[] = [
    component(base, {
      service: 'Amazon RDS',
      name: `Database instance (${platform}, on-demand, ${node.instanceClass})`,
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AmazonRDS',
        productFamily: 'Database Instance',
        attributes: {
          regionCode: region,
          instanceType: node.instanceClass,
          databaseEngine: 'SQL Server',
          databaseEdition: edition,
          licenseModel: 'License included',
          deploymentOption: deployment,
        },
      },
      priceUnit: 'Hrs',
      attributes: {
        instanceType: node.instanceClass,
        databaseEngine: 'SQL Server',
        databaseEdition: edition,
        licenseModel: 'License included',
        deploymentOption: deployment,
      },
      assumption: null,
      commitment: {
        kind: 'rds-instance',
        name: { prefix: 'Database instance', platform, instanceType: node.instanceClass },
      },
    }),
    component(base, {
      service: 'Amazon RDS',
      name: `Storage (${node.storageType}, ${deployment})`,
      unit: 'GB-months',
      monthlyQuantity: String(node.storageGib),
      filter: {
        serviceCode: 'AmazonRDS',
        productFamily: 'Database Storage',
        attributes: { regionCode: region, deploymentOption: storageDeployment, volumeType },
      },
      priceUnit: 'GB-Mo',
      attributes: { volumeType: node.storageType, deploymentOption: storageDeployment },
      assumption: null,
    }),
  ];
  const billedIops =
    node.storageType === 'gp3'
      ? Math.max(0, node.iops - RDS_GP3_INCLUDED_IOPS)
      : node.storageType === 'io1' || node.storageType === 'io2'
        ? node.iops
        : 0;
  if (billedIops > 0)
    out.push(
      component(base, {
        service: 'Amazon RDS',
        name:
          node.storageType === 'gp3'
            ? `Provisioned IOPS above ${RDS_GP3_INCLUDED_IOPS} (gp3, ${deployment})`
            : `Provisioned IOPS (${node.storageType}, ${deployment})`,
        unit: 'IOPS-months',
        monthlyQuantity: String(billedIops),
        filter: {
          serviceCode: 'AmazonRDS',
          productFamily: 'Provisioned IOPS',
          attributes: { regionCode: region, deploymentOption: storageDeployment, volumeType },
        },
        priceUnit: 'IOPS-Mo',
        attributes: { volumeType: node.storageType },
        assumption: null,
      }),
    );
  if (node.backupRetentionDays > 0) {
    const gb = usage.values.rdsBackupBeyondFreeGbMonth;
    out.push(
      component(base, {
        service: 'Amazon RDS',
        name: 'Backup storage beyond the free allowance',
        unit: 'GB-months',
        monthlyQuantity: String(gb),
        filter: {
          serviceCode: 'AmazonRDS',
          productFamily: 'Storage Snapshot',
          attributes: { regionCode: region },
          contains: { usagetype: 'RDS:ChargedBackupUsage' },
        },
        priceUnit: 'GB-Mo',
        attributes: {},
        assumption: `${formatCount(gb)} GB of backups beyond the free allowance, which equals the ${formatCount(node.storageGib)} GB provisioned (${node.backupRetentionDays}-day retention) ${usageOrigin(usage, 'rdsBackupBeyondFreeGbMonth')}`,
        usageKeys: ['rdsBackupBeyondFreeGbMonth'],
      }),
    );
  }
  return out;
}

/**
 * FSx for Windows File Server: storage (SSD or HDD), throughput capacity, and backups while automatic
 * backups are on. Single-AZ and Multi-AZ are priced differently.
 */
export function fsxWindowsComponents(
  node: NodeOfKind<'fsx-windows'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base: ComponentBase = { resourceId: node.id, resourceName: node.name, tier: 'database' };
  const deploymentOption = node.deploymentType === 'MULTI_AZ_1' ? 'Multi-AZ' : 'Single-AZ';
  const attrs = { regionCode: region, fileSystemType: 'Windows', deploymentOption };
  const out: CostComponent[] = [
    component(base, {
      service: 'Amazon FSx',
      name: `${node.storageType} storage (${deploymentOption})`,
      unit: 'GB-months',
      monthlyQuantity: String(node.storageGib),
      filter: {
        serviceCode: 'AmazonFSx',
        productFamily: 'Storage',
        attributes: { ...attrs, storageType: node.storageType },
      },
      priceUnit: 'GB-Mo',
      attributes: { deploymentOption, storageType: node.storageType },
      assumption: null,
    }),
    component(base, {
      service: 'Amazon FSx',
      name: `Throughput capacity (${deploymentOption})`,
      unit: 'MBps-months',
      monthlyQuantity: String(node.throughputMiBps),
      filter: { serviceCode: 'AmazonFSx', productFamily: 'Provisioned Throughput', attributes: attrs },
      priceUnit: ['MBps-Mo', 'MiBps-Mo'],
      attributes: { deploymentOption },
      assumption: null,
    }),
  ];
  if (node.automaticBackupRetentionDays > 0) {
    const pct = usage.values.fsxBackupPercentOfStorage;
    out.push(
      component(base, {
        service: 'Amazon FSx',
        name: `Backup storage (${deploymentOption})`,
        unit: 'GB-months',
        monthlyQuantity: new Money(node.storageGib).times(pct).div(100).toFixed(),
        filter: {
          serviceCode: 'AmazonFSx',
          productFamily: 'Storage',
          attributes: attrs,
          contains: { usagetype: 'BackupUsage' },
        },
        priceUnit: 'GB-Mo',
        attributes: { deploymentOption },
        assumption: `Backups (${node.automaticBackupRetentionDays}-day retention) hold ${formatCount(pct)}% of the ${formatCount(node.storageGib)} GB file system ${usageOrigin(usage, 'fsxBackupPercentOfStorage')}`,
        usageKeys: ['fsxBackupPercentOfStorage'],
      }),
    );
  }
  return out;
}
