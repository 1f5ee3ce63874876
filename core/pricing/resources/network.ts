import type { NodeOfKind } from '../../model/topology';
import { HOURS_PER_MONTH, Money } from '../../util/money';
import { type ComponentBase, type ComponentOwner, type CostComponent, component } from '../cost-component';
import type { PriceFilter } from '../price-filter';
import { type ResolvedUsage, formatCount, usageOrigin } from '../usage';
import { publicIpv4Component } from './ec2-instance';

function base(node: { id: string; name: string }): ComponentBase {
  return { resourceId: node.id, resourceName: node.name, tier: 'network' };
}

function owner(node: { id: string; name: string }, service: string): ComponentOwner {
  return { resourceId: node.id, resourceName: node.name, tier: 'network', service, attributes: {} };
}

/** Data out to the internet, in AWS's monthly volume tiers. */
export function internetDataOutFilter(region: string): PriceFilter {
  return {
    serviceCode: 'AWSDataTransfer',
    productFamily: 'Data Transfer',
    attributes: { regionCode: region, transferType: 'AWS Outbound', toLocation: 'External' },
  };
}

export function natGatewayComponents(
  node: NodeOfKind<'nat-gateway'>,
  region: string,
  instancesServed: number,
  usage: ResolvedUsage,
): CostComponent[] {
  const b = owner(node, 'Amazon VPC');
  const perInstance = usage.values.natGbPerInstanceMonth;
  const gb = new Money(instancesServed).times(perInstance);
  return [
    component(b, {
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
    }),
    component(b, {
      name: 'Data processed',
      unit: 'GB',
      monthlyQuantity: gb.toFixed(),
      filter: {
        serviceCode: 'AmazonEC2',
        productFamily: 'NAT Gateway',
        attributes: { regionCode: region },
        contains: { usagetype: 'NatGateway-Bytes' },
      },
      priceUnit: 'GB',
      assumption: `${formatCount(perInstance)} GB a month of updates and patches for each of the ${instancesServed} instances routed through this gateway ${usageOrigin(usage, 'natGbPerInstanceMonth')}`,
      usageKeys: ['natGbPerInstanceMonth'],
    }),
    publicIpv4Component(base(node), region, 1, 'Elastic IP of the NAT gateway'),
  ];
}

export function loadBalancerComponents(
  node: NodeOfKind<'load-balancer'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const b: ComponentBase = { resourceId: node.id, resourceName: node.name, tier: 'web' };
  const lcu = usage.values.albAverageLcu;
  const out: CostComponent[] = [
    component(b, {
      service: 'Elastic Load Balancing',
      attributes: {},
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
    }),
    component(b, {
      service: 'Elastic Load Balancing',
      attributes: {},
      name: 'Load balancer capacity units',
      unit: 'LCU-hours',
      monthlyQuantity: new Money(lcu).times(HOURS_PER_MONTH).toFixed(),
      filter: {
        serviceCode: 'AWSELB',
        productFamily: 'Load Balancer-Application',
        attributes: { regionCode: region },
        contains: { usagetype: 'LCUUsage' },
      },
      priceUnit: 'LCU-Hrs',
      assumption: `${formatCount(lcu)} LCU on average (users of the control room) ${usageOrigin(usage, 'albAverageLcu')}`,
      usageKeys: ['albAverageLcu'],
    }),
  ];
  // An internet-facing load balancer has a public IPv4 address in each of its subnets.
  if (node.scheme === 'internet-facing' && node.subnetIds.length > 0)
    out.push(
      publicIpv4Component(
        b,
        region,
        node.subnetIds.length,
        `one per subnet of the internet-facing load balancer`,
      ),
    );
  return out;
}

/** Data out to the internet leaves through the internet gateway; its cost is booked there. */
export function internetGatewayComponents(
  node: NodeOfKind<'internet-gateway'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const gb = usage.values.internetDataOutGbMonth;
  return [
    component(base(node), {
      service: 'AWS Data Transfer',
      name: 'Data transfer out to the internet',
      unit: 'GB',
      monthlyQuantity: String(gb),
      filter: internetDataOutFilter(region),
      priceUnit: 'GB',
      attributes: {},
      assumption: `${formatCount(gb)} GB a month out to the internet, priced in AWS's volume tiers without the account-wide free allowance ${usageOrigin(usage, 'internetDataOutGbMonth')}`,
      usageKeys: ['internetDataOutGbMonth'],
    }),
  ];
}

export function vpnConnectionComponents(
  node: NodeOfKind<'vpn-connection'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const gb = usage.values.vpnDataOutGbMonth;
  return [
    component(base(node), {
      service: 'Amazon VPC',
      name: 'Site-to-Site VPN connection',
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AmazonVPC',
        productFamily: 'Cloud Connectivity',
        attributes: { regionCode: region, operation: 'CreateVpnConnection' },
      },
      priceUnit: 'Hrs',
      attributes: {},
      assumption: null,
    }),
    component(base(node), {
      service: 'AWS Data Transfer',
      name: 'Data transfer out over the VPN',
      unit: 'GB',
      monthlyQuantity: String(gb),
      // Traffic leaving AWS over a Site-to-Site VPN is billed at the internet data-transfer-out rates.
      filter: internetDataOutFilter(region),
      priceUnit: 'GB',
      attributes: {},
      assumption: `${formatCount(gb)} GB a month to the data centre over the VPN, billed at internet data-transfer-out rates ${usageOrigin(usage, 'vpnDataOutGbMonth')}`,
      usageKeys: ['vpnDataOutGbMonth'],
    }),
  ];
}

/** "1Gbps" → "1G", "500Mbps" → "500M": the capacity as the Direct Connect price list names it. */
export function directConnectCapacity(bandwidth: string): string {
  const m = /^(\d+)\s*([MG])(bps)?$/i.exec(bandwidth.trim());
  return m?.[1] && m[2] ? `${m[1]}${m[2].toUpperCase()}` : bandwidth;
}

export function directConnectComponents(
  node: NodeOfKind<'direct-connect'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const capacity = directConnectCapacity(node.bandwidth);
  const connectionType = node.connectionType === 'dedicated' ? 'Dedicated' : 'Hosted';
  const gb = usage.values.directConnectDataOutGbMonth;
  return [
    component(base(node), {
      service: 'AWS Direct Connect',
      name: `${connectionType} connection (${capacity}, ${node.location})`,
      unit: 'hours',
      monthlyQuantity: String(HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AWSDirectConnect',
        productFamily: 'Direct Connect',
        attributes: { regionCode: region, connectionType, capacity, dxLocation: node.location },
      },
      priceUnit: 'Hrs',
      attributes: { connectionType, capacity, dxLocation: node.location },
      assumption: null,
    }),
    component(base(node), {
      service: 'AWS Direct Connect',
      name: `Data transfer out (to ${node.location})`,
      unit: 'GB',
      monthlyQuantity: String(gb),
      filter: {
        serviceCode: 'AWSDirectConnect',
        productFamily: 'Data Transfer',
        attributes: { regionCode: region, transferType: 'IntraRegion Outbound', dxLocation: node.location },
      },
      priceUnit: 'GB',
      attributes: { dxLocation: node.location },
      assumption: `${formatCount(gb)} GB a month to the data centre over Direct Connect ${usageOrigin(usage, 'directConnectDataOutGbMonth')}`,
      usageKeys: ['directConnectDataOutGbMonth'],
    }),
  ];
}

export function route53ZoneComponents(
  node: NodeOfKind<'route53-zone'>,
  usage: ResolvedUsage,
): CostComponent[] {
  const queries = usage.values.dnsQueriesPerZoneMonth;
  // Route 53 prices hosted zones and queries globally, not per region.
  return [
    component(base(node), {
      service: 'Amazon Route 53',
      name: `Hosted zone (${node.privateZone ? 'private' : 'public'}, ${node.domainName})`,
      unit: 'months',
      monthlyQuantity: '1',
      filter: {
        serviceCode: 'AmazonRoute53',
        productFamily: 'DNS Zone',
        attributes: { usagetype: 'HostedZone' },
      },
      priceUnit: 'HostedZone',
      attributes: { privateZone: String(node.privateZone) },
      assumption: null,
    }),
    component(base(node), {
      service: 'Amazon Route 53',
      name: 'Standard queries',
      unit: 'queries',
      monthlyQuantity: String(queries),
      filter: {
        serviceCode: 'AmazonRoute53',
        productFamily: 'DNS Query',
        attributes: { usagetype: 'DNS-Queries' },
      },
      priceUnit: 'Queries',
      attributes: {},
      assumption: `${formatCount(queries)} DNS queries a month answered by this zone ${usageOrigin(usage, 'dnsQueriesPerZoneMonth')}`,
      usageKeys: ['dnsQueriesPerZoneMonth'],
    }),
  ];
}

export function vpcEndpointComponents(
  node: NodeOfKind<'vpc-endpoint'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  // Gateway endpoints (S3, DynamoDB) have no charge.
  if (node.endpointType === 'Gateway') return [];
  const azs = Math.max(1, node.subnetIds.length);
  const gb = usage.values.vpcEndpointGbPerEndpointMonth;
  return [
    component(base(node), {
      service: 'Amazon VPC',
      name: `Interface endpoint (${node.service}, ${azs} AZ${azs === 1 ? '' : 's'})`,
      unit: 'hours',
      monthlyQuantity: String(azs * HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AmazonVPC',
        productFamily: 'VpcEndpoint',
        attributes: { regionCode: region },
        contains: { usagetype: 'VpcEndpoint-Hours' },
      },
      priceUnit: 'Hrs',
      attributes: { endpointService: node.service },
      assumption: null,
    }),
    component(base(node), {
      service: 'Amazon VPC',
      name: `Interface endpoint data processed (${node.service})`,
      unit: 'GB',
      monthlyQuantity: String(gb),
      filter: {
        serviceCode: 'AmazonVPC',
        productFamily: 'VpcEndpoint',
        attributes: { regionCode: region },
        contains: { usagetype: 'VpcEndpoint-Bytes' },
      },
      priceUnit: 'GB',
      attributes: { endpointService: node.service },
      assumption: `${formatCount(gb)} GB a month through this endpoint ${usageOrigin(usage, 'vpcEndpointGbPerEndpointMonth')}`,
      usageKeys: ['vpcEndpointGbPerEndpointMonth'],
    }),
  ];
}

/** VPC flow logs delivered to CloudWatch Logs are "vended logs", in their own volume tiers. */
export function vpcComponents(
  node: NodeOfKind<'vpc'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  if (!node.flowLogs) return [];
  const gb = usage.values.flowLogsGbMonth;
  return [
    component(base(node), {
      service: 'Amazon CloudWatch',
      name: 'Flow logs delivered to CloudWatch Logs',
      unit: 'GB',
      monthlyQuantity: String(gb),
      filter: {
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Data Payload',
        attributes: { regionCode: region },
        contains: { usagetype: 'VendedLog-Bytes' },
      },
      priceUnit: 'GB',
      attributes: {},
      assumption: `${formatCount(gb)} GB of flow log records a month ${usageOrigin(usage, 'flowLogsGbMonth')}`,
      usageKeys: ['flowLogsGbMonth'],
    }),
  ];
}
