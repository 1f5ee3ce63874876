/**
 * Every service beyond EC2 compute, read from the pricing-page JSON under pricing-source/pricing-pages.
 * Products carry Price List API service codes, product families and attribute names (or, where those
 * are not known for a service, stable attributes of our own that the cost components filter on), and
 * each price keeps AWS's key text in its description so it can be found in the file again.
 */
import type { PricedProduct } from '../../core/pricing/snapshot';
import {
  type BuildContext,
  type MeteredSource,
  type ProcessedFile,
  type ServiceItem,
  addSource,
  dimension,
  meteredProducts,
  normalizePrice,
  processedEntries,
  readSourceJson,
} from './source-files';

const PAGES = 'pricing-pages';
const origin = (svc: string, file = svc): string =>
  `https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/${svc}/USD/current/${file}.json`;

function ebs(ctx: BuildContext): PricedProduct[] {
  const p = ctx.spec.usagePrefix;
  const storage = (vol: string, key: string): ServiceItem => ({
    key,
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage',
    attributes: { volumeApiName: vol },
    unit: 'GB-Mo',
    description: `EBS ${vol} storage`,
  });
  return meteredProducts(
    ctx,
    {
      id: 'ebs',
      file: 'ebs/ebs.json',
      description: 'EBS volume, IOPS, throughput and snapshot prices (AWS pricing-page JSON)',
      origin: origin('ec2', 'ebs'),
    },
    [
      storage('gp3', 'Storage General Purpose gp3 GB Mo'),
      storage('gp2', 'Storage General Purpose gp2 GB Mo'),
      storage('io1', 'Storage Provisioned IOPS io1 GB Mo'),
      storage('io2', 'Storage Provisioned IOPS io2 GB month'),
      storage('st1', 'Storage Throughput Optimized HDD st1 GB Mo'),
      storage('sc1', 'Storage Cold HDD sc1 GB Mo'),
      {
        key: 'Provisioned EBS IOPS gp3 Volumes per IOPS Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'gp3' },
        unit: 'IOPS-Mo',
        description: 'EBS gp3 provisioned IOPS above the included 3,000',
      },
      {
        key: 'Provisioned EBS IOPS io1 Volumes per IOPS Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'io1' },
        unit: 'IOPS-Mo',
        description: 'EBS io1 provisioned IOPS',
      },
      {
        key: [
          'Provisioned EBS IOPS io2 Volumes per IOPS Mo',
          'Provisioned EBS IOPS Tier 2 io2 Volumes per IOPS Mo',
          'Provisioned EBS IOPS Tier 3 io2 Volumes per IOPS Mo',
        ],
        tiers: [
          ['0', '32000'],
          ['32000', '64000'],
          ['64000', 'Inf'],
        ],
        serviceCode: 'AmazonEC2',
        productFamily: 'System Operation',
        attributes: { group: 'EBS IOPS', volumeApiName: 'io2' },
        unit: 'IOPS-Mo',
        description: 'EBS io2 provisioned IOPS (tiered: up to 32,000; 32,001–64,000; above 64,000)',
      },
      {
        key: 'Provisioned Throughput gp3 per GiBps mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'Provisioned Throughput',
        attributes: { volumeApiName: 'gp3' },
        unit: 'GiBps-mo',
        description: 'EBS gp3 provisioned throughput above the included 125 MiB/s',
      },
      {
        key: 'Storage Snapshot Amazon S3 GB Mo',
        serviceCode: 'AmazonEC2',
        productFamily: 'Storage Snapshot',
        attributes: { usagetype: `${p}EBS:SnapshotUsage` },
        unit: 'GB-Mo',
        description: 'EBS snapshot storage (standard tier)',
      },
    ],
  );
}

function vpcAndNetwork(ctx: BuildContext): PricedProduct[] {
  const p = ctx.spec.usagePrefix;
  return [
    ...meteredProducts(
      ctx,
      {
        id: 'natgateway',
        file: `${PAGES}/2025-11/natgateway.json`,
        description: 'NAT gateway prices (AWS pricing-page JSON)',
        origin: origin('ec2', 'natgateway'),
      },
      [
        {
          key: 'Hourly charge for NAT Gateways',
          serviceCode: 'AmazonEC2',
          productFamily: 'NAT Gateway',
          attributes: { usagetype: `${p}NatGateway-Hours` },
          unit: 'Hrs',
          description: 'NAT gateway hours',
        },
        {
          key: 'Charge for per GB data processed by NatGateways',
          serviceCode: 'AmazonEC2',
          productFamily: 'NAT Gateway',
          attributes: { usagetype: `${p}NatGateway-Bytes` },
          unit: 'GB',
          description: 'NAT gateway data processed',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'vpc',
        file: `${PAGES}/2025-11/vpc.json`,
        description:
          'Amazon VPC prices: Site-to-Site VPN, VPC endpoints, public IPv4 (AWS pricing-page JSON)',
        origin: origin('vpc'),
      },
      [
        {
          key: 'CreateVpnConnection per Hrs',
          serviceCode: 'AmazonVPC',
          productFamily: 'Cloud Connectivity',
          attributes: { operation: 'CreateVpnConnection' },
          unit: 'Hrs',
          description: 'Site-to-Site VPN connection hours',
        },
        {
          key: 'Hourly charge for VPC Endpoints per Hrs',
          serviceCode: 'AmazonVPC',
          productFamily: 'VpcEndpoint',
          attributes: { usagetype: `${p}VpcEndpoint-Hours` },
          unit: 'Hrs',
          description: 'Interface VPC endpoint hours, per Availability Zone',
        },
        {
          key: [
            'Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576',
            'Charge for per GB data processed by VPC Endpoints per GB from 1048576 to 5242880',
            'Charge for per GB data processed by VPC Endpoints per GB from 5242880 to Inf',
          ],
          tiers: [
            ['0', '1048576'],
            ['1048576', '5242880'],
            ['5242880', 'Inf'],
          ],
          serviceCode: 'AmazonVPC',
          productFamily: 'VpcEndpoint',
          attributes: { usagetype: `${p}VpcEndpoint-Bytes` },
          unit: 'GB',
          description: 'Interface VPC endpoint data processed (tiered: first 1 PB, next 4 PB, over 5 PB)',
        },
        {
          key: 'Hourly charge for In use Public IPv4 Addresses per Hrs',
          serviceCode: 'AmazonVPC',
          productFamily: 'VPC Public IPv4 Address',
          attributes: { usagetype: `${p}PublicIPv4:InUseAddress` },
          unit: 'Hrs',
          description: 'Public IPv4 address in use, per hour',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'elb',
        file: `${PAGES}/2025-05/raw/elb.json`,
        description: 'Elastic Load Balancing prices (AWS pricing-page JSON)',
        origin: origin('elb'),
      },
      [
        {
          key: 'Application Load Balancer Hours',
          serviceCode: 'AWSELB',
          productFamily: 'Load Balancer-Application',
          attributes: { usagetype: `${p}LoadBalancerUsage` },
          unit: 'Hrs',
          description: 'Application Load Balancer hours',
        },
        {
          key: 'Application Load Balancer LCU Hours',
          serviceCode: 'AWSELB',
          productFamily: 'Load Balancer-Application',
          attributes: { usagetype: `${p}LCUUsage` },
          unit: 'LCU-Hrs',
          description: 'Application Load Balancer capacity units',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'route53',
        file: `${PAGES}/2025-11/route53.json`,
        description: 'Amazon Route 53 prices: hosted zones and queries, global (AWS pricing-page JSON)',
        origin: origin('route53'),
      },
      [
        {
          key: ['DNS Zone first 25', 'DNS Zone'],
          tiers: [
            ['0', '25'],
            ['25', 'Inf'],
          ],
          regionKey: 'Any',
          serviceCode: 'AmazonRoute53',
          productFamily: 'DNS Zone',
          attributes: { usagetype: 'HostedZone' },
          unit: 'HostedZone',
          description: 'Route 53 hosted zone per month (first 25 zones, then additional zones)',
        },
        {
          key: ['Query Standard External first 1B', 'Query Standard External over 1B'],
          tiers: [
            ['0', '1000000000'],
            ['1000000000', 'Inf'],
          ],
          regionKey: '',
          serviceCode: 'AmazonRoute53',
          productFamily: 'DNS Query',
          attributes: { usagetype: 'DNS-Queries' },
          unit: 'Queries',
          description: 'Route 53 standard queries (first 1 billion a month, then over 1 billion)',
        },
      ],
    ),
  ];
}

function directConnect(ctx: BuildContext): PricedProduct[] {
  const { spec } = ctx;
  const file = `${PAGES}/2025-05/raw/directconnect.json`;
  const data = readSourceJson<{
    manifest?: { hawkFilePublicationDate?: string };
    regions: Record<string, Record<string, { price: string; rateCode?: string }>>;
  }>(ctx.sourceDir, file);
  addSource(ctx, {
    id: 'directconnect',
    description:
      'AWS Direct Connect port hours per location and data transfer out to the location (AWS pricing-page JSON; AWS publication 2020, still served in April 2025)',
    file,
    publishedAt: data.manifest?.hawkFilePublicationDate ?? null,
    origin: origin('directconnect'),
  });
  const table = data.regions[spec.location];
  if (!table) throw new Error(`${file}: no prices for ${spec.location}`);
  const out: PricedProduct[] = [];
  for (const key of Object.keys(table).sort()) {
    const entry = table[key];
    if (!entry) continue;
    const port = /^Direct Connect (HC )?(\d+[MG]) (.+)$/.exec(key);
    const dto = /^DataTransfer IntraRegion Outbound to (.+)$/.exec(key);
    const place = { regionCode: spec.region, location: spec.location };
    const price = normalizePrice(entry.price, `${file} ${key}`);
    if (port?.[2] && port[3]) {
      const hosted = port[1] !== undefined;
      out.push({
        serviceCode: 'AWSDirectConnect',
        productFamily: 'Direct Connect',
        attributes: {
          connectionType: hosted ? 'Hosted' : 'Dedicated',
          capacity: port[2],
          dxLocation: port[3],
          ...place,
        },
        onDemand: [
          dimension(
            'Hrs',
            price,
            entry.rateCode ?? null,
            `Direct Connect ${hosted ? 'hosted connection' : 'dedicated port'} ${port[2]} at ${port[3]} — AWS key "${key}"`,
          ),
        ],
        provenance: { sourceId: 'directconnect', derived: null },
      });
    } else if (dto?.[1]) {
      out.push({
        serviceCode: 'AWSDirectConnect',
        productFamily: 'Data Transfer',
        attributes: { transferType: 'IntraRegion Outbound', dxLocation: dto[1], ...place },
        onDemand: [
          dimension(
            'GB',
            price,
            entry.rateCode ?? null,
            `Data transfer out over Direct Connect to ${dto[1]} — AWS key "${key}"`,
          ),
        ],
        provenance: { sourceId: 'directconnect', derived: null },
      });
    }
  }
  return out;
}

function dataTransfer(ctx: BuildContext): PricedProduct[] {
  const { spec } = ctx;
  const file = `${PAGES}/2025-05/processed/datatransfer.json`;
  const data = readSourceJson<ProcessedFile>(ctx.sourceDir, file);
  addSource(ctx, {
    id: 'datatransfer',
    description:
      'Data transfer out of the region to the internet (AWS pricing-page JSON with its labels, re-keyed by the aws-price-watcher mirror)',
    file,
    publishedAt: null,
    origin: origin('datatransfer'),
  });
  const keys = [
    'DataTransfer External Outbound Next 10 TB',
    'DataTransfer External Outbound Next 40 TB',
    'DataTransfer External Outbound Next 100 TB',
    'DataTransfer External Outbound Greater than 150 TB',
  ];
  const onDemand = keys.map((key) => {
    const [entry, ...more] = processedEntries(data, key, spec.location);
    if (!entry || more.length > 0)
      throw new Error(`${file}: expected one "${key}" entry for ${spec.location}`);
    const range = /^StartingRange: (\d+), EndingRange: (\d+|Inf)$/.exec(entry.details);
    if (!range?.[1] || !range[2]) throw new Error(`${file}: "${key}" has no range in "${entry.details}"`);
    return dimension(
      'GB',
      normalizePrice(entry.price, `${file} ${key}`),
      null,
      `Data transfer out to the internet, ${range[1]}–${range[2]} GB a month — AWS key "${key}"`,
      range[1],
      range[2],
    );
  });
  return [
    {
      serviceCode: 'AWSDataTransfer',
      productFamily: 'Data Transfer',
      attributes: {
        transferType: 'AWS Outbound',
        fromLocation: spec.location,
        toLocation: 'External',
        regionCode: spec.region,
        location: spec.location,
      },
      onDemand,
      provenance: { sourceId: 'datatransfer', derived: null },
    },
  ];
}

function storageAndSecrets(ctx: BuildContext): PricedProduct[] {
  const p = ctx.spec.usagePrefix;
  return [
    ...meteredProducts(
      ctx,
      {
        id: 's3',
        file: `${PAGES}/2025-11/s3.json`,
        description: 'Amazon S3 prices (AWS pricing-page JSON)',
        origin: origin('s3'),
      },
      [
        {
          key: [
            'Standard Storage First 50 TB per GB Mo',
            'Standard Storage Next 450 TB per GB Mo',
            'Standard Storage Over 500 TB per GB Mo',
          ],
          tiers: [
            ['0', '51200'],
            ['51200', '512000'],
            ['512000', 'Inf'],
          ],
          serviceCode: 'AmazonS3',
          productFamily: 'Storage',
          attributes: {
            storageClass: 'General Purpose',
            volumeType: 'Standard',
            usagetype: `${p}TimedStorage-ByteHrs`,
          },
          unit: 'GB-Mo',
          description: 'S3 Standard storage (tiered: first 50 TB, next 450 TB, over 500 TB)',
        },
        {
          key: 'PUT COPY/POST or LIST requests per Requests',
          serviceCode: 'AmazonS3',
          productFamily: 'API Request',
          attributes: { group: 'S3-API-Tier1', usagetype: `${p}Requests-Tier1` },
          unit: 'Requests',
          description: 'S3 Standard PUT, COPY, POST and LIST requests',
        },
        {
          key: 'GET and all other requests per Requests',
          serviceCode: 'AmazonS3',
          productFamily: 'API Request',
          attributes: { group: 'S3-API-Tier2', usagetype: `${p}Requests-Tier2` },
          unit: 'Requests',
          description: 'S3 Standard GET and other requests',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'kms',
        file: `${PAGES}/2025-11/kms.json`,
        description: 'AWS KMS prices (AWS pricing-page JSON)',
        origin: origin('kms'),
      },
      [
        {
          key: 'Encryption Key',
          serviceCode: 'awskms',
          productFamily: 'Encryption Key',
          attributes: { usagetype: `${p}KMS-Keys` },
          unit: 'Keys',
          description: 'KMS customer managed key, per month',
        },
        {
          key: 'API request - Non Free Tier',
          serviceCode: 'awskms',
          productFamily: 'API Request',
          attributes: { usagetype: `${p}KMS-Requests` },
          unit: 'Requests',
          description: 'KMS symmetric API requests beyond the free tier',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'secretsmanager',
        file: `${PAGES}/2025-05/raw/secretsmanager.json`,
        description: 'AWS Secrets Manager prices (AWS pricing-page JSON)',
        origin: origin('secretsmanager'),
      },
      [
        {
          key: 'Secret',
          serviceCode: 'AWSSecretsManager',
          productFamily: 'Secret',
          attributes: {},
          unit: 'Secrets',
          description: 'Secrets Manager secret, per month',
        },
        {
          key: 'API Request',
          serviceCode: 'AWSSecretsManager',
          productFamily: 'API Request',
          attributes: {},
          unit: 'API Requests',
          description: 'Secrets Manager API calls',
        },
      ],
    ),
  ];
}

function securityAndOperations(ctx: BuildContext): PricedProduct[] {
  const p = ctx.spec.usagePrefix;
  const trail = (key: string, family: string, description: string): ServiceItem => ({
    key,
    serviceCode: 'AWSCloudTrail',
    productFamily: `Management Tools - AWS CloudTrail ${family}`,
    attributes: {},
    unit: 'Events',
    description,
  });
  const guardDuty = (
    group: string,
    item: Omit<ServiceItem, 'serviceCode' | 'productFamily' | 'attributes'>,
  ) => ({
    ...item,
    serviceCode: 'AmazonGuardDuty',
    productFamily: 'Security Services',
    attributes: { group },
  });
  const cloudWatch: MeteredSource = {
    id: 'cloudwatch',
    file: `${PAGES}/2025-11/cloudwatch.json`,
    description: 'Amazon CloudWatch prices: metrics, alarms, logs, dashboards (AWS pricing-page JSON)',
    origin: origin('cloudwatch'),
  };
  return [
    ...meteredProducts(
      ctx,
      {
        id: 'cloudtrail',
        file: `${PAGES}/2025-11/cloudtrail.json`,
        description: 'AWS CloudTrail prices (AWS pricing-page JSON)',
        origin: origin('cloudtrail'),
      },
      [
        trail(
          'Free Events Recorded',
          'Free Events Recorded',
          'CloudTrail management events, first copy (no charge)',
        ),
        trail(
          'Management Paid Events Recorded',
          'Paid Events Recorded',
          'CloudTrail management events, additional copies',
        ),
        trail('Data Events Recorded', 'Data Events Recorded', 'CloudTrail data events'),
        trail('Insights Events', 'Insights Events', 'CloudTrail Insights events analysed'),
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'config',
        file: `${PAGES}/2025-11/config.json`,
        description: 'AWS Config prices (AWS pricing-page JSON)',
        origin: origin('config'),
      },
      [
        {
          key: 'Config',
          serviceCode: 'AWSConfig',
          productFamily: 'Management Tools - AWS Config',
          attributes: { usagetype: `${p}ConfigurationItemRecorded` },
          unit: 'ConfigurationItemRecorded',
          description: 'AWS Config configuration items recorded (continuous recording)',
        },
        {
          key: ['Config Rules first 100000', 'Config Rules next 400000', 'Config Rules 500001 and more'],
          tiers: [
            ['0', '100000'],
            ['100000', '500000'],
            ['500000', 'Inf'],
          ],
          serviceCode: 'AWSConfig',
          productFamily: 'Management Tools - AWS Config Rules',
          attributes: { usagetype: `${p}ConfigRuleEvaluations` },
          unit: 'ConfigRuleEvaluations',
          description: 'AWS Config rule evaluations (tiered: first 100,000, next 400,000, over 500,000)',
        },
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'guardduty',
        file: `${PAGES}/2025-11/guardduty.json`,
        description: 'Amazon GuardDuty prices (AWS pricing-page JSON)',
        origin: origin('guardduty'),
      },
      [
        guardDuty('CloudTrail management events', {
          key: 'CloudTrail Events Processed per Events',
          unit: 'Events',
          description: 'GuardDuty analysis of CloudTrail management events',
        }),
        guardDuty('VPC flow and DNS logs', {
          key: [
            'VPC Flow Log and DNS Processed per First 500 GB',
            'VPC Flow Log and DNS Processed per Next 2000 GB',
            'VPC Flow Log and DNS Processed per Next 7500 GB',
            'VPC Flow Log and DNS Processed per Over 10000 GB',
          ],
          tiers: [
            ['0', '500'],
            ['500', '2500'],
            ['2500', '10000'],
            ['10000', 'Inf'],
          ],
          unit: 'GB',
          description:
            'GuardDuty analysis of VPC flow logs and DNS logs (tiered: 500 GB, 2,000 GB, 7,500 GB, over)',
        }),
        guardDuty('S3 data events', {
          key: [
            'S3 VPC Flow Log and DNS Processed per First 500000000 Events',
            'S3 VPC Flow Log and DNS Processed per Next 4500000000 Events',
            'S3 VPC Flow Log and DNS Processed per Over 5000000000 Events',
          ],
          tiers: [
            ['0', '500000000'],
            ['500000000', '5000000000'],
            ['5000000000', 'Inf'],
          ],
          unit: 'Events',
          description:
            'GuardDuty S3 Protection: S3 data events analysed (AWS key text reads "S3 VPC Flow Log and DNS"; tiered)',
        }),
        guardDuty('EBS malware scan', {
          key: 'Malware Protection EBS Data Scanned per GB',
          unit: 'GB',
          description: 'GuardDuty Malware Protection: EBS data scanned',
        }),
      ],
    ),
    ...meteredProducts(
      ctx,
      {
        id: 'waf',
        file: `${PAGES}/2025-11/waf.json`,
        description: 'AWS WAF prices (AWS pricing-page JSON)',
        origin: origin('waf'),
      },
      [
        {
          key: 'WebACL per month',
          serviceCode: 'awswaf',
          productFamily: 'Web Application Firewall',
          attributes: { usagetype: `${p}WebACLV2` },
          unit: 'WebACL',
          description: 'AWS WAF web ACL, per month',
        },
        {
          key: 'Rule Activated per Month',
          serviceCode: 'awswaf',
          productFamily: 'Web Application Firewall',
          attributes: { usagetype: `${p}RuleV2` },
          unit: 'Rule',
          description: 'AWS WAF rule or rule group in a web ACL, per month',
        },
        {
          key: 'Web Requests received per Request',
          serviceCode: 'awswaf',
          productFamily: 'Web Application Firewall',
          attributes: { usagetype: `${p}RequestV2-Tier1` },
          unit: 'Request',
          description: 'AWS WAF web requests received',
        },
      ],
    ),
    ...meteredProducts(ctx, cloudWatch, [
      {
        key: [
          'Metric for the first 10000',
          'Metric for the next 240000',
          'Metric for the next 750000',
          'Metric for over 1000000',
        ],
        tiers: [
          ['0', '10000'],
          ['10000', '250000'],
          ['250000', '1000000'],
          ['1000000', 'Inf'],
        ],
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Metric',
        attributes: { usagetype: `${p}CW:MetricMonitorUsage` },
        unit: 'Metrics',
        description:
          'CloudWatch custom metrics (tiered: first 10,000, next 240,000, next 750,000, over 1,000,000)',
      },
      {
        key: 'Alarm Standard',
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Alarm',
        attributes: { alarmType: 'Standard' },
        unit: 'Alarms',
        description: 'CloudWatch standard-resolution alarm, per month',
      },
      {
        key: 'Logs Collected Data Ingestion',
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Data Payload',
        attributes: { usagetype: `${p}DataProcessing-Bytes` },
        unit: 'GB',
        description: 'CloudWatch Logs ingestion (Standard log class)',
      },
      {
        key: [
          'Vended Logs First 10TB',
          'Vended Logs Next 20TB',
          'Vended Logs Next Next 20TB',
          'Vended Logs over 50TB',
        ],
        tiers: [
          ['0', '10240'],
          ['10240', '30720'],
          ['30720', '51200'],
          ['51200', 'Inf'],
        ],
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Data Payload',
        attributes: { usagetype: `${p}VendedLog-Bytes` },
        unit: 'GB',
        description:
          'CloudWatch Logs ingestion of vended logs such as VPC flow logs (tiered: 10 TB, 20 TB, 20 TB, over)',
      },
      {
        key: 'Stored Data',
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Storage Snapshot',
        attributes: { usagetype: `${p}TimedStorage-ByteHrs` },
        unit: 'GB-Mo',
        description: 'CloudWatch Logs storage (archived log data)',
      },
      {
        key: 'Dashboard Basic Dashboard',
        regionKey: 'Any',
        serviceCode: 'AmazonCloudWatch',
        productFamily: 'Dashboard',
        attributes: { usagetype: 'DashboardsUsageHour-Basic' },
        unit: 'Dashboards',
        description: 'CloudWatch dashboard, per month (global)',
      },
    ]),
  ];
}

/**
 * FSx for Windows File Server, Multi-AZ. AWS's FSx pricing-page JSON has no readable key text (its
 * keys are hashes), so these keys were identified in pricing-source/ap-south-1-prices.md ("DERIVED
 * MAPPING") as the only keys whose us-east-1 price equals infracost's us-east-1 MULTI_AZ_1 golden
 * figures; the prices themselves are read from the file. Where several keys qualify they must agree.
 * Single-AZ keys were not identified: those lines need a live price refresh.
 */
const FSX_MAPPING = {
  rule: 'fsx-windows-key-mapping',
  throughput: ['usdC16EyDLyBOw8tD_5fhj5fNRV-Dm9BurFFrBY4OgU'],
  ssd: ['tQmrtIAgZ-JGQyf4yDArf4sQPj9KzoFfpdCxfGf-tsM'],
  hdd: ['7_QLTGzu0Rx40EoRyv3tCCecgvPDpmA2iidh1ujRdFA', 'CFxfkVZ1WU8WUAHn6yAN9F-Euou_f7oxz0hmHgu8saE'],
  backup: [
    '-XIB0as_BHPcDfyqyxyZOX9_2bHUZ8kzP0DrhStM30I',
    '3MDYS7-S4fmJLAR5RKnEMOwIbehNcVa2SkcNxJ9BdIs',
    'AJdsxXgiJKopicgOiG1AtOM1fu2edZxWYNsb4idp0ms',
    'GjTp0gSH6NehrV1ixdy4HsSwn0RyFfC_LXQAW3OkQew',
    'aYXdDev9gnk1bQh--7kEDb5gZhNc8E8R_ovh0kt7PmI',
    'sqHkZ-aZbGM672lNSrtF6_aD-wA9EaaS-zPvT9ocwgQ',
  ],
} as const;

function fsx(ctx: BuildContext): PricedProduct[] {
  const mapped = (keys: readonly string[], what: string) => {
    const [first, ...rest] = keys;
    if (!first) throw new Error('FSx mapping without a key');
    return {
      key: first,
      sameAs: rest,
      derived: {
        rule: FSX_MAPPING.rule,
        inputs: keys.map((k) => `${what}: unlabelled AWS key "${k}"`),
      },
    };
  };
  const base = { serviceCode: 'AmazonFSx', unit: 'GB-Mo' };
  return meteredProducts(
    ctx,
    {
      id: 'fsx',
      file: `${PAGES}/2025-11/fsx.json`,
      description: 'Amazon FSx prices (AWS pricing-page JSON; keys without labels, mapped as documented)',
      origin: origin('fsx'),
    },
    [
      {
        ...base,
        ...mapped(FSX_MAPPING.throughput, 'Multi-AZ throughput capacity'),
        productFamily: 'Provisioned Throughput',
        attributes: { fileSystemType: 'Windows', deploymentOption: 'Multi-AZ' },
        unit: 'MBps-Mo',
        description: 'FSx for Windows File Server throughput capacity, Multi-AZ',
      },
      {
        ...base,
        ...mapped(FSX_MAPPING.ssd, 'Multi-AZ SSD storage'),
        productFamily: 'Storage',
        attributes: { fileSystemType: 'Windows', deploymentOption: 'Multi-AZ', storageType: 'SSD' },
        description: 'FSx for Windows File Server SSD storage, Multi-AZ',
      },
      {
        ...base,
        ...mapped(FSX_MAPPING.hdd, 'Multi-AZ HDD storage'),
        productFamily: 'Storage',
        attributes: { fileSystemType: 'Windows', deploymentOption: 'Multi-AZ', storageType: 'HDD' },
        description: 'FSx for Windows File Server HDD storage, Multi-AZ',
      },
      {
        ...base,
        ...mapped(FSX_MAPPING.backup, 'backup storage'),
        productFamily: 'Storage',
        attributes: {
          fileSystemType: 'Windows',
          deploymentOption: 'Multi-AZ',
          usagetype: `${ctx.spec.usagePrefix}BackupUsage`,
        },
        description: 'FSx for Windows File Server backup storage',
      },
    ],
  );
}

const RDS_INSTANCE =
  /^Database Instance SQL Server (Web|Standard|Enterprise|Express) License included db (\S+) .+? (Single-AZ|Multi-AZ) (Current|Previous) Generation$/;

function rds(ctx: BuildContext): PricedProduct[] {
  const { spec } = ctx;
  const processedFile = `${PAGES}/2025-05/processed/rds-sqlserver-ondemand.json`;
  const data = readSourceJson<ProcessedFile>(ctx.sourceDir, processedFile);
  addSource(ctx, {
    id: 'rds-sqlserver',
    description:
      'Amazon RDS for SQL Server On-Demand instance prices, License Included (AWS pricing-page JSON with its labels, re-keyed by the aws-price-watcher mirror)',
    file: processedFile,
    publishedAt: null,
    origin: origin('rds', 'rds-sqlserver-ondemand'),
  });
  const place = { regionCode: spec.region, location: spec.location };
  const out: PricedProduct[] = [];
  for (const key of Object.keys(data).sort()) {
    const m = RDS_INSTANCE.exec(key);
    if (!m?.[1] || !m[2] || !m[3] || !m[4]) continue;
    const [entry] = processedEntries(data, key, spec.location);
    if (!entry) continue;
    const details = /vCPU: (\d+)/.exec(entry.details);
    out.push({
      serviceCode: 'AmazonRDS',
      productFamily: 'Database Instance',
      attributes: {
        instanceType: `db.${m[2]}`,
        databaseEngine: 'SQL Server',
        databaseEdition: m[1],
        licenseModel: 'License included',
        deploymentOption: m[3],
        currentGeneration: m[4] === 'Current' ? 'Yes' : 'No',
        ...(details?.[1] ? { vcpu: details[1] } : {}),
        ...place,
      },
      onDemand: [
        dimension('Hrs', normalizePrice(entry.price, `${processedFile} ${key}`), null, `AWS key "${key}"`),
      ],
      provenance: { sourceId: 'rds-sqlserver', derived: null },
    });
  }
  if (out.length === 0) throw new Error(`${processedFile}: no RDS for SQL Server rows for ${spec.location}`);

  const rdsStorage = (
    key: string,
    family: string,
    deploymentOption: string,
    volumeType: string,
    unit: string,
    description: string,
  ): ServiceItem => ({
    key,
    serviceCode: 'AmazonRDS',
    productFamily: family,
    attributes: { databaseEngine: 'Any', deploymentOption, volumeType },
    unit,
    description,
  });
  const mirror = 'Multi-AZ (SQL Server Mirror)';
  out.push(
    ...meteredProducts(
      ctx,
      {
        id: 'rds-storage',
        file: `${PAGES}/2025-05/raw/rds-storage.json`,
        description:
          'Amazon RDS storage, provisioned IOPS, throughput and backup storage (AWS pricing-page JSON)',
        origin: origin('rds', 'rds-storage'),
      },
      [
        rdsStorage(
          'Database Storage Single AZ General Purpose-GP3',
          'Database Storage',
          'Single-AZ',
          'General Purpose-GP3',
          'GB-Mo',
          'RDS gp3 storage, Single-AZ',
        ),
        rdsStorage(
          'Database Storage Multi AZ SQL Server Mirror General Purpose-GP3',
          'Database Storage',
          mirror,
          'General Purpose-GP3',
          'GB-Mo',
          'RDS gp3 storage, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Database Storage Single AZ General Purpose',
          'Database Storage',
          'Single-AZ',
          'General Purpose',
          'GB-Mo',
          'RDS gp2 storage, Single-AZ',
        ),
        rdsStorage(
          'Database Storage Multi AZ SQL Server Mirror General Purpose',
          'Database Storage',
          mirror,
          'General Purpose',
          'GB-Mo',
          'RDS gp2 storage, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Database Storage Single AZ Provisioned IOPS',
          'Database Storage',
          'Single-AZ',
          'Provisioned IOPS',
          'GB-Mo',
          'RDS io1 storage, Single-AZ',
        ),
        rdsStorage(
          'Database Storage Multi AZ SQL Server Mirror Provisioned IOPS',
          'Database Storage',
          mirror,
          'Provisioned IOPS',
          'GB-Mo',
          'RDS io1 storage, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Database Storage Single AZ Provisioned IOPS-IO2',
          'Database Storage',
          'Single-AZ',
          'Provisioned IOPS-IO2',
          'GB-Mo',
          'RDS io2 storage, Single-AZ',
        ),
        rdsStorage(
          'Database Storage Multi AZ SQL Server Mirror Provisioned IOPS-IO2',
          'Database Storage',
          mirror,
          'Provisioned IOPS-IO2',
          'GB-Mo',
          'RDS io2 storage, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Provisioned GP3 IOPS Single AZ',
          'Provisioned IOPS',
          'Single-AZ',
          'General Purpose-GP3',
          'IOPS-Mo',
          'RDS gp3 IOPS above the baseline, Single-AZ',
        ),
        rdsStorage(
          'Provisioned GP3 IOPS Multi AZ SQL Server Mirror',
          'Provisioned IOPS',
          mirror,
          'General Purpose-GP3',
          'IOPS-Mo',
          'RDS gp3 IOPS above the baseline, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Provisioned IOPS Single AZ',
          'Provisioned IOPS',
          'Single-AZ',
          'Provisioned IOPS',
          'IOPS-Mo',
          'RDS io1 provisioned IOPS, Single-AZ',
        ),
        rdsStorage(
          'Provisioned IOPS Multi AZ SQL Server Mirror',
          'Provisioned IOPS',
          mirror,
          'Provisioned IOPS',
          'IOPS-Mo',
          'RDS io1 provisioned IOPS, Multi-AZ (SQL Server mirror)',
        ),
        rdsStorage(
          'Provisioned Throughput Single AZ',
          'Provisioned Throughput',
          'Single-AZ',
          'General Purpose-GP3',
          'MiBps-Mo',
          'RDS gp3 throughput above the baseline, Single-AZ',
        ),
        rdsStorage(
          'Provisioned Throughput Multi AZ SQL Server Mirror',
          'Provisioned Throughput',
          mirror,
          'General Purpose-GP3',
          'MiBps-Mo',
          'RDS gp3 throughput above the baseline, Multi-AZ (SQL Server mirror)',
        ),
        {
          key: 'Storage Snapshot',
          serviceCode: 'AmazonRDS',
          productFamily: 'Storage Snapshot',
          attributes: { usagetype: `${spec.usagePrefix}RDS:ChargedBackupUsage` },
          unit: 'GB-Mo',
          description: 'RDS backup storage beyond the free allowance (100% of provisioned storage)',
        },
      ],
    ),
  );
  // io2 IOPS are only in the labelled copy of the same AWS file.
  for (const [key, deploymentOption] of [
    ['Provisioned IO2 IOPS Single AZ', 'Single-AZ'],
    ['Provisioned IO2 IOPS Multi AZ SQL Server Mirror', mirror],
  ] as const) {
    const [entry] = processedEntries(data, key, spec.location);
    if (!entry) throw new Error(`${processedFile}: "${key}" missing for ${spec.location}`);
    out.push({
      serviceCode: 'AmazonRDS',
      productFamily: 'Provisioned IOPS',
      attributes: { databaseEngine: 'Any', deploymentOption, volumeType: 'Provisioned IOPS-IO2', ...place },
      onDemand: [
        dimension(
          'IOPS-Mo',
          normalizePrice(entry.price, `${processedFile} ${key}`),
          null,
          `RDS io2 provisioned IOPS — AWS key "${key}"`,
        ),
      ],
      provenance: { sourceId: 'rds-sqlserver', derived: null },
    });
  }
  return out;
}

export function buildServices(ctx: BuildContext): PricedProduct[] {
  return [
    ...ebs(ctx),
    ...vpcAndNetwork(ctx),
    ...directConnect(ctx),
    ...dataTransfer(ctx),
    ...storageAndSecrets(ctx),
    ...securityAndOperations(ctx),
    ...fsx(ctx),
    ...rds(ctx),
  ];
}
