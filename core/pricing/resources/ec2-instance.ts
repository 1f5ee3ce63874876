import type { SqlEdition } from '../../model/inventory';
import type { Ec2Node, Volume } from '../../model/topology';
import { HOURS_PER_MONTH, Money } from '../../util/money';
import { type ComponentBase, type CostComponent, component } from '../cost-component';
import type { PriceFilter } from '../price-filter';
import { PRE_INSTALLED_SW } from '../snapshot';
import { tierForRole } from '../tiers';
import { type ResolvedUsage, formatCount, usageOrigin } from '../usage';
import { ebsVolumeComponents } from './ebs-volume';

/** Licence-included software for an edition; Express is free, so it runs on the plain Windows price. */
export function preInstalledSwFor(edition: SqlEdition): string {
  switch (edition) {
    case 'web':
      return PRE_INSTALLED_SW.web;
    case 'standard':
      return PRE_INSTALLED_SW.standard;
    case 'enterprise':
      return PRE_INSTALLED_SW.enterprise;
    case 'none':
    case 'express':
      return PRE_INSTALLED_SW.none;
  }
}

export function platformLabel(edition: SqlEdition): string {
  switch (edition) {
    case 'web':
      return 'Windows with SQL Server Web';
    case 'standard':
      return 'Windows with SQL Server Standard';
    case 'enterprise':
      return 'Windows with SQL Server Enterprise';
    case 'none':
    case 'express':
      return 'Windows';
  }
}

/** AWS bills SQL Server Standard and Enterprise for at least 4 vCPU (pricing-source README). */
export function minimumLicensedVcpu(edition: SqlEdition): number {
  return edition === 'standard' || edition === 'enterprise' ? 4 : 1;
}

/** The price filter for an instance's hourly On-Demand rate, License Included (what sizing compares). */
export function ec2InstanceFilter(region: string, instanceType: string, edition: SqlEdition): PriceFilter {
  return {
    serviceCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    attributes: {
      regionCode: region,
      instanceType,
      operatingSystem: 'Windows',
      preInstalledSw: preInstalledSwFor(edition),
      licenseModel: 'No License required',
      tenancy: 'Shared',
      capacitystatus: 'Used',
    },
  };
}

export function linuxInstanceFilter(region: string, instanceType: string): PriceFilter {
  return {
    serviceCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    attributes: {
      regionCode: region,
      instanceType,
      operatingSystem: 'Linux',
      preInstalledSw: 'NA',
      licenseModel: 'No License required',
      tenancy: 'Shared',
      capacitystatus: 'Used',
    },
  };
}

/**
 * The typed arguments EC2 pricing works from (infracost's resource args): what the topology node
 * says, plus the licensing choices AWS allows on shared tenancy. Windows Server itself cannot be
 * brought (BYOL needs Dedicated Hosts); SQL Server can, under License Mobility, in which case the
 * instance runs on the Windows License Included price.
 */
export interface Ec2PricingArgs {
  instanceType: string;
  platform: 'windows' | 'linux';
  sqlEdition: SqlEdition;
  sqlLicense: 'license-included' | 'byol';
  /** Optimize CPUs: active cores × threads per core; null = every vCPU active. */
  optimizeCpu: { coreCount: number; threadsPerCore: number } | null;
  volumes: readonly Volume[];
  associatePublicIp: boolean;
  autoRecovery: boolean;
  /** A SQL Server replica in another AZ than the primary: its replication traffic crosses AZs. */
  crossAzReplica: boolean;
}

/** What the topology node says. */
export function ec2ArgsFromNode(node: Ec2Node): Ec2PricingArgs {
  return {
    instanceType: node.instanceType,
    platform: node.operatingSystem,
    sqlEdition: node.sqlEdition,
    sqlLicense: node.sqlLicense,
    optimizeCpu: node.optimizeCpu,
    volumes: node.volumes,
    associatePublicIp: node.associatePublicIp,
    autoRecovery: node.autoRecovery,
    crossAzReplica: node.haRole === 'secondary',
  };
}

function instanceComponent(base: ComponentBase, args: Ec2PricingArgs, region: string): CostComponent {
  const linux = linuxInstanceFilter(region, args.instanceType);
  const active = args.optimizeCpu ? args.optimizeCpu.coreCount * args.optimizeCpu.threadsPerCore : null;
  const hours = {
    service: 'Amazon EC2',
    unit: 'hours',
    monthlyQuantity: String(HOURS_PER_MONTH),
    priceUnit: 'Hrs',
    assumption: null,
  } as const;
  if (args.platform === 'linux')
    return component(base, {
      service: hours.service,
      unit: hours.unit,
      monthlyQuantity: hours.monthlyQuantity,
      priceUnit: hours.priceUnit,
      assumption: null,
      name: `Instance usage (Linux, on-demand, ${args.instanceType})`,
      filter: linux,
      attributes: {
        instanceType: args.instanceType,
        operatingSystem: 'Linux',
        licenseModel: 'No License required',
        preInstalledSw: 'NA',
      },
      commitment: {
        kind: 'ec2-instance',
        linuxFilter: linux,
        licence: null,
        name: { prefix: 'Instance usage', platform: 'Linux', instanceType: args.instanceType },
      },
    });
  const byol = args.sqlLicense === 'byol' && args.sqlEdition !== 'none' && args.sqlEdition !== 'express';
  const edition: SqlEdition = byol ? 'none' : args.sqlEdition;
  const label = byol ? `Windows, SQL Server ${args.sqlEdition} BYOL` : platformLabel(edition);
  const attributes: Record<string, string> = {
    instanceType: args.instanceType,
    operatingSystem: 'Windows',
    licenseModel: byol ? 'License Included (Windows); SQL Server bring your own licence' : 'License Included',
    preInstalledSw: preInstalledSwFor(edition),
  };
  if (active !== null) attributes.activeVcpu = String(active);
  return component(base, {
    service: hours.service,
    unit: hours.unit,
    monthlyQuantity: hours.monthlyQuantity,
    priceUnit: hours.priceUnit,
    assumption: null,
    name: `Instance usage (${label}, on-demand, ${args.instanceType})`,
    filter: ec2InstanceFilter(region, args.instanceType, edition),
    attributes,
    commitment: {
      kind: 'ec2-instance',
      linuxFilter: linux,
      licence: {
        label: platformLabel(edition),
        activeVcpu: active,
        minimumVcpu: minimumLicensedVcpu(edition),
      },
      name: { prefix: 'Instance usage', platform: label, instanceType: args.instanceType },
    },
  });
}

/**
 * Instance hours (730 a month, always on), its EBS volumes and snapshots, a public IPv4 address if it
 * has one, the auto-recovery alarm, and for a SQL Server replica in another AZ the replication traffic.
 */
export function ec2InstanceComponents(
  node: Pick<Ec2Node, 'id' | 'name' | 'role'>,
  args: Ec2PricingArgs,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base: ComponentBase = { resourceId: node.id, resourceName: node.name, tier: tierForRole(node.role) };
  const out: CostComponent[] = [instanceComponent(base, args, region)];
  for (const v of args.volumes) out.push(...ebsVolumeComponents(base, v, region));
  const totalGib = args.volumes.reduce((a, v) => a + v.sizeGib, 0);
  const pct = usage.values.ebsSnapshotPercentOfVolume;
  if (totalGib > 0 && pct > 0) {
    const gb = new Money(totalGib).times(pct).div(100);
    out.push(
      component(base, {
        service: 'Amazon EBS',
        name: 'EBS snapshots (incremental)',
        unit: 'GB-months',
        monthlyQuantity: gb.toFixed(),
        filter: {
          serviceCode: 'AmazonEC2',
          productFamily: 'Storage Snapshot',
          attributes: { regionCode: region },
          contains: { usagetype: 'EBS:SnapshotUsage' },
        },
        priceUnit: 'GB-Mo',
        attributes: {},
        assumption: `Snapshots keep ${formatCount(pct)}% of the ${formatCount(totalGib)} GiB provisioned as changed blocks ${usageOrigin(usage, 'ebsSnapshotPercentOfVolume')}`,
        usageKeys: ['ebsSnapshotPercentOfVolume'],
      }),
    );
  }
  if (args.associatePublicIp) out.push(publicIpv4Component(base, region, 1, 'instance'));
  if (args.autoRecovery)
    out.push(
      component(base, {
        service: 'Amazon CloudWatch',
        name: 'Alarm (auto-recovery, standard resolution)',
        unit: 'alarms',
        monthlyQuantity: '1',
        filter: {
          serviceCode: 'AmazonCloudWatch',
          productFamily: 'Alarm',
          attributes: { regionCode: region, alarmType: 'Standard' },
        },
        priceUnit: 'Alarms',
        attributes: {},
        assumption: null,
      }),
    );
  if (args.crossAzReplica) {
    const gb = usage.values.sqlReplicationGbPerReplicaMonth;
    out.push(
      component(base, {
        service: 'AWS Data Transfer',
        name: 'Cross-AZ data transfer (SQL Server replication, both directions)',
        unit: 'GB',
        // AWS charges cross-AZ transfer on the way out of one AZ and into the other.
        monthlyQuantity: String(gb * 2),
        filter: {
          serviceCode: 'AWSDataTransfer',
          productFamily: 'Data Transfer',
          attributes: { regionCode: region, transferType: 'IntraRegion' },
        },
        priceUnit: 'GB',
        attributes: {},
        assumption: `${formatCount(gb)} GB a month of log and seeding traffic to this replica, charged out and in ${usageOrigin(usage, 'sqlReplicationGbPerReplicaMonth')}`,
        usageKeys: ['sqlReplicationGbPerReplicaMonth'],
      }),
    );
  }
  return out;
}

/** Public IPv4 addresses, charged per address-hour since February 2024. */
export function publicIpv4Component(
  base: ComponentBase,
  region: string,
  count: number,
  what: string,
): CostComponent {
  return component(base, {
    service: 'Amazon VPC',
    name: `Public IPv4 address${count === 1 ? '' : 'es'} (${what})`,
    unit: 'hours',
    monthlyQuantity: String(count * HOURS_PER_MONTH),
    filter: {
      serviceCode: 'AmazonVPC',
      productFamily: 'VPC Public IPv4 Address',
      attributes: { regionCode: region },
      contains: { usagetype: 'PublicIPv4:InUseAddress' },
    },
    priceUnit: 'Hrs',
    attributes: {},
    assumption: null,
  });
}
