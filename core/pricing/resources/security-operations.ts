import type { NodeOfKind } from '../../model/topology';
import { HOURS_PER_MONTH, Money } from '../../util/money';
import { type ComponentBase, type ComponentOwner, type CostComponent, component } from '../cost-component';
import { type ResolvedUsage, formatCount, usageOrigin } from '../usage';

function base(node: { id: string; name: string }): ComponentBase {
  return { resourceId: node.id, resourceName: node.name, tier: 'security-operations' };
}

function owner(node: { id: string; name: string }, service: string): ComponentOwner {
  return {
    resourceId: node.id,
    resourceName: node.name,
    tier: 'security-operations',
    service,
    attributes: {},
  };
}

/** Days in a month at 730 hours: 30.41666… */
const DAYS_PER_MONTH = new Money(HOURS_PER_MONTH).div(24);

function logIngestion(region: string): CostComponent['filter'] {
  return {
    serviceCode: 'AmazonCloudWatch',
    productFamily: 'Data Payload',
    attributes: { regionCode: region },
    contains: { usagetype: 'DataProcessing-Bytes' },
  };
}

export function cloudTrailComponents(
  node: NodeOfKind<'cloudtrail'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const b = owner(node, 'AWS CloudTrail');
  const mgmt = usage.values.cloudTrailManagementEventsMonth;
  const data = usage.values.cloudTrailDataEventsMonth;
  const out: CostComponent[] = [
    component(b, {
      name: 'Management events (first copy, no charge)',
      unit: 'events',
      monthlyQuantity: String(mgmt),
      filter: {
        serviceCode: 'AWSCloudTrail',
        productFamily: 'Management Tools - AWS CloudTrail Free Events Recorded',
        attributes: { regionCode: region },
      },
      priceUnit: 'Events',
      assumption: `${formatCount(mgmt)} management events a month across the account ${usageOrigin(usage, 'cloudTrailManagementEventsMonth')}`,
      usageKeys: ['cloudTrailManagementEventsMonth'],
    }),
    component(b, {
      name: 'Data events',
      unit: 'events',
      monthlyQuantity: String(data),
      filter: {
        serviceCode: 'AWSCloudTrail',
        productFamily: 'Management Tools - AWS CloudTrail Data Events Recorded',
        attributes: { regionCode: region },
      },
      priceUnit: 'Events',
      assumption: `${formatCount(data)} data events a month (S3 object-level logging is off by default) ${usageOrigin(usage, 'cloudTrailDataEventsMonth')}`,
      usageKeys: ['cloudTrailDataEventsMonth'],
    }),
  ];
  if (node.cloudWatchLogs) {
    const gb = usage.values.cloudTrailLogsGbMonth;
    out.push(
      component(b, {
        service: 'Amazon CloudWatch',
        name: 'Trail delivered to CloudWatch Logs',
        unit: 'GB',
        monthlyQuantity: String(gb),
        filter: logIngestion(region),
        priceUnit: 'GB',
        assumption: `${formatCount(gb)} GB of trail events a month ${usageOrigin(usage, 'cloudTrailLogsGbMonth')}`,
        usageKeys: ['cloudTrailLogsGbMonth'],
      }),
    );
  }
  return out;
}

export function guardDutyComponents(
  node: NodeOfKind<'guardduty'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const b = owner(node, 'Amazon GuardDuty');
  const filter = (group: string): CostComponent['filter'] => ({
    serviceCode: 'AmazonGuardDuty',
    productFamily: 'Security Services',
    attributes: { regionCode: region, group },
  });
  const events = usage.values.cloudTrailManagementEventsMonth;
  const logs = usage.values.guardDutyFlowDnsLogsGbMonth;
  const out: CostComponent[] = [
    component(b, {
      name: 'CloudTrail management events analysed',
      unit: 'events',
      monthlyQuantity: String(events),
      filter: filter('CloudTrail management events'),
      priceUnit: 'Events',
      assumption: `${formatCount(events)} management events a month ${usageOrigin(usage, 'cloudTrailManagementEventsMonth')}`,
      usageKeys: ['cloudTrailManagementEventsMonth'],
    }),
    component(b, {
      name: 'VPC flow logs and DNS logs analysed',
      unit: 'GB',
      monthlyQuantity: String(logs),
      filter: filter('VPC flow and DNS logs'),
      priceUnit: 'GB',
      assumption: `${formatCount(logs)} GB of flow and DNS logs a month ${usageOrigin(usage, 'guardDutyFlowDnsLogsGbMonth')}`,
      usageKeys: ['guardDutyFlowDnsLogsGbMonth'],
    }),
  ];
  if (node.s3Protection) {
    const s3 = usage.values.guardDutyS3EventsMonth;
    out.push(
      component(b, {
        name: 'S3 Protection (S3 data events analysed)',
        unit: 'events',
        monthlyQuantity: String(s3),
        filter: filter('S3 data events'),
        priceUnit: 'Events',
        assumption: `${formatCount(s3)} S3 data events a month ${usageOrigin(usage, 'guardDutyS3EventsMonth')}`,
        usageKeys: ['guardDutyS3EventsMonth'],
      }),
    );
  }
  if (node.malwareProtection) {
    const gb = usage.values.guardDutyMalwareScanGbMonth;
    out.push(
      component(b, {
        name: 'Malware Protection (EBS data scanned)',
        unit: 'GB',
        monthlyQuantity: String(gb),
        filter: filter('EBS malware scan'),
        priceUnit: 'GB',
        assumption: `${formatCount(gb)} GB of EBS data scanned a month (scans run only when GuardDuty finds a suspicious instance) ${usageOrigin(usage, 'guardDutyMalwareScanGbMonth')}`,
        usageKeys: ['guardDutyMalwareScanGbMonth'],
      }),
    );
  }
  return out;
}

export function configRecorderComponents(
  node: NodeOfKind<'config-recorder'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const b = owner(node, 'AWS Config');
  const items = usage.values.configItemsMonth;
  const perRule = usage.values.configEvaluationsPerRuleMonth;
  const rules = node.managedRules.length;
  const out: CostComponent[] = [
    component(b, {
      name: 'Configuration items recorded',
      unit: 'items',
      monthlyQuantity: String(items),
      filter: {
        serviceCode: 'AWSConfig',
        productFamily: 'Management Tools - AWS Config',
        attributes: { regionCode: region },
        contains: { usagetype: 'ConfigurationItemRecorded' },
      },
      priceUnit: ['ConfigurationItemRecorded', 'Items'],
      assumption: `${formatCount(items)} configuration changes recorded a month ${usageOrigin(usage, 'configItemsMonth')}`,
      usageKeys: ['configItemsMonth'],
    }),
  ];
  if (rules > 0)
    out.push(
      component(b, {
        name: `Rule evaluations (${rules} managed rule${rules === 1 ? '' : 's'})`,
        unit: 'evaluations',
        monthlyQuantity: String(rules * perRule),
        filter: {
          serviceCode: 'AWSConfig',
          productFamily: 'Management Tools - AWS Config Rules',
          attributes: { regionCode: region },
          contains: { usagetype: 'ConfigRuleEvaluations' },
        },
        priceUnit: ['ConfigRuleEvaluations', 'Evaluations'],
        assumption: `${formatCount(perRule)} evaluations a month for each of the ${rules} rules ${usageOrigin(usage, 'configEvaluationsPerRuleMonth')}`,
        usageKeys: ['configEvaluationsPerRuleMonth'],
      }),
    );
  return out;
}

export function wafWebAclComponents(
  node: NodeOfKind<'waf-web-acl'>,
  region: string,
  usage: ResolvedUsage,
): CostComponent[] {
  const b: ComponentBase & { service: string; attributes: Record<string, string> } = {
    resourceId: node.id,
    resourceName: node.name,
    tier: 'web',
    service: 'AWS WAF',
    attributes: {},
  };
  const filter = (usagetype: string): CostComponent['filter'] => ({
    serviceCode: 'awswaf',
    productFamily: 'Web Application Firewall',
    attributes: { regionCode: region },
    contains: { usagetype },
  });
  // Each rule group (AWS managed ones included) and the rate-based rule count as a rule.
  const rules = node.managedRuleGroups.length + (node.rateLimit !== null ? 1 : 0);
  const requests = usage.values.wafRequestsMonth;
  const out: CostComponent[] = [
    component(b, {
      name: 'Web ACL',
      unit: 'months',
      monthlyQuantity: '1',
      filter: filter('WebACLV2'),
      priceUnit: ['WebACL', 'WebACLV2'],
      assumption: null,
    }),
  ];
  if (rules > 0)
    out.push(
      component(b, {
        name: `Rules and rule groups (${rules})`,
        unit: 'rule-months',
        monthlyQuantity: String(rules),
        filter: filter('RuleV2'),
        priceUnit: ['Rule', 'RuleV2'],
        attributes: {
          ruleGroups: [...node.managedRuleGroups, ...(node.rateLimit !== null ? ['rate-based rule'] : [])]
            .join(', ')
            .slice(0, 200),
        },
        assumption: null,
      }),
    );
  out.push(
    component(b, {
      name: 'Requests',
      unit: 'requests',
      monthlyQuantity: String(requests),
      filter: filter('RequestV2-Tier1'),
      priceUnit: ['Request', 'Requests'],
      assumption: `${formatCount(requests)} web requests a month ${usageOrigin(usage, 'wafRequestsMonth')}`,
      usageKeys: ['wafRequestsMonth'],
    }),
  );
  return out;
}

/**
 * CloudWatch beyond the per-instance alarms: Windows / SQL Server log ingestion and storage, custom
 * metrics from the CloudWatch agent on every instance, extra alarms and dashboards.
 */
export function cloudWatchComponents(
  node: NodeOfKind<'cloudwatch'>,
  region: string,
  instances: number,
  usage: ResolvedUsage,
): CostComponent[] {
  const b = owner(node, 'Amazon CloudWatch');
  const ingest = usage.values.logsIngestedGbMonth;
  const out: CostComponent[] = [
    component(b, {
      name: 'Logs ingested (Standard log class)',
      unit: 'GB',
      monthlyQuantity: String(ingest),
      filter: logIngestion(region),
      priceUnit: 'GB',
      assumption: `${formatCount(ingest)} GB a month of Windows event logs and SQL Server logs ${usageOrigin(usage, 'logsIngestedGbMonth')}`,
      usageKeys: ['logsIngestedGbMonth'],
    }),
  ];
  if (node.logGroups.length > 0 && ingest > 0) {
    // Steady state: each group holds its retention's worth of its share of the ingestion (no compression assumed).
    const share = new Money(ingest).div(node.logGroups.length);
    const stored = node.logGroups.reduce(
      (a, g) => a.plus(share.times(g.retentionDays).div(DAYS_PER_MONTH)),
      new Money(0),
    );
    out.push(
      component(b, {
        name: `Logs stored (${node.logGroups.length} log group${node.logGroups.length === 1 ? '' : 's'})`,
        unit: 'GB-months',
        monthlyQuantity: stored.toDecimalPlaces(2).toFixed(),
        filter: {
          serviceCode: 'AmazonCloudWatch',
          productFamily: 'Storage Snapshot',
          attributes: { regionCode: region },
          contains: { usagetype: 'TimedStorage-ByteHrs' },
        },
        priceUnit: 'GB-Mo',
        assumption: `Ingestion split evenly over the log groups, each keeping its retention (${node.logGroups.map((g) => `${g.retentionDays} days`).join(', ')}), uncompressed`,
      }),
    );
  }
  const perInstance = usage.values.customMetricsPerInstance;
  if (instances > 0 && perInstance > 0)
    out.push(
      component(b, {
        name: 'Custom metrics (CloudWatch agent)',
        unit: 'metrics',
        monthlyQuantity: String(instances * perInstance),
        filter: {
          serviceCode: 'AmazonCloudWatch',
          productFamily: 'Metric',
          attributes: { regionCode: region },
          contains: { usagetype: 'CW:MetricMonitorUsage' },
        },
        priceUnit: 'Metrics',
        assumption: `${formatCount(perInstance)} agent metrics for each of the ${instances} instances ${usageOrigin(usage, 'customMetricsPerInstance')}`,
        usageKeys: ['customMetricsPerInstance'],
      }),
    );
  if (node.extraAlarms > 0)
    out.push(
      component(b, {
        name: 'Alarms (standard resolution)',
        unit: 'alarms',
        monthlyQuantity: String(node.extraAlarms),
        filter: {
          serviceCode: 'AmazonCloudWatch',
          productFamily: 'Alarm',
          attributes: { regionCode: region, alarmType: 'Standard' },
        },
        priceUnit: 'Alarms',
        assumption: null,
      }),
    );
  if (node.dashboards > 0)
    out.push(
      component(b, {
        name: 'Dashboards',
        unit: 'dashboards',
        monthlyQuantity: String(node.dashboards),
        filter: {
          serviceCode: 'AmazonCloudWatch',
          productFamily: 'Dashboard',
          attributes: { usagetype: 'DashboardsUsageHour-Basic' },
        },
        priceUnit: 'Dashboards',
        assumption: null,
      }),
    );
  return out;
}

/** AWS Managed Microsoft AD: two domain controllers, always on. */
export function directoryComponents(node: NodeOfKind<'directory-service'>, region: string): CostComponent[] {
  return [
    component(base(node), {
      service: 'AWS Directory Service',
      name: `Managed Microsoft AD (${node.edition}, 2 domain controllers)`,
      unit: 'hours',
      monthlyQuantity: String(2 * HOURS_PER_MONTH),
      filter: {
        serviceCode: 'AWSDirectoryService',
        productFamily: 'AWS Directory Service',
        attributes: { regionCode: region, directoryType: 'Microsoft AD', directorySize: node.edition },
      },
      priceUnit: 'Hrs',
      attributes: { directoryType: 'Microsoft AD', edition: node.edition },
      assumption: null,
    }),
  ];
}
