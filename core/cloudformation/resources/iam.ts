import type { Ec2Node } from '../../model/topology';
import { type BuildContext, strictTags } from '../context';
import { getAtt, ref, sub, type CfnObject } from '../intrinsics';
import type { CfnResource } from '../template';
import { BACKUP_PREFIX } from './s3-backup';

/**
 * Instance roles. Every instance gets AmazonSSMManagedInstanceCore (Session Manager instead of open RDP,
 * patching through Systems Manager). SQL Server instances get a second role that may also write and
 * read backups under `sql-backups/` in the backup bucket, with the backup key. No IAM users, no
 * wildcard actions, no role names (so no CAPABILITY_NAMED_IAM).
 */

export interface IamResources {
  resources: Record<string, CfnResource>;
  /** Logical id of the instance profile for an instance. */
  profileFor(node: Ec2Node): string;
}

const SSM_CORE = sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore');

const assumeByEc2: CfnObject = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export function backupPolicy(bucket: string, key: string | null): CfnObject {
  const statements: CfnObject[] = [
    {
      Sid: 'ListBackupPrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: getAtt(bucket, 'Arn'),
      Condition: { StringLike: { 's3:prefix': [BACKUP_PREFIX, `${BACKUP_PREFIX}*`] } },
    },
    {
      Sid: 'ReadWriteBackups',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: sub(`\${${bucket}.Arn}/${BACKUP_PREFIX}*`),
    },
  ];
  if (key)
    statements.push({
      Sid: 'UseBackupKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: getAtt(key, 'Arn'),
    });
  return { Version: '2012-10-17', Statement: statements };
}

/** What the instances need beyond Systems Manager, read from the rest of the template. */
export interface InstanceRoleExtras {
  /** Logical id of the SQL Server credentials secret the SQL nodes read, and the key it is under. */
  sqlSecret: { secret: string; key: string | null } | null;
  /** The SQL nodes join the managed directory (the join association needs Directory Service access). */
  joinsDirectory: boolean;
  /** Log groups (short names under /<stack>/) the CloudWatch agent ships to. */
  agentLogGroups: readonly string[];
}

const NO_EXTRAS: InstanceRoleExtras = { sqlSecret: null, joinsDirectory: false, agentLogGroups: [] };

const DIRECTORY_ACCESS = sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSSMDirectoryServiceAccess');

/** The CloudWatch agent: write to the stack's agent log groups and publish its own metrics, nothing else. */
function agentPolicy(groups: readonly string[]): CfnObject {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteAgentLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: groups.map((g) =>
          sub(
            `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/\${AWS::StackName}/${g}:*`,
          ),
        ),
      },
      {
        Sid: 'PublishAgentMetrics',
        Effect: 'Allow',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
      },
    ],
  };
}

/** Read one secret, and decrypt it only through Secrets Manager. */
function secretPolicy({ secret, key }: { secret: string; key: string | null }): CfnObject {
  const statements: CfnObject[] = [
    {
      Sid: 'ReadSqlCredentials',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: ref(secret),
    },
  ];
  if (key)
    statements.push({
      Sid: 'DecryptThroughSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: getAtt(key, 'Arn'),
      Condition: { StringEquals: { 'kms:ViaService': sub('secretsmanager.${AWS::Region}.amazonaws.com') } },
    });
  return { Version: '2012-10-17', Statement: statements };
}

export function buildInstanceRoles(
  ctx: BuildContext,
  instances: readonly Ec2Node[],
  backup: { bucket: string; key: string | null } | null,
  extras: InstanceRoleExtras = NO_EXTRAS,
): IamResources {
  const resources: Record<string, CfnResource> = {};
  const agent =
    extras.agentLogGroups.length > 0
      ? [{ PolicyName: 'ShipLogsToCloudWatch', PolicyDocument: agentPolicy(extras.agentLogGroups) }]
      : [];
  const isSql = (n: Ec2Node) => n.role === 'sql' && backup !== null;
  let baseProfile: string | null = null;
  let sqlProfile: string | null = null;

  if (instances.some((n) => !isSql(n))) {
    const role = ctx.ids.claim('InstanceRole');
    baseProfile = ctx.ids.claim('InstanceProfile');
    resources[role] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'EC2 instances: Systems Manager (Session Manager, patching, inventory) only',
        AssumeRolePolicyDocument: assumeByEc2,
        ManagedPolicyArns: [SSM_CORE],
        ...(agent.length > 0 ? { Policies: agent } : {}),
        Tags: strictTags(ctx, 'Instance role', 'Instance role'),
      },
    };
    resources[baseProfile] = { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref(role)] } };
  }
  if (backup && instances.some(isSql)) {
    const role = ctx.ids.claim('SqlInstanceRole');
    sqlProfile = ctx.ids.claim('SqlInstanceProfile');
    resources[role] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description:
          'SQL Server instances: Systems Manager, and backups under sql-backups/ in the backup bucket',
        AssumeRolePolicyDocument: assumeByEc2,
        ManagedPolicyArns: [SSM_CORE, ...(extras.joinsDirectory ? [DIRECTORY_ACCESS] : [])],
        Policies: [
          { PolicyName: 'SqlBackupsToS3', PolicyDocument: backupPolicy(backup.bucket, backup.key) },
          ...(extras.sqlSecret
            ? [{ PolicyName: 'ReadSqlCredentials', PolicyDocument: secretPolicy(extras.sqlSecret) }]
            : []),
          ...agent,
        ],
        Tags: strictTags(ctx, 'SQL Server instance role', 'SQL Server instance role'),
      },
    };
    resources[sqlProfile] = { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [ref(role)] } };
  }
  return {
    resources,
    profileFor(node) {
      const profile = isSql(node) ? sqlProfile : baseProfile;
      if (!profile) throw new Error(`No instance profile for ${node.id}`);
      return profile;
    },
  };
}
