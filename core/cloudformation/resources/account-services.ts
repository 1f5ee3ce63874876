import { nodesOfKind, type S3BucketNode } from '../../model/topology';
import { SECURITY_ALARMS } from '../../topology/account-services';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import {
  AWS_ACCOUNT_ID,
  AWS_STACK_NAME,
  equals,
  getAtt,
  not,
  ref,
  sub,
  text,
  type CfnObject,
  type CfnValue,
} from '../intrinsics';
import { literalText, truncateCodePoints } from '../sanitize';
import type { CfnResource } from '../template';
import { logGroupResource } from './log-groups';

/** Condition on the per-account, per-Region singletons (GuardDuty detector, Config recorder). */
export const ACCOUNT_SERVICES_CONDITION = 'CreatesAccountServices';
export const ALARM_EMAIL_CONDITION = 'HasAlarmEmail';

/** Where CloudTrail and Config deliver in the log bucket. */
const TRAIL_PREFIX = 'cloudtrail';
const CONFIG_PREFIX = 'config';

/** The Patch Group tag value instances carry and the patch baseline serves. */
export const patchGroupValue = () => sub('${AWS::StackName}-windows');

/**
 * Statements the log bucket's policy needs so CloudTrail and Config (of this account only) can check
 * the bucket and write under their prefixes, with the bucket owner owning every object.
 */
export function logBucketStatements(ctx: BuildContext, node: S3BucketNode, bucket: string): CfnObject[] {
  if (node.purpose !== 'logs') return [];
  const sameAccount = { StringEquals: { 'aws:SourceAccount': ref(AWS_ACCOUNT_ID) } };
  const ownerAndAccount = {
    StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ref(AWS_ACCOUNT_ID) },
  };
  const out: CfnObject[] = [];
  if (nodesOfKind(ctx.topology, 'cloudtrail').some((t) => t.bucketId === node.id)) {
    out.push(
      {
        Sid: 'CloudTrailChecksBucket',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: getAtt(bucket, 'Arn'),
        Condition: sameAccount,
      },
      {
        Sid: 'CloudTrailWritesLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: sub(`\${${bucket}.Arn}/${TRAIL_PREFIX}/AWSLogs/\${AWS::AccountId}/*`),
        Condition: ownerAndAccount,
      },
    );
  }
  if (nodesOfKind(ctx.topology, 'config-recorder').length > 0) {
    out.push(
      {
        Sid: 'ConfigChecksBucket',
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: getAtt(bucket, 'Arn'),
        Condition: sameAccount,
      },
      {
        Sid: 'ConfigWritesSnapshots',
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: sub(`\${${bucket}.Arn}/${CONFIG_PREFIX}/AWSLogs/\${AWS::AccountId}/Config/*`),
        Condition: ownerAndAccount,
      },
    );
  }
  return out;
}

/** CIS AWS Foundations section 4 filters on CloudTrail events, by alarm. */
const ALARM_FILTERS: Record<
  (typeof SECURITY_ALARMS)[number],
  { metric: string; pattern: string; what: string }
> = {
  'root-account-usage': {
    metric: 'RootAccountUsage',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    what: 'The root user was used',
  },
  'unauthorized-api-calls': {
    metric: 'UnauthorizedApiCalls',
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    what: 'API calls were refused as unauthorised',
  },
  'console-sign-in-without-mfa': {
    metric: 'ConsoleSignInWithoutMfa',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    what: 'An IAM user signed in to the console without MFA',
  },
  'security-group-changes': {
    metric: 'SecurityGroupChanges',
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    what: 'A security group changed',
  },
  'network-acl-changes': {
    metric: 'NetworkAclChanges',
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    what: 'A network ACL changed',
  },
  'cloudtrail-changes': {
    metric: 'CloudTrailChanges',
    pattern:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    what: 'The CloudTrail configuration changed',
  },
};

export interface AccountServiceInputs {
  logBucket: { bucket: string; policy: string } | null;
  logKey: string | null;
  /** Parameters: create the account-level singletons ('true'/'false'); e-mail for alarms ('' = none). */
  createAccountServices: string | null;
  alarmEmail: string | null;
  /** Alarms on the load balancer (it and its target group), the file systems and the DB instances. */
  loadBalancer: { lb: string; targetGroup: string } | null;
}

export interface AccountServiceResources {
  resources: Record<string, CfnResource>;
  conditions: Record<string, CfnValue>;
  /** Logical id of the alarm topic, or null. */
  alarmTopic: string | null;
  /** Logical id of the patch baseline, or null: instances carry its Patch Group tag. */
  patchBaseline: string | null;
}

/** A user-typed name inside alarm text: one clean line, short. */
const named = (name: string): string => truncateCodePoints(literalText(name), 200);

const assume = (service: string): CfnObject => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

/**
 * The case study's account services: CloudTrail (all Regions, validated, KMS-encrypted, to S3 and
 * CloudWatch Logs), GuardDuty and AWS Config with its managed rules (conditional: one of each per
 * account and Region), Patch Manager (a Windows baseline and a weekly window that patches the
 * application servers half at a time and SQL Server one node at a time), and CloudWatch (the agents'
 * log groups, CIS alarms on API activity, alarms on the load balancer, file systems and databases,
 * all to an encrypted SNS topic).
 */
export function buildAccountServices(
  ctx: BuildContext,
  inputs: AccountServiceInputs,
): AccountServiceResources {
  const resources: Record<string, CfnResource> = {};
  const conditions: Record<string, CfnValue> = {};
  const keyArn = inputs.logKey ? getAtt(inputs.logKey, 'Arn') : undefined;
  let trailLogGroup: string | null = null;

  const trail = nodesOfKind(ctx.topology, 'cloudtrail')[0];
  if (trail && inputs.logBucket) {
    const id = nodeLogicalId(ctx, trail.id) as string;
    trailLogGroup = ctx.ids.claim(`${id}LogGroup`);
    const role = ctx.ids.claim(`${id}LogsRole`);
    resources[trailLogGroup] = logGroupResource(ctx, 'cloudtrail', inputs.logKey);
    resources[role] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'CloudTrail: deliver events to the trail log group only',
        AssumeRolePolicyDocument: assume('cloudtrail.amazonaws.com'),
        Policies: [
          {
            PolicyName: 'DeliverToLogGroup',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: getAtt(trailLogGroup, 'Arn'),
                },
              ],
            },
          },
        ],
        Tags: strictTags(ctx, 'CloudTrail logs role', 'CloudTrail logs role'),
      },
    };
    resources[id] = {
      Type: 'AWS::CloudTrail::Trail',
      DependsOn: inputs.logBucket.policy,
      Properties: {
        IsLogging: true,
        IsMultiRegionTrail: trail.multiRegion,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: trail.logFileValidation,
        S3BucketName: ref(inputs.logBucket.bucket),
        S3KeyPrefix: TRAIL_PREFIX,
        ...(trail.kmsKeyId && keyArn ? { KMSKeyId: keyArn } : {}),
        ...(trail.cloudWatchLogs
          ? {
              CloudWatchLogsLogGroupArn: getAtt(trailLogGroup, 'Arn'),
              CloudWatchLogsRoleArn: getAtt(role, 'Arn'),
            }
          : {}),
        Tags: strictTags(ctx, trail.name, trail.id),
      },
    };
  }

  const guardDuty = nodesOfKind(ctx.topology, 'guardduty')[0];
  const config = nodesOfKind(ctx.topology, 'config-recorder')[0];
  const conditional = (guardDuty || config) && inputs.createAccountServices !== null;
  if (conditional && inputs.createAccountServices)
    conditions[ACCOUNT_SERVICES_CONDITION] = equals(ref(inputs.createAccountServices), 'true');
  const onCondition = conditional ? { Condition: ACCOUNT_SERVICES_CONDITION } : {};

  if (guardDuty) {
    resources[nodeLogicalId(ctx, guardDuty.id) as string] = {
      Type: 'AWS::GuardDuty::Detector',
      ...onCondition,
      Properties: {
        Enable: true,
        FindingPublishingFrequency: 'FIFTEEN_MINUTES',
        Features: [
          { Name: 'S3_DATA_EVENTS', Status: guardDuty.s3Protection ? 'ENABLED' : 'DISABLED' },
          { Name: 'EBS_MALWARE_PROTECTION', Status: guardDuty.malwareProtection ? 'ENABLED' : 'DISABLED' },
        ],
        Tags: strictTags(ctx, guardDuty.name, guardDuty.id),
      },
    };
  }

  if (config && inputs.logBucket) {
    const id = nodeLogicalId(ctx, config.id) as string;
    const role = ctx.ids.claim(`${id}Role`);
    const channel = ctx.ids.claim(`${id}DeliveryChannel`);
    const bucket = inputs.logBucket.bucket;
    const deliver: CfnObject[] = [
      { Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: getAtt(bucket, 'Arn') },
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: sub(`\${${bucket}.Arn}/${CONFIG_PREFIX}/AWSLogs/\${AWS::AccountId}/*`),
        Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ];
    if (keyArn)
      deliver.push({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn });
    resources[role] = {
      Type: 'AWS::IAM::Role',
      ...onCondition,
      Properties: {
        Description: 'AWS Config: read resource configurations, deliver snapshots to the log bucket',
        AssumeRolePolicyDocument: assume('config.amazonaws.com'),
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole')],
        Policies: [
          { PolicyName: 'DeliverToLogBucket', PolicyDocument: { Version: '2012-10-17', Statement: deliver } },
        ],
        Tags: strictTags(ctx, 'AWS Config role', 'AWS Config role'),
      },
    };
    resources[id] = {
      Type: 'AWS::Config::ConfigurationRecorder',
      ...onCondition,
      Properties: {
        RoleARN: getAtt(role, 'Arn'),
        RecordingGroup: {
          AllSupported: config.allSupported,
          IncludeGlobalResourceTypes: config.allSupported && config.includeGlobalResources,
        },
      },
    };
    resources[channel] = {
      Type: 'AWS::Config::DeliveryChannel',
      ...onCondition,
      DependsOn: inputs.logBucket.policy,
      Properties: {
        S3BucketName: ref(bucket),
        S3KeyPrefix: CONFIG_PREFIX,
        ...(keyArn ? { S3KmsKeyArn: keyArn } : {}),
        ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
      },
    };
    for (const rule of config.managedRules) {
      const name = rule
        .toLowerCase()
        .split('_')
        .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
        .join('');
      resources[ctx.ids.claim(`ConfigRule${name}`)] = {
        Type: 'AWS::Config::ConfigRule',
        ...onCondition,
        DependsOn: [id, channel],
        Properties: { Source: { Owner: 'AWS', SourceIdentifier: rule } },
      };
    }
  }

  let patchBaseline: string | null = null;
  const patch = nodesOfKind(ctx.topology, 'patch-manager')[0];
  const instances = nodesOfKind(ctx.topology, 'ec2-instance');
  if (patch && instances.length > 0) {
    patchBaseline = nodeLogicalId(ctx, patch.id) as string;
    resources[patchBaseline] = {
      Type: 'AWS::SSM::PatchBaseline',
      Properties: {
        Name: sub('${AWS::StackName}-windows'),
        Description: 'Windows Server: critical and security updates, approved a week after release',
        OperatingSystem: patch.operatingSystem,
        ApprovalRules: {
          PatchRules: [
            {
              ApproveAfterDays: patch.approveAfterDays,
              ComplianceLevel: 'CRITICAL',
              PatchFilterGroup: {
                PatchFilters: [
                  { Key: 'CLASSIFICATION', Values: ['CriticalUpdates', 'SecurityUpdates', 'UpdateRollups'] },
                  { Key: 'MSRC_SEVERITY', Values: ['Critical', 'Important'] },
                ],
              },
            },
          ],
        },
        PatchGroups: [patchGroupValue()],
        Tags: strictTags(ctx, patch.name, patch.id),
      },
    };
    const window = ctx.ids.claim('PatchWindow');
    resources[window] = {
      Type: 'AWS::SSM::MaintenanceWindow',
      Properties: {
        Name: sub('${AWS::StackName}-patching'),
        Description:
          'Weekly patching: application servers half at a time, then SQL Server one node at a time',
        Schedule: patch.maintenanceWindow,
        Duration: 4,
        Cutoff: 1,
        AllowUnassociatedTargets: false,
        Tags: strictTags(ctx, 'Patch window', 'Patch window'),
      },
    };
    const roles = [...new Set(instances.map((n) => n.role))];
    const waves: { name: string; roles: string[]; priority: number; concurrency: string; errors: string }[] =
      [
        {
          name: 'Servers',
          roles: roles.filter((r) => r !== 'sql'),
          priority: 1,
          concurrency: '50%',
          errors: '10%',
        },
        { name: 'Sql', roles: roles.filter((r) => r === 'sql'), priority: 2, concurrency: '1', errors: '0' },
      ];
    for (const wave of waves) {
      if (wave.roles.length === 0) continue;
      const target = ctx.ids.claim(`PatchTargets${wave.name}`);
      resources[target] = {
        Type: 'AWS::SSM::MaintenanceWindowTarget',
        Properties: {
          WindowId: ref(window),
          ResourceType: 'INSTANCE',
          Targets: [
            { Key: 'tag:aws:cloudformation:stack-name', Values: [ref(AWS_STACK_NAME)] },
            { Key: 'tag:Role', Values: wave.roles },
          ],
        },
      };
      resources[ctx.ids.claim(`PatchTask${wave.name}`)] = {
        Type: 'AWS::SSM::MaintenanceWindowTask',
        Properties: {
          WindowId: ref(window),
          TaskType: 'RUN_COMMAND',
          TaskArn: 'AWS-RunPatchBaseline',
          Priority: wave.priority,
          MaxConcurrency: wave.concurrency,
          MaxErrors: wave.errors,
          Targets: [{ Key: 'WindowTargetIds', Values: [ref(target)] }],
          TaskInvocationParameters: {
            MaintenanceWindowRunCommandParameters: {
              Parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
              TimeoutSeconds: 3600,
            },
          },
        },
      };
    }
  }

  let alarmTopic: string | null = null;
  const cloudWatch = nodesOfKind(ctx.topology, 'cloudwatch')[0];
  if (cloudWatch) {
    alarmTopic = ctx.ids.claim('AlarmTopic');
    resources[alarmTopic] = {
      Type: 'AWS::SNS::Topic',
      Properties: {
        DisplayName: 'Architecture alarms',
        ...(inputs.logKey ? { KmsMasterKeyId: ref(inputs.logKey) } : {}),
        Tags: strictTags(ctx, 'Alarm topic', 'Alarm topic'),
      },
    };
    if (inputs.alarmEmail) {
      conditions[ALARM_EMAIL_CONDITION] = not(equals(ref(inputs.alarmEmail), ''));
      resources[ctx.ids.claim('AlarmTopicEmail')] = {
        Type: 'AWS::SNS::Subscription',
        Condition: ALARM_EMAIL_CONDITION,
        Properties: { TopicArn: ref(alarmTopic), Protocol: 'email', Endpoint: ref(inputs.alarmEmail) },
      };
    }
    const agentGroups = cloudWatch.logGroups.filter(
      (g) => g.name === 'windows-events' || g.name === 'sql-server',
    );
    for (const g of agentGroups) {
      const name = g.name === 'windows-events' ? 'WindowsEventsLogGroup' : 'SqlServerLogGroup';
      resources[ctx.ids.claim(name)] = logGroupResource(ctx, g.name, inputs.logKey);
    }
    const alarm = (id: string, props: CfnObject): void => {
      resources[ctx.ids.claim(id)] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          ...props,
          AlarmActions: [ref(alarmTopic as string)],
          OKActions: [ref(alarmTopic as string)],
        },
      };
    };
    if (trailLogGroup) {
      for (const key of SECURITY_ALARMS) {
        const f = ALARM_FILTERS[key];
        resources[ctx.ids.claim(`${f.metric}Filter`)] = {
          Type: 'AWS::Logs::MetricFilter',
          Properties: {
            LogGroupName: ref(trailLogGroup),
            FilterPattern: f.pattern,
            MetricTransformations: [
              { MetricNamespace: sub('${AWS::StackName}/Security'), MetricName: f.metric, MetricValue: '1' },
            ],
          },
        };
        alarm(`${f.metric}Alarm`, {
          AlarmDescription: `${f.what} (CloudTrail, CIS AWS Foundations section 4).`,
          Namespace: sub('${AWS::StackName}/Security'),
          MetricName: f.metric,
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    }
    if (inputs.loadBalancer) {
      const { lb, targetGroup } = inputs.loadBalancer;
      alarm('AlbUnhealthyTargetsAlarm', {
        AlarmDescription: 'A control room target failed its health check for five minutes.',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'UnHealthyHostCount',
        Dimensions: [
          { Name: 'LoadBalancer', Value: getAtt(lb, 'LoadBalancerFullName') },
          { Name: 'TargetGroup', Value: getAtt(targetGroup, 'TargetGroupFullName') },
        ],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 5,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      alarm('AlbServerErrorsAlarm', {
        AlarmDescription: 'The load balancer answered with more than 10 server errors in five minutes.',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HTTPCode_ELB_5XX_Count',
        Dimensions: [{ Name: 'LoadBalancer', Value: getAtt(lb, 'LoadBalancerFullName') }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    for (const fsx of nodesOfKind(ctx.topology, 'fsx-windows')) {
      const id = nodeLogicalId(ctx, fsx.id);
      if (!id) continue;
      alarm(`${id}FreeStorageAlarm`, {
        AlarmDescription: text(`${named(fsx.name)}: less than 10% of its storage is free.`),
        Namespace: 'AWS/FSx',
        MetricName: 'FreeStorageCapacity',
        Dimensions: [{ Name: 'FileSystemId', Value: ref(id) }],
        Statistic: 'Minimum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: Math.round(fsx.storageGib * 0.1 * 1024 ** 3),
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'missing',
      });
    }
    for (const db of nodesOfKind(ctx.topology, 'rds-sql-server')) {
      const id = nodeLogicalId(ctx, db.id) as string;
      alarm(`${id}CpuAlarm`, {
        AlarmDescription: text(`${named(db.name)}: CPU above 80% for 15 minutes.`),
        Namespace: 'AWS/RDS',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: ref(id) }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 3,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'missing',
      });
      alarm(`${id}FreeStorageAlarm`, {
        AlarmDescription: text(`${named(db.name)}: less than 10% of its storage is free.`),
        Namespace: 'AWS/RDS',
        MetricName: 'FreeStorageSpace',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: ref(id) }],
        Statistic: 'Minimum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: Math.round(db.storageGib * 0.1 * 1024 ** 3),
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'missing',
      });
    }
  }
  return { resources, conditions, alarmTopic, patchBaseline };
}
