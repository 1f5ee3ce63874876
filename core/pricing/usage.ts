import type { Issue } from '../model/issue';
import type { UsageProfile } from '../model/options';
import { groupThousands } from '../util/format';

/**
 * Usage the design cannot know: traffic, requests, data volumes, events. Each project picks a named
 * profile (small / medium / large, `options.usageProfile`) and may override single figures
 * (`options.usageOverrides`, keyed by these field names). Keys end in their unit (infracost's
 * convention), and every line priced from one of them states it as its assumption.
 */
export interface UsageAssumptions {
  /** Internet-bound data through a NAT gateway (Windows Update, patches, agents), per instance. */
  natGbPerInstanceMonth: number;
  /** Average Application Load Balancer capacity units in use, per load balancer. */
  albAverageLcu: number;
  /** Data out to the internet (responses to users, partner systems), whole design. */
  internetDataOutGbMonth: number;
  /** Data out to the customer's data centre over the Site-to-Site VPN. */
  vpnDataOutGbMonth: number;
  /** Data out to the customer's data centre over Direct Connect. */
  directConnectDataOutGbMonth: number;
  /** SQL Server log and seeding traffic to each replica in another Availability Zone. */
  sqlReplicationGbPerReplicaMonth: number;
  /** Data through each interface VPC endpoint (SSM, logs, KMS, Secrets Manager calls). */
  vpcEndpointGbPerEndpointMonth: number;
  /** DNS queries answered by each hosted zone. */
  dnsQueriesPerZoneMonth: number;
  s3PutRequestsMonth: number;
  s3GetRequestsMonth: number;
  kmsRequestsMonth: number;
  secretsApiCallsPerSecretMonth: number;
  /** Changed blocks kept in EBS snapshots, as a percentage of provisioned volume size. */
  ebsSnapshotPercentOfVolume: number;
  /** FSx backups kept, as a percentage of the file system's storage. */
  fsxBackupPercentOfStorage: number;
  /** RDS backups beyond the free allowance (which equals the provisioned storage). */
  rdsBackupBeyondFreeGbMonth: number;
  /** Management events the account's APIs generate (the first trail's copy is free; GuardDuty analyses them). */
  cloudTrailManagementEventsMonth: number;
  cloudTrailDataEventsMonth: number;
  /** CloudTrail events delivered to CloudWatch Logs. */
  cloudTrailLogsGbMonth: number;
  guardDutyFlowDnsLogsGbMonth: number;
  guardDutyS3EventsMonth: number;
  guardDutyMalwareScanGbMonth: number;
  configItemsMonth: number;
  configEvaluationsPerRuleMonth: number;
  wafRequestsMonth: number;
  /** Windows event logs and SQL Server logs shipped to CloudWatch Logs. */
  logsIngestedGbMonth: number;
  /** VPC flow logs delivered to CloudWatch Logs. */
  flowLogsGbMonth: number;
  /** CloudWatch agent metrics per instance (memory, disk, SQL Server counters). */
  customMetricsPerInstance: number;
}

export type UsageKey = keyof UsageAssumptions;

const profile = (p: UsageAssumptions): UsageAssumptions => p;

/**
 * The named defaults. Medium is a mid-sized RPA estate (a few dozen bots, one control room, SQL
 * Server in two AZs); small and large bracket it. They are planning figures, not measurements: the
 * proposal prints every one it uses, and the customer's own numbers should replace them.
 */
export const USAGE_PROFILE_VALUES: Readonly<Record<UsageProfile, UsageAssumptions>> = {
  small: profile({
    natGbPerInstanceMonth: 5,
    albAverageLcu: 0.5,
    internetDataOutGbMonth: 50,
    vpnDataOutGbMonth: 50,
    directConnectDataOutGbMonth: 100,
    sqlReplicationGbPerReplicaMonth: 50,
    vpcEndpointGbPerEndpointMonth: 5,
    dnsQueriesPerZoneMonth: 1_000_000,
    s3PutRequestsMonth: 5_000,
    s3GetRequestsMonth: 500,
    kmsRequestsMonth: 50_000,
    secretsApiCallsPerSecretMonth: 5_000,
    ebsSnapshotPercentOfVolume: 10,
    fsxBackupPercentOfStorage: 20,
    rdsBackupBeyondFreeGbMonth: 0,
    cloudTrailManagementEventsMonth: 200_000,
    cloudTrailDataEventsMonth: 0,
    cloudTrailLogsGbMonth: 1,
    guardDutyFlowDnsLogsGbMonth: 10,
    guardDutyS3EventsMonth: 1_000_000,
    guardDutyMalwareScanGbMonth: 0,
    configItemsMonth: 1_000,
    configEvaluationsPerRuleMonth: 200,
    wafRequestsMonth: 1_000_000,
    logsIngestedGbMonth: 5,
    flowLogsGbMonth: 5,
    customMetricsPerInstance: 5,
  }),
  medium: profile({
    natGbPerInstanceMonth: 10,
    albAverageLcu: 1,
    internetDataOutGbMonth: 200,
    vpnDataOutGbMonth: 200,
    directConnectDataOutGbMonth: 500,
    sqlReplicationGbPerReplicaMonth: 200,
    vpcEndpointGbPerEndpointMonth: 20,
    dnsQueriesPerZoneMonth: 10_000_000,
    s3PutRequestsMonth: 10_000,
    s3GetRequestsMonth: 1_000,
    kmsRequestsMonth: 100_000,
    secretsApiCallsPerSecretMonth: 20_000,
    ebsSnapshotPercentOfVolume: 20,
    fsxBackupPercentOfStorage: 50,
    rdsBackupBeyondFreeGbMonth: 0,
    cloudTrailManagementEventsMonth: 1_000_000,
    cloudTrailDataEventsMonth: 0,
    cloudTrailLogsGbMonth: 5,
    guardDutyFlowDnsLogsGbMonth: 50,
    guardDutyS3EventsMonth: 10_000_000,
    guardDutyMalwareScanGbMonth: 0,
    configItemsMonth: 5_000,
    configEvaluationsPerRuleMonth: 1_000,
    wafRequestsMonth: 10_000_000,
    logsIngestedGbMonth: 20,
    flowLogsGbMonth: 30,
    customMetricsPerInstance: 10,
  }),
  large: profile({
    natGbPerInstanceMonth: 25,
    albAverageLcu: 3,
    internetDataOutGbMonth: 1_000,
    vpnDataOutGbMonth: 1_000,
    directConnectDataOutGbMonth: 3_000,
    sqlReplicationGbPerReplicaMonth: 1_000,
    vpcEndpointGbPerEndpointMonth: 100,
    dnsQueriesPerZoneMonth: 100_000_000,
    s3PutRequestsMonth: 100_000,
    s3GetRequestsMonth: 10_000,
    kmsRequestsMonth: 1_000_000,
    secretsApiCallsPerSecretMonth: 100_000,
    ebsSnapshotPercentOfVolume: 30,
    fsxBackupPercentOfStorage: 100,
    rdsBackupBeyondFreeGbMonth: 0,
    cloudTrailManagementEventsMonth: 5_000_000,
    cloudTrailDataEventsMonth: 0,
    cloudTrailLogsGbMonth: 25,
    guardDutyFlowDnsLogsGbMonth: 250,
    guardDutyS3EventsMonth: 100_000_000,
    guardDutyMalwareScanGbMonth: 0,
    configItemsMonth: 20_000,
    configEvaluationsPerRuleMonth: 5_000,
    wafRequestsMonth: 100_000_000,
    logsIngestedGbMonth: 100,
    flowLogsGbMonth: 150,
    customMetricsPerInstance: 20,
  }),
};

export const USAGE_KEYS = Object.keys(USAGE_PROFILE_VALUES.medium) as UsageKey[];

/** The usage figures in force, where each came from, and how to say it on a line. */
export interface ResolvedUsage {
  profile: UsageProfile;
  values: UsageAssumptions;
  overridden: ReadonlySet<UsageKey>;
  /** Cache key: equal usage gives equal keys. */
  key: string;
}

/**
 * The profile's figures with the project's overrides applied. An override with an unknown name is
 * reported (it would otherwise silently change nothing) and ignored.
 */
export function resolveUsage(
  profileName: UsageProfile,
  overrides: Readonly<Record<string, number>> = {},
): { usage: ResolvedUsage; issues: Issue[] } {
  const values: UsageAssumptions = { ...USAGE_PROFILE_VALUES[profileName] };
  const overridden = new Set<UsageKey>();
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!(USAGE_KEYS as string[]).includes(key)) {
      issues.push({
        code: 'pricing.unknown-usage-override',
        severity: 'warning',
        message: `The usage override "${key}" is not a usage figure the estimate uses, so it changes nothing.`,
        hint: `Use one of: ${USAGE_KEYS.join(', ')}.`,
        path: { field: `options.usageOverrides.${key}` },
      });
      continue;
    }
    values[key as UsageKey] = value;
    overridden.add(key as UsageKey);
  }
  const key = `${profileName}|${USAGE_KEYS.map((k) => values[k]).join(',')}`;
  return { usage: { profile: profileName, values, overridden, key }, issues };
}

export const DEFAULT_USAGE: ResolvedUsage = resolveUsage('medium').usage;

/** "(medium usage profile)" or "(project override)": where a usage figure came from. */
export function usageOrigin(usage: ResolvedUsage, key: UsageKey): string {
  return usage.overridden.has(key) ? '(project override)' : `(${usage.profile} usage profile)`;
}

const DESCRIPTIONS: Readonly<Record<UsageKey, (v: string) => string>> = {
  natGbPerInstanceMonth: (v) => `${v} GB a month per instance through the NAT gateways`,
  albAverageLcu: (v) => `${v} LCU on average per Application Load Balancer`,
  internetDataOutGbMonth: (v) => `${v} GB a month out to the internet`,
  vpnDataOutGbMonth: (v) => `${v} GB a month to the data centre over the VPN`,
  directConnectDataOutGbMonth: (v) => `${v} GB a month to the data centre over Direct Connect`,
  sqlReplicationGbPerReplicaMonth: (v) =>
    `${v} GB a month of SQL Server replication to each replica in another AZ`,
  vpcEndpointGbPerEndpointMonth: (v) => `${v} GB a month through each interface VPC endpoint`,
  dnsQueriesPerZoneMonth: (v) => `${v} DNS queries a month per hosted zone`,
  s3PutRequestsMonth: (v) => `${v} S3 PUT/LIST requests a month per bucket`,
  s3GetRequestsMonth: (v) => `${v} S3 GET requests a month per bucket`,
  kmsRequestsMonth: (v) => `${v} KMS requests a month per key`,
  secretsApiCallsPerSecretMonth: (v) => `${v} Secrets Manager API calls a month per secret`,
  ebsSnapshotPercentOfVolume: (v) => `EBS snapshots keep ${v}% of provisioned volume size`,
  fsxBackupPercentOfStorage: (v) => `FSx backups hold ${v}% of the file system size`,
  rdsBackupBeyondFreeGbMonth: (v) => `${v} GB of RDS backups beyond the free allowance`,
  cloudTrailManagementEventsMonth: (v) => `${v} CloudTrail management events a month`,
  cloudTrailDataEventsMonth: (v) => `${v} CloudTrail data events a month`,
  cloudTrailLogsGbMonth: (v) => `${v} GB a month of CloudTrail events in CloudWatch Logs`,
  guardDutyFlowDnsLogsGbMonth: (v) => `${v} GB a month of flow and DNS logs analysed by GuardDuty`,
  guardDutyS3EventsMonth: (v) => `${v} S3 data events a month analysed by GuardDuty`,
  guardDutyMalwareScanGbMonth: (v) => `${v} GB a month of EBS data scanned for malware`,
  configItemsMonth: (v) => `${v} AWS Config configuration items a month`,
  configEvaluationsPerRuleMonth: (v) => `${v} AWS Config evaluations a month per rule`,
  wafRequestsMonth: (v) => `${v} web requests a month through AWS WAF`,
  logsIngestedGbMonth: (v) => `${v} GB a month of Windows and SQL Server logs into CloudWatch Logs`,
  flowLogsGbMonth: (v) => `${v} GB a month of VPC flow logs`,
  customMetricsPerInstance: (v) => `${v} CloudWatch agent metrics per instance`,
};

/** "10 GB a month per instance through the NAT gateways (medium usage profile)". */
export function describeUsage(usage: ResolvedUsage, key: UsageKey): string {
  return `${DESCRIPTIONS[key](formatCount(usage.values[key]))} ${usageOrigin(usage, key)}`;
}

/** Number as a person writes it: 1,000,000; 0.5. */
export function formatCount(value: number): string {
  return groupThousands(value);
}
