import { nodesOfKind, type Topology } from '../../model/topology';
import { NODE } from '../../topology/design-ids';
import { slugify } from '../../model/ids';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { AWS_ACCOUNT_ID, ref, sub, text, type CfnObject } from '../intrinsics';
import { cleanText, escapeSub, truncateCodePoints } from '../sanitize';
import type { CfnResource } from '../template';

/**
 * Customer-managed KMS keys with yearly rotation. The key policy names actions one by one (no `kms:*`):
 * the account may administer the key, and may use it only through the services the design points at
 * it (EC2 for EBS, S3 for buckets, RDS, FSx, Secrets Manager), while CloudTrail, CloudWatch Logs and
 * CloudWatch alarms get their own statements bounded to this account's trails, log groups and alarms.
 * Keys are retained when the stack is deleted: data encrypted with them would be lost otherwise.
 */

export interface KmsResources {
  resources: Record<string, CfnResource>;
  /** Logical id of the key EBS volumes and backups use (the first key in the topology), or null. */
  projectKey: string | null;
}

/** Administration only: what the account root (and through IAM, the account's administrators) may do. */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/** What EBS needs to encrypt volumes and let instances (re)start with them. */
export const KEY_EBS_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/** What S3 needs for SSE-KMS objects with a bucket key. */
export const KEY_S3_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** What RDS and FSx need: they hold grants on the key for storage, snapshots and backups. */
export const KEY_STORAGE_SERVICE_ACTIONS = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/** What Secrets Manager needs to encrypt and read a secret for a caller in the account. */
export const KEY_SECRETS_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];

/** What CloudWatch Logs needs to encrypt a log group's events. */
export const KEY_LOGS_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

type ViaService = 'ec2' | 's3' | 'rds' | 'fsx' | 'secretsmanager';

const VIA_ACTIONS: Record<ViaService, string[]> = {
  ec2: KEY_EBS_ACTIONS,
  s3: KEY_S3_ACTIONS,
  rds: KEY_STORAGE_SERVICE_ACTIONS,
  fsx: KEY_STORAGE_SERVICE_ACTIONS,
  secretsmanager: KEY_SECRETS_ACTIONS,
};

const VIA_SID: Record<ViaService, string> = {
  ec2: 'EbsThroughEc2',
  s3: 'ObjectsThroughS3',
  rds: 'DatabasesThroughRds',
  fsx: 'FileSystemsThroughFsx',
  secretsmanager: 'SecretsThroughSecretsManager',
};

const accountRoot = () => ({ AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') });

function throughService(service: ViaService): CfnObject {
  return {
    StringEquals: {
      'kms:ViaService': sub(`${service}.\${AWS::Region}.amazonaws.com`),
      'kms:CallerAccount': ref(AWS_ACCOUNT_ID),
    },
  };
}

/** Who uses a key, read from the topology: each use becomes one narrowly scoped key-policy statement. */
interface KeyUse {
  via: Set<ViaService>;
  cloudTrail: boolean;
  logs: boolean;
  alarms: boolean;
}

/** The key that encrypts log groups, secrets and the alarm topic: the logs key, or the project key. */
export function logKeyNodeId(topology: Topology): string | null {
  const keys = nodesOfKind(topology, 'kms-key');
  return (keys.find((k) => k.id === NODE.logKey) ?? keys[0])?.id ?? null;
}

function keyUses(topology: Topology): Map<string, KeyUse> {
  const uses = new Map<string, KeyUse>();
  const use = (id: string | null | undefined): KeyUse | undefined => {
    if (!id) return undefined;
    let u = uses.get(id);
    if (!u) {
      u = { via: new Set(), cloudTrail: false, logs: false, alarms: false };
      uses.set(id, u);
    }
    return u;
  };
  const keys = nodesOfKind(topology, 'kms-key');
  // EBS volumes use the project key (the first key), as the instance builder does; the statement
  // stays even without instances, so volumes added later can use the key.
  use(keys[0]?.id)?.via.add('ec2');
  for (const b of nodesOfKind(topology, 's3-bucket'))
    if (b.encryption === 'sse-kms') use(b.kmsKeyId)?.via.add('s3');
  for (const r of nodesOfKind(topology, 'rds-sql-server')) use(r.kmsKeyId)?.via.add('rds');
  for (const f of nodesOfKind(topology, 'fsx-windows')) use(f.kmsKeyId)?.via.add('fsx');
  const logKey = logKeyNodeId(topology);
  for (const s of nodesOfKind(topology, 'secrets-manager-secret'))
    use(s.kmsKeyId ?? logKey)?.via.add('secretsmanager');
  // RDS keeps its managed master password in Secrets Manager, with the logs key.
  if (nodesOfKind(topology, 'rds-sql-server').length > 0) use(logKey)?.via.add('secretsmanager');
  for (const t of nodesOfKind(topology, 'cloudtrail')) {
    const u = use(t.kmsKeyId);
    if (u) u.cloudTrail = true;
  }
  // Flow logs always write to a log group (and WAF, CloudTrail and the agents when present).
  const logUse = use(logKey);
  if (logUse && nodesOfKind(topology, 'vpc').length > 0) logUse.logs = true;
  if (logUse && nodesOfKind(topology, 'cloudwatch').length > 0) logUse.alarms = true;
  return uses;
}

const TRAIL_CONTEXT = () => sub('arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*');

function serviceStatements(use: KeyUse): CfnObject[] {
  const out: CfnObject[] = [];
  for (const service of ['ec2', 's3', 'rds', 'fsx', 'secretsmanager'] as const) {
    if (!use.via.has(service)) continue;
    out.push({
      Sid: VIA_SID[service],
      Effect: 'Allow',
      Principal: accountRoot(),
      Action: VIA_ACTIONS[service],
      Resource: '*',
      Condition: throughService(service),
    });
  }
  if (use.cloudTrail) {
    out.push(
      {
        Sid: 'CloudTrailEncryptsLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ref(AWS_ACCOUNT_ID) },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_CONTEXT() },
        },
      },
      {
        Sid: 'CloudTrailDescribesKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
      },
      {
        Sid: 'AccountReadsTrailLogs',
        Effect: 'Allow',
        Principal: accountRoot(),
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': ref(AWS_ACCOUNT_ID) },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL_CONTEXT() },
        },
      },
    );
  }
  if (use.logs) {
    out.push({
      Sid: 'CloudWatchLogsEncryptsLogGroups',
      Effect: 'Allow',
      Principal: { Service: sub('logs.${AWS::Region}.amazonaws.com') },
      Action: KEY_LOGS_ACTIONS,
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': sub(
            'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*',
          ),
        },
      },
    });
  }
  if (use.alarms) {
    out.push({
      Sid: 'CloudWatchAlarmsPublishToTopic',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': ref(AWS_ACCOUNT_ID) } },
    });
  }
  return out;
}

export function buildKmsKeys(ctx: BuildContext): KmsResources {
  const resources: Record<string, CfnResource> = {};
  let projectKey: string | null = null;
  const uses = keyUses(ctx.topology);
  for (const node of nodesOfKind(ctx.topology, 'kms-key')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    projectKey ??= id;
    const purpose = truncateCodePoints(
      cleanText(node.purpose) || cleanText(node.name) || 'Encryption key',
      400,
    );
    const project = truncateCodePoints(ctx.projectName, 300);
    const statements: CfnObject[] = [
      {
        Sid: 'AccountAdministersKey',
        Effect: 'Allow',
        Principal: accountRoot(),
        Action: KEY_ADMIN_ACTIONS,
        Resource: '*',
      },
      ...serviceStatements(
        uses.get(node.id) ?? { via: new Set(), cloudTrail: false, logs: false, alarms: false },
      ),
    ];
    resources[id] = {
      Type: 'AWS::KMS::Key',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        // User text inside !Sub is escaped so "${...}" in a project name stays literal.
        Description: sub(
          text(`${escapeSub(purpose)}. Project: ${escapeSub(project)}. Stack: \${AWS::StackName}.`),
        ),
        Enabled: true,
        EnableKeyRotation: true,
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        PendingWindowInDays: 30,
        KeyPolicy: { Version: '2012-10-17', Statement: statements },
        Tags: strictTags(ctx, node.name, node.id),
      },
    };
    resources[ctx.ids.claim(`${id}Alias`)] = {
      Type: 'AWS::KMS::Alias',
      Properties: {
        AliasName: sub(`alias/\${AWS::StackName}-${slugify(node.id)}`),
        TargetKeyId: ref(id),
      },
    };
  }
  return { resources, projectKey };
}
