import type { PriceListQuery } from './price-list-client';

/**
 * The GetProducts queries a refresh runs for one region: the products the cost components ask for,
 * and no more (EC2 alone has tens of thousands of products per region). TERM_MATCH filters use the
 * Price List's own attribute names.
 */
export function refreshQueries(region: string, location: string): PriceListQuery[] {
  const ec2Os = [
    ['Linux', 'NA'],
    ['Windows', 'NA'],
    ['Windows', 'SQL Web'],
    ['Windows', 'SQL Std'],
    ['Windows', 'SQL Ent'],
  ] as const;
  const inRegion = (serviceCode: string, filters: Record<string, string> = {}): PriceListQuery => ({
    serviceCode,
    filters: { regionCode: region, ...filters },
  });
  return [
    ...ec2Os.map(([operatingSystem, preInstalledSw]) =>
      inRegion('AmazonEC2', {
        productFamily: 'Compute Instance',
        operatingSystem,
        preInstalledSw,
        tenancy: 'Shared',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
      }),
    ),
    ...['Storage', 'System Operation', 'Provisioned Throughput', 'Storage Snapshot', 'NAT Gateway'].map((f) =>
      inRegion('AmazonEC2', { productFamily: f }),
    ),
    inRegion('AWSELB', { productFamily: 'Load Balancer-Application' }),
    inRegion('AmazonS3', { productFamily: 'Storage', storageClass: 'General Purpose' }),
    inRegion('AmazonS3', { productFamily: 'API Request' }),
    inRegion('awskms'),
    inRegion('AWSSecretsManager'),
    inRegion('AWSCloudTrail'),
    inRegion('AWSConfig'),
    inRegion('AmazonGuardDuty'),
    inRegion('awswaf'),
    inRegion('AmazonCloudWatch'),
    inRegion('AmazonVPC'),
    inRegion('AWSDirectConnect'),
    inRegion('AmazonFSx', { fileSystemType: 'Windows' }),
    inRegion('AmazonRDS', {
      productFamily: 'Database Instance',
      databaseEngine: 'SQL Server',
      licenseModel: 'License included',
    }),
    ...['Database Storage', 'Provisioned IOPS', 'Provisioned Throughput', 'Storage Snapshot'].map((f) =>
      inRegion('AmazonRDS', { productFamily: f }),
    ),
    inRegion('AWSDirectoryService', { directoryType: 'Microsoft AD' }),
    { serviceCode: 'AWSDataTransfer', filters: { fromLocation: location, transferType: 'AWS Outbound' } },
    { serviceCode: 'AmazonRoute53', filters: { productFamily: 'DNS Zone' } },
    { serviceCode: 'AmazonRoute53', filters: { productFamily: 'DNS Query' } },
  ];
}
