import type { Volume } from '../../model/topology';
import { Money } from '../../util/money';
import { type ComponentBase, type CostComponent, component } from '../cost-component';

/** gp3 includes 3,000 IOPS and 125 MiB/s; only what is provisioned above that is billed. */
export const GP3_INCLUDED_IOPS = 3000;
export const GP3_INCLUDED_THROUGHPUT_MIBPS = 125;

/** Storage by volume type; gp3 IOPS and throughput above what it includes; io2 IOPS in AWS's tiers. */
export function ebsVolumeComponents(owner: ComponentBase, volume: Volume, region: string): CostComponent[] {
  const base = {
    resourceId: owner.resourceId,
    resourceName: owner.resourceName,
    tier: owner.tier,
    service: 'Amazon EBS',
    assumption: null,
  };
  const components: CostComponent[] = [
    component(base, {
      name: `Storage (${volume.type}, ${volume.name})`,
      unit: 'GB-months',
      monthlyQuantity: String(volume.sizeGib),
      filter: {
        serviceCode: 'AmazonEC2',
        productFamily: 'Storage',
        attributes: { regionCode: region, volumeApiName: volume.type },
      },
      priceUnit: 'GB-Mo',
      attributes: { volumeType: volume.type },
    }),
  ];
  const iopsFilter = {
    serviceCode: 'AmazonEC2',
    productFamily: 'System Operation',
    attributes: { regionCode: region, group: 'EBS IOPS', volumeApiName: volume.type },
  };
  if (volume.type === 'gp3' && volume.iops > GP3_INCLUDED_IOPS) {
    components.push(
      component(base, {
        name: `Provisioned IOPS above ${GP3_INCLUDED_IOPS} (gp3, ${volume.name})`,
        unit: 'IOPS-months',
        monthlyQuantity: String(volume.iops - GP3_INCLUDED_IOPS),
        filter: iopsFilter,
        priceUnit: 'IOPS-Mo',
        attributes: { volumeType: volume.type },
      }),
    );
  }
  if (volume.type === 'io2' && volume.iops > 0) {
    components.push(
      component(base, {
        name: `Provisioned IOPS (io2, ${volume.name})`,
        unit: 'IOPS-months',
        monthlyQuantity: String(volume.iops),
        filter: iopsFilter,
        priceUnit: 'IOPS-Mo',
        attributes: { volumeType: volume.type },
      }),
    );
  }
  if (volume.type === 'gp3' && volume.throughputMiBps > GP3_INCLUDED_THROUGHPUT_MIBPS) {
    // AWS prices gp3 throughput per GiB/s-month; 1 GiB/s = 1,024 MiB/s.
    const gibps = new Money(volume.throughputMiBps - GP3_INCLUDED_THROUGHPUT_MIBPS).div(1024);
    components.push(
      component(base, {
        name: `Provisioned throughput above ${GP3_INCLUDED_THROUGHPUT_MIBPS} MiB/s (gp3, ${volume.name})`,
        unit: 'GiBps-months',
        monthlyQuantity: gibps.toFixed(),
        filter: {
          serviceCode: 'AmazonEC2',
          productFamily: 'Provisioned Throughput',
          attributes: { regionCode: region, volumeApiName: 'gp3' },
        },
        priceUnit: 'GiBps-mo',
        attributes: { volumeType: volume.type },
      }),
    );
  }
  return components;
}
