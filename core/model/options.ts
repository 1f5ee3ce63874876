import { z } from 'zod';

/**
 * SQL Server high-availability patterns (core/topology/ha-patterns/ builds each).
 * `always-on-ag`: Always On availability group, a replica in each of two AZs (Enterprise edition).
 * `basic-ag`: basic availability group (Standard edition; one database per group).
 * `fci-fsx`: failover cluster instance on FSx for Windows File Server Multi-AZ shared storage.
 * `rds-multi-az`: Amazon RDS for SQL Server, Multi-AZ.
 * `single-instance`: one server with backups to S3 and log shipping — not HA, and the checklist says so.
 */
export const SQL_HA_PATTERNS = [
  'always-on-ag',
  'basic-ag',
  'fci-fsx',
  'rds-multi-az',
  'single-instance',
] as const;
export type SqlHaPattern = (typeof SQL_HA_PATTERNS)[number];

/**
 * How compute is bought. Reserved Instances: `ri-<class>-<term>-<payment>`; Savings Plans:
 * `sp-<plan>-<term>-<payment>`. Licence fees for Windows and SQL Server are not discounted by either.
 */
export const PURCHASE_OPTIONS = [
  'on-demand',
  'ri-standard-1yr-no-upfront',
  'ri-standard-1yr-partial-upfront',
  'ri-standard-1yr-all-upfront',
  'ri-standard-3yr-no-upfront',
  'ri-standard-3yr-partial-upfront',
  'ri-standard-3yr-all-upfront',
  'ri-convertible-1yr-no-upfront',
  'ri-convertible-1yr-partial-upfront',
  'ri-convertible-1yr-all-upfront',
  'ri-convertible-3yr-no-upfront',
  'ri-convertible-3yr-partial-upfront',
  'ri-convertible-3yr-all-upfront',
  'sp-compute-1yr-no-upfront',
  'sp-compute-1yr-partial-upfront',
  'sp-compute-1yr-all-upfront',
  'sp-compute-3yr-no-upfront',
  'sp-compute-3yr-partial-upfront',
  'sp-compute-3yr-all-upfront',
  'sp-ec2-instance-1yr-no-upfront',
  'sp-ec2-instance-1yr-partial-upfront',
  'sp-ec2-instance-1yr-all-upfront',
  'sp-ec2-instance-3yr-no-upfront',
  'sp-ec2-instance-3yr-partial-upfront',
  'sp-ec2-instance-3yr-all-upfront',
] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];

/** One NAT gateway per AZ (resilient) or a single shared one (cheaper; a reliability rule flags it). */
export const NAT_GATEWAY_MODES = ['per-az', 'single'] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** Utilisation percentile sizing works from. */
export const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;
export type Percentile = (typeof PERCENTILES)[number];

/** Named traffic/usage defaults for what the design cannot know (core/pricing/usage.ts). */
export const USAGE_PROFILES = ['small', 'medium', 'large'] as const;
export type UsageProfile = (typeof USAGE_PROFILES)[number];

/** How the customer's data centre reaches the VPC. */
export const CONNECTIVITY_KINDS = ['vpn', 'direct-connect', 'none'] as const;
export type ConnectivityKind = (typeof CONNECTIVITY_KINDS)[number];

const cidrText = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as 172.16.0.0/16');

export const connectivitySchema = z.object({
  kind: z.enum(CONNECTIVITY_KINDS),
  /** Address ranges of the customer's network; the only sources allowed to RDP (3389) to servers. */
  onPremisesCidrs: z.array(cidrText).max(50),
  /** Direct Connect port speed, e.g. "1Gbps". */
  directConnectBandwidth: z.string().max(20),
});
export type Connectivity = z.infer<typeof connectivitySchema>;

export const DEFAULT_CONNECTIVITY: Connectivity = {
  kind: 'vpn',
  onPremisesCidrs: ['172.16.0.0/16'],
  directConnectBandwidth: '1Gbps',
};

export const planOptionsSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region code such as ap-south-1'),
  azCount: z.number().int().min(2).max(3),
  sqlHa: z.enum(SQL_HA_PATTERNS),
  purchaseOption: z.enum(PURCHASE_OPTIONS),
  /** Comfort factor over measured utilisation; 1.3 = 30 % headroom. */
  headroom: z.number().min(1).max(4),
  natGateways: z.enum(NAT_GATEWAY_MODES),
  vpcCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/16$/, 'expected a /16 CIDR such as 10.20.0.0/16'),
  percentile: z.enum(PERCENTILES).default('p95'),
  /** Let sizing choose burstable t3/t3a types for lightly used servers. */
  allowBurstable: z.boolean().default(false),
  /** Extra families SQL Server may be sized on when asked: z1d (high clock) or r5b (high EBS bandwidth). */
  sqlExtraFamilies: z
    .array(z.enum(['z1d', 'r5b']))
    .max(2)
    .default([]),
  usageProfile: z.enum(USAGE_PROFILES).default('medium'),
  /** Per-project overrides of the profile's usage figures, keyed by the usage field name (e.g. natGbPerInstanceMonth). */
  usageOverrides: z
    .record(
      z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
        .max(60),
      z.number().finite().min(0),
    )
    .default({}),
  connectivity: connectivitySchema.default(DEFAULT_CONNECTIVITY),
  /** Active Directory / private DNS domain. */
  domainName: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
      'expected a domain name such as corp.example.internal',
    )
    .max(253)
    .default('corp.example.internal'),
  /** Add CloudTrail, GuardDuty, Config, Patch Manager, Secrets Manager and CloudWatch (the case study's account services). */
  accountServices: z.boolean().default(true),
});
export type PlanOptions = z.infer<typeof planOptionsSchema>;

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  region: 'ap-south-1',
  azCount: 2,
  sqlHa: 'always-on-ag',
  purchaseOption: 'on-demand',
  headroom: 1.3,
  natGateways: 'per-az',
  vpcCidr: '10.20.0.0/16',
  percentile: 'p95',
  allowBurstable: false,
  sqlExtraFamilies: [],
  usageProfile: 'medium',
  usageOverrides: {},
  connectivity: DEFAULT_CONNECTIVITY,
  domainName: 'corp.example.internal',
  accountServices: true,
};
