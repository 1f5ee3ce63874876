import type { Ec2Node } from '../../model/topology';
import type { SqlEdition } from '../../model/inventory';
import { HOURS_PER_MONTH } from '../../util/money';
import type { CostComponent } from '../cost-component';
import { PRE_INSTALLED_SW } from '../snapshot';
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

/** The price filter for an instance's hourly On-Demand rate, License Included. */
export function ec2InstanceFilter(
  region: string,
  instanceType: string,
  edition: SqlEdition,
): CostComponent['filter'] {
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

/** Instance hours (730 a month, always on) plus its EBS volumes. */
export function ec2InstanceComponents(node: Ec2Node, region: string): CostComponent[] {
  const platform = platformLabel(node.sqlEdition);
  return [
    {
      resourceId: node.id,
      resourceName: node.name,
      service: 'Amazon EC2',
      name: `Instance usage (${platform}, on-demand, ${node.instanceType})`,
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: ec2InstanceFilter(region, node.instanceType, node.sqlEdition),
      priceUnit: 'Hrs',
      attributes: {
        instanceType: node.instanceType,
        operatingSystem: 'Windows',
        licenseModel: 'License Included',
        preInstalledSw: preInstalledSwFor(node.sqlEdition),
      },
      assumption: null,
    },
    ...node.volumes.flatMap((v) => ebsVolumeComponents(node, v, region)),
  ];
}
