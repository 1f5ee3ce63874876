import type { NodeOfKind } from '../../model/topology';
import type { CostComponent } from '../cost-component';
import type { UsageAssumptions } from '../usage';
import { groupThousands } from '../../util/format';

export function s3BucketComponents(
  node: NodeOfKind<'s3-bucket'>,
  region: string,
  usage: UsageAssumptions,
): CostComponent[] {
  const base = {
    resourceId: node.id,
    resourceName: node.name,
    service: 'Amazon S3',
    attributes: { storageClass: 'Standard' },
  };
  return [
    {
      ...base,
      name: 'Storage (Standard)',
      unit: 'GB-months',
      monthlyQuantity: String(node.storageGib),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'Storage',
        attributes: { regionCode: region, storageClass: 'General Purpose', volumeType: 'Standard' },
      },
      priceUnit: 'GB-Mo',
      assumption: `${groupThousands(node.storageGib)} GB of SQL Server backups kept (about two weeks of compressed full and log backups)`,
    },
    {
      ...base,
      name: 'PUT, COPY, POST, LIST requests',
      unit: 'requests',
      monthlyQuantity: String(usage.s3PutRequestsMonthly),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'API Request',
        attributes: { regionCode: region, group: 'S3-API-Tier1' },
      },
      priceUnit: 'Requests',
      assumption: `${groupThousands(usage.s3PutRequestsMonthly)} backup uploads and listings a month`,
    },
    {
      ...base,
      name: 'GET and other requests',
      unit: 'requests',
      monthlyQuantity: String(usage.s3GetRequestsMonthly),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'API Request',
        attributes: { regionCode: region, group: 'S3-API-Tier2' },
      },
      priceUnit: 'Requests',
      assumption: `${groupThousands(usage.s3GetRequestsMonthly)} restore tests and reads a month`,
    },
  ];
}

export function kmsKeyComponents(
  node: NodeOfKind<'kms-key'>,
  region: string,
  usage: UsageAssumptions,
): CostComponent[] {
  const base = { resourceId: node.id, resourceName: node.name, service: 'AWS KMS', attributes: {} };
  return [
    {
      ...base,
      name: 'Customer managed key',
      unit: 'months',
      monthlyQuantity: '1',
      filter: { serviceCode: 'awskms', productFamily: 'Encryption Key', attributes: { regionCode: region } },
      priceUnit: 'Keys',
      assumption: null,
    },
    {
      ...base,
      name: 'Requests',
      unit: 'requests',
      monthlyQuantity: String(usage.kmsRequestsMonthly),
      filter: { serviceCode: 'awskms', productFamily: 'API Request', attributes: { regionCode: region } },
      priceUnit: 'Requests',
      assumption: `${groupThousands(usage.kmsRequestsMonthly)} encrypt/decrypt calls a month from EBS and S3; priced without the account-wide free tier of 20,000`,
    },
  ];
}
