import type { NodeOfKind } from '../../model/topology';
import { type CostComponent, component } from '../cost-component';
import { tierForNode } from '../tiers';
import { type ResolvedUsage, formatCount, usageOrigin } from '../usage';

export function s3BucketComponents(
  node: NodeOfKind<'s3-bucket'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base = {
    resourceId: node.id,
    resourceName: node.name,
    tier: tierForNode(node),
    service: 'Amazon S3',
    attributes: { storageClass: 'Standard' },
  };
  const what =
    node.purpose === 'backup'
      ? 'of SQL Server backups kept (about two weeks of compressed full and log backups)'
      : 'of logs kept (CloudTrail, load balancer and flow log archives)';
  const puts = usage.values.s3PutRequestsMonth;
  const gets = usage.values.s3GetRequestsMonth;
  return [
    component(base, {
      name: 'Storage (Standard)',
      unit: 'GB-months',
      monthlyQuantity: String(node.storageGib),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'Storage',
        attributes: { regionCode: region, storageClass: 'General Purpose', volumeType: 'Standard' },
      },
      priceUnit: 'GB-Mo',
      assumption: `${formatCount(node.storageGib)} GB ${what}, all in S3 Standard`,
    }),
    component(base, {
      name: 'PUT, COPY, POST, LIST requests',
      unit: 'requests',
      monthlyQuantity: String(puts),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'API Request',
        attributes: { regionCode: region, group: 'S3-API-Tier1' },
      },
      priceUnit: 'Requests',
      assumption: `${formatCount(puts)} uploads and listings a month ${usageOrigin(usage, 's3PutRequestsMonth')}`,
      usageKeys: ['s3PutRequestsMonth'],
    }),
    component(base, {
      name: 'GET and other requests',
      unit: 'requests',
      monthlyQuantity: String(gets),
      filter: {
        serviceCode: 'AmazonS3',
        productFamily: 'API Request',
        attributes: { regionCode: region, group: 'S3-API-Tier2' },
      },
      priceUnit: 'Requests',
      assumption: `${formatCount(gets)} restore tests and reads a month ${usageOrigin(usage, 's3GetRequestsMonth')}`,
      usageKeys: ['s3GetRequestsMonth'],
    }),
  ];
}

export function kmsKeyComponents(
  node: NodeOfKind<'kms-key'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base = {
    resourceId: node.id,
    resourceName: node.name,
    tier: tierForNode(node),
    service: 'AWS KMS',
    attributes: {},
  };
  const requests = usage.values.kmsRequestsMonth;
  return [
    component(base, {
      name: 'Customer managed key',
      unit: 'months',
      monthlyQuantity: '1',
      filter: { serviceCode: 'awskms', productFamily: 'Encryption Key', attributes: { regionCode: region } },
      priceUnit: 'Keys',
      assumption: null,
    }),
    component(base, {
      name: 'Requests',
      unit: 'requests',
      monthlyQuantity: String(requests),
      filter: { serviceCode: 'awskms', productFamily: 'API Request', attributes: { regionCode: region } },
      priceUnit: 'Requests',
      assumption: `${formatCount(requests)} encrypt/decrypt calls a month from EBS and S3; priced without the account-wide free tier of 20,000 ${usageOrigin(usage, 'kmsRequestsMonth')}`,
      usageKeys: ['kmsRequestsMonth'],
    }),
  ];
}

export function secretComponents(
  node: NodeOfKind<'secrets-manager-secret'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const base = {
    resourceId: node.id,
    resourceName: node.name,
    tier: tierForNode(node),
    service: 'AWS Secrets Manager',
    attributes: {},
  };
  const calls = usage.values.secretsApiCallsPerSecretMonth;
  return [
    component(base, {
      name: 'Secret',
      unit: 'months',
      monthlyQuantity: '1',
      filter: {
        serviceCode: 'AWSSecretsManager',
        productFamily: 'Secret',
        attributes: { regionCode: region },
      },
      priceUnit: ['Secrets', 'Secret'],
      assumption: null,
    }),
    component(base, {
      name: 'API calls',
      unit: 'requests',
      monthlyQuantity: String(calls),
      filter: {
        serviceCode: 'AWSSecretsManager',
        productFamily: 'API Request',
        attributes: { regionCode: region },
      },
      priceUnit: ['API Requests', 'Requests'],
      assumption: `${formatCount(calls)} calls a month to read this secret (services starting, rotation) ${usageOrigin(usage, 'secretsApiCallsPerSecretMonth')}`,
      usageKeys: ['secretsApiCallsPerSecretMonth'],
    }),
  ];
}
