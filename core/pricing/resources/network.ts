import type { NodeOfKind } from '../../model/topology';
import { HOURS_PER_MONTH, Money } from '../../util/money';
import type { CostComponent } from '../cost-component';
import type { UsageAssumptions } from '../usage';

export function natGatewayComponents(
  node: NodeOfKind<'nat-gateway'>,
  region: string,
  instancesServed: number,
  usage: UsageAssumptions,
): CostComponent[] {
  const base = { resourceId: node.id, resourceName: node.name, service: 'Amazon VPC', attributes: {} };
  const gb = instancesServed * usage.natGbPerInstanceMonth;
  return [
    {
      ...base,
      name: 'NAT gateway',
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AmazonEC2',
        productFamily: 'NAT Gateway',
        attributes: { regionCode: region },
        contains: { usagetype: 'NatGateway-Hours' },
      },
      priceUnit: 'Hrs',
      assumption: null,
    },
    {
      ...base,
      name: 'Data processed',
      unit: 'GB',
      monthlyQuantity: String(gb),
      filter: {
        serviceCode: 'AmazonEC2',
        productFamily: 'NAT Gateway',
        attributes: { regionCode: region },
        contains: { usagetype: 'NatGateway-Bytes' },
      },
      priceUnit: 'GB',
      assumption: `${usage.natGbPerInstanceMonth} GB a month of updates and patches for each of the ${instancesServed} instances routed through this gateway`,
    },
  ];
}

export function loadBalancerComponents(
  node: NodeOfKind<'load-balancer'>,
  region: string,
  usage: UsageAssumptions,
): CostComponent[] {
  const base = {
    resourceId: node.id,
    resourceName: node.name,
    service: 'Elastic Load Balancing',
    attributes: {},
  };
  return [
    {
      ...base,
      name: 'Application load balancer',
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AWSELB',
        productFamily: 'Load Balancer-Application',
        attributes: { regionCode: region },
        contains: { usagetype: 'LoadBalancerUsage' },
      },
      priceUnit: 'Hrs',
      assumption: null,
    },
    {
      ...base,
      name: 'Load balancer capacity units',
      unit: 'LCU-hours',
      monthlyQuantity: new Money(usage.albAverageLcu).times(HOURS_PER_MONTH).toFixed(),
      filter: {
        serviceCode: 'AWSELB',
        productFamily: 'Load Balancer-Application',
        attributes: { regionCode: region },
        contains: { usagetype: 'LCUUsage' },
      },
      priceUnit: 'LCU-Hrs',
      assumption: `${usage.albAverageLcu} LCU on average (workshop traffic to the control room)`,
    },
  ];
}
