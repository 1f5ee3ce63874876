import type { ServerRole } from '../model/inventory';
import type { DesignContext } from './design-context';
import { GROUP, NODE } from './design-ids';

/**
 * AWS Config managed rules deployed with the recorder: the "recommended rules" of the case study,
 * chosen to watch what this design promises (encryption, private placement, logging, patching, WAF,
 * secrets rotation, Multi-AZ databases). Identifiers are AWS's own.
 */
export const CONFIG_MANAGED_RULES = [
  'ENCRYPTED_VOLUMES',
  'EC2_EBS_ENCRYPTION_BY_DEFAULT',
  'EC2_IMDSV2_CHECK',
  'EC2_INSTANCE_NO_PUBLIC_IP',
  'EC2_INSTANCE_MANAGED_BY_SSM',
  'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK',
  'RESTRICTED_INCOMING_TRAFFIC',
  'INCOMING_SSH_DISABLED',
  'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
  'VPC_FLOW_LOGS_ENABLED',
  'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
  'S3_BUCKET_SSL_REQUESTS_ONLY',
  'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
  'S3_BUCKET_VERSIONING_ENABLED',
  'CLOUD_TRAIL_ENABLED',
  'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
  'CLOUD_TRAIL_ENCRYPTION_ENABLED',
  'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
  'GUARDDUTY_ENABLED_CENTRALIZED',
  'CMK_BACKING_KEY_ROTATION_ENABLED',
  'CLOUDWATCH_LOG_GROUP_ENCRYPTED',
  'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
  'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
  'ALB_WAF_ENABLED',
  'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
  'ALB_HTTP_DROP_INVALID_HEADER_ENABLED',
  'RDS_STORAGE_ENCRYPTED',
  'RDS_MULTI_AZ_SUPPORT',
  'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  'ROOT_ACCOUNT_MFA_ENABLED',
  'IAM_ROOT_ACCESS_KEY_CHECK',
  'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
] as const;

/** Log groups are kept a year (CIS, FSBP CloudWatch.16) and encrypted with the logs key. */
export const LOG_RETENTION_DAYS = 365;

/**
 * CloudTrail alarms on the API activity CIS AWS Foundations asks to watch (section 4): root use,
 * unauthorised calls, console sign-in without MFA, changes to security groups, network ACLs and the
 * trail itself. Each is a metric filter on the trail's log group and an alarm.
 */
export const SECURITY_ALARMS = [
  'root-account-usage',
  'unauthorized-api-calls',
  'console-sign-in-without-mfa',
  'security-group-changes',
  'network-acl-changes',
  'cloudtrail-changes',
] as const;

export interface AccountServiceInputs {
  /** Roles that run on EC2 (patched by Patch Manager). */
  roles: readonly ServerRole[];
  hasSql: boolean;
  sqlOnEc2: boolean;
  hasWaf: boolean;
  /** Alarms on managed data services: two per RDS instance, one per FSx file system, two for the ALB. */
  serviceAlarms: number;
}

/**
 * The case study's account services, in titled boxes beside the VPC: CloudTrail (all Regions, log
 * file validation, KMS, CloudWatch Logs), GuardDuty, AWS Config with managed rules, Patch Manager with
 * a maintenance window, a Secrets Manager secret for the SQL Server credentials, CloudWatch log groups
 * and alarms, and the bucket the trail and Config deliver to.
 */
export function addAccountServices(ctx: DesignContext, inputs: AccountServiceInputs): void {
  if (!ctx.options.accountServices) return;
  const storage = ctx.group(GROUP.storage);
  const security = ctx.group(GROUP.security);
  const operations = ctx.group(GROUP.operations);
  ctx.nodes.push({
    id: NODE.logBucket,
    name: 'Audit log bucket',
    parentId: storage,
    kind: 's3-bucket',
    purpose: 'logs',
    encryption: 'sse-kms',
    kmsKeyId: NODE.logKey,
    versioning: true,
    publicAccessBlocked: true,
    lifecycle: { transitionDays: 90, expireDays: 365 },
    // CloudTrail and Config for one account: a few GB a month, a year kept.
    storageGib: 50,
  });
  ctx.nodes.push({
    id: NODE.cloudTrail,
    name: 'CloudTrail (all Regions)',
    parentId: security,
    kind: 'cloudtrail',
    multiRegion: true,
    logFileValidation: true,
    kmsKeyId: NODE.logKey,
    cloudWatchLogs: true,
    bucketId: NODE.logBucket,
  });
  ctx.nodes.push({
    id: NODE.guardDuty,
    name: 'GuardDuty',
    parentId: security,
    kind: 'guardduty',
    s3Protection: true,
    malwareProtection: true,
  });
  ctx.nodes.push({
    id: NODE.config,
    name: 'AWS Config',
    parentId: security,
    kind: 'config-recorder',
    allSupported: true,
    includeGlobalResources: true,
    managedRules: [...CONFIG_MANAGED_RULES],
  });
  if (inputs.hasSql) {
    ctx.nodes.push({
      id: NODE.sqlSecret,
      name: 'SQL Server credentials',
      parentId: security,
      kind: 'secrets-manager-secret',
      purpose: inputs.sqlOnEc2
        ? 'SQL Server login the RPA control room uses, generated at deployment'
        : 'Master user of the RDS DB instance, created and rotated by RDS',
      kmsKeyId: NODE.logKey,
      rotationDays: inputs.sqlOnEc2 ? 30 : 7,
    });
  }
  if (inputs.roles.length > 0) {
    ctx.nodes.push({
      id: NODE.patchManager,
      name: 'Patch Manager',
      parentId: operations,
      kind: 'patch-manager',
      operatingSystem: 'WINDOWS',
      approveAfterDays: 7,
      maintenanceWindow: 'cron(0 2 ? * SUN *)',
      targetRoles: [...inputs.roles],
    });
  }
  const logGroup = (name: string) => ({ name, retentionDays: LOG_RETENTION_DAYS, kmsEncrypted: true });
  ctx.nodes.push({
    id: NODE.cloudWatch,
    name: 'CloudWatch logs and alarms',
    parentId: operations,
    kind: 'cloudwatch',
    logGroups: [
      logGroup('vpc-flow-logs'),
      logGroup('cloudtrail'),
      ...(inputs.hasWaf ? [logGroup('aws-waf-logs')] : []),
      ...(inputs.roles.length > 0 ? [logGroup('windows-events')] : []),
      ...(inputs.sqlOnEc2 ? [logGroup('sql-server')] : []),
    ],
    extraAlarms: SECURITY_ALARMS.length + inputs.serviceAlarms,
    dashboards: 0,
  });
}
