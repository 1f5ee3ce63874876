import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId, securityGroupLogicalId, strictTags } from '../context';
import { getAtt, ref, sub, text, type CfnObject } from '../intrinsics';
import { strictTagValue } from '../sanitize';
import type { CfnResource } from '../template';
import { BACKUP_PREFIX } from './s3-backup';

/** SQL Server 2022, the version the EC2 patterns' AMIs carry: the option group's major version. */
export const RDS_SQL_SERVER_MAJOR_VERSION = '16.00';

const ENGINE: Record<'web' | 'standard' | 'enterprise', string> = {
  web: 'sqlserver-web',
  standard: 'sqlserver-se',
  enterprise: 'sqlserver-ee',
};

export interface RdsInputs {
  /** Parameter holding the DB instance class for a node. */
  dbClassFor(nodeId: string): string;
  /** Parameter holding the engine version (SQL Server 2022). */
  engineVersion: string | null;
  key: (kmsNodeId: string | null) => string | null;
  /** The key RDS keeps the managed master password with. */
  secretsKey: string | null;
  backup: { bucket: string; key: string | null } | null;
}

/**
 * Amazon RDS for SQL Server: a DB subnet group over the data subnets, Multi-AZ DB instances (License
 * Included, encrypted, not public, deletion-protected, snapshotted on delete) whose master password RDS
 * creates and rotates in Secrets Manager, Performance Insights, error and agent logs in CloudWatch,
 * and native .bak backups to the backup bucket through the SQLSERVER_BACKUP_RESTORE option.
 */
export function buildRdsInstances(ctx: BuildContext, inputs: RdsInputs): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const nodes = nodesOfKind(ctx.topology, 'rds-sql-server');
  if (nodes.length === 0) return resources;
  const subnetIds = [...new Set(nodes.flatMap((n) => n.subnetIds))]
    .map((s) => nodeLogicalId(ctx, s))
    .filter((s): s is string => s !== undefined);
  const subnetGroup = ctx.ids.claim('RdsSubnetGroup');
  resources[subnetGroup] = {
    Type: 'AWS::RDS::DBSubnetGroup',
    Properties: {
      DBSubnetGroupDescription: 'Data subnets of every AZ for the SQL Server DB instances',
      SubnetIds: subnetIds.map((s) => ref(s)),
      Tags: strictTags(ctx, 'SQL Server DB subnets', 'SQL Server DB subnets'),
    },
  };
  let backupRole: string | null = null;
  if (inputs.backup) {
    const { bucket, key } = inputs.backup;
    backupRole = ctx.ids.claim('RdsBackupRole');
    const statements: CfnObject[] = [
      {
        Sid: 'ListBackupBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: getAtt(bucket, 'Arn'),
      },
      {
        Sid: 'ReadWriteBackups',
        Effect: 'Allow',
        Action: [
          's3:GetObject',
          's3:GetObjectAttributes',
          's3:PutObject',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
        ],
        Resource: sub(`\${${bucket}.Arn}/${BACKUP_PREFIX}*`),
      },
    ];
    if (key)
      statements.push({
        Sid: 'UseBackupKey',
        Effect: 'Allow',
        Action: ['kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
        Resource: getAtt(key, 'Arn'),
      });
    resources[backupRole] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: 'RDS for SQL Server native backup and restore, under sql-backups/ in the backup bucket',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'rds.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'NativeBackupsToS3',
            PolicyDocument: { Version: '2012-10-17', Statement: statements },
          },
        ],
        Tags: strictTags(ctx, 'RDS backup role', 'RDS backup role'),
      },
    };
  }
  const optionGroups = new Map<string, string>();
  for (const node of nodes) {
    const id = nodeLogicalId(ctx, node.id) as string;
    const engine = ENGINE[node.edition];
    let optionGroup = optionGroups.get(engine);
    if (!optionGroup && backupRole) {
      optionGroup = ctx.ids.claim(
        `RdsOptionGroup${node.edition.charAt(0).toUpperCase()}${node.edition.slice(1)}`,
      );
      resources[optionGroup] = {
        Type: 'AWS::RDS::OptionGroup',
        Properties: {
          EngineName: engine,
          MajorEngineVersion: RDS_SQL_SERVER_MAJOR_VERSION,
          OptionGroupDescription: 'Native backup and restore to the S3 backup bucket',
          OptionConfigurations: [
            {
              OptionName: 'SQLSERVER_BACKUP_RESTORE',
              OptionSettings: [{ Name: 'IAM_ROLE_ARN', Value: getAtt(backupRole, 'Arn') }],
            },
          ],
          Tags: strictTags(ctx, `SQL Server ${node.edition} options`, 'SQL Server options'),
        },
      };
      optionGroups.set(engine, optionGroup);
    }
    const groups = node.securityGroupIds
      .map((g) => securityGroupLogicalId(ctx, g))
      .filter((g): g is string => g !== undefined);
    const kms = node.encrypted ? inputs.key(node.kmsKeyId) : null;
    resources[id] = {
      Type: 'AWS::RDS::DBInstance',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: {
        Engine: engine,
        ...(inputs.engineVersion ? { EngineVersion: ref(inputs.engineVersion) } : {}),
        LicenseModel: 'license-included',
        DBInstanceClass: ref(inputs.dbClassFor(node.id)),
        MultiAZ: node.multiAz,
        AllocatedStorage: String(node.storageGib),
        StorageType: node.storageType,
        ...(node.storageType === 'gp3' && node.iops > 3000 ? { Iops: node.iops } : {}),
        ...(node.storageType === 'io1' || node.storageType === 'io2' ? { Iops: node.iops } : {}),
        StorageEncrypted: node.encrypted,
        ...(kms ? { KmsKeyId: getAtt(kms, 'Arn') } : {}),
        MasterUsername: 'sqladmin',
        ManageMasterUserPassword: true,
        ...(inputs.secretsKey ? { MasterUserSecret: { KmsKeyId: getAtt(inputs.secretsKey, 'Arn') } } : {}),
        DBSubnetGroupName: ref(subnetGroup),
        VPCSecurityGroups: groups.map((g) => getAtt(g, 'GroupId')),
        PubliclyAccessible: false,
        BackupRetentionPeriod: node.backupRetentionDays,
        PreferredBackupWindow: '19:00-20:00',
        PreferredMaintenanceWindow: 'sun:20:30-sun:21:30',
        AutoMinorVersionUpgrade: true,
        CopyTagsToSnapshot: true,
        DeletionProtection: true,
        EnablePerformanceInsights: true,
        PerformanceInsightsRetentionPeriod: 7,
        ...(kms ? { PerformanceInsightsKMSKeyId: getAtt(kms, 'Arn') } : {}),
        EnableCloudwatchLogsExports: ['error', 'agent'],
        ...(optionGroup ? { OptionGroupName: ref(optionGroup) } : {}),
        Tags: strictTags(ctx, node.name, node.id, [
          { Key: 'Servers', Value: text(strictTagValue(node.serverIds.join(' '), 'none')) },
        ]),
      },
    };
  }
  return resources;
}
