import { nodesOfKind } from '../../model/topology';
import { slugify } from '../../model/ids';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { AWS_ACCOUNT_ID, ref, sub, text, type CfnObject } from '../intrinsics';
import { cleanText, escapeSub, truncateCodePoints } from '../sanitize';
import type { CfnResource } from '../template';

/**
 * Customer-managed KMS keys with yearly rotation. The key policy names actions one by one (no `kms:*`):
 * the account may administer the key, and may use it only through EC2 (EBS volumes) and S3 (the backup
 * bucket). Keys are retained when the stack is deleted: data encrypted with them would be lost otherwise.
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

const accountRoot = () => ({ AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') });

function throughService(service: 'ec2' | 's3'): CfnObject {
  return {
    StringEquals: {
      'kms:ViaService': sub(`${service}.\${AWS::Region}.amazonaws.com`),
      'kms:CallerAccount': ref(AWS_ACCOUNT_ID),
    },
  };
}

export function buildKmsKeys(ctx: BuildContext): KmsResources {
  const resources: Record<string, CfnResource> = {};
  let projectKey: string | null = null;
  const usedByBuckets = new Set(nodesOfKind(ctx.topology, 's3-bucket').map((b) => b.kmsKeyId));
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
      {
        Sid: 'EbsThroughEc2',
        Effect: 'Allow',
        Principal: accountRoot(),
        Action: KEY_EBS_ACTIONS,
        Resource: '*',
        Condition: throughService('ec2'),
      },
    ];
    if (usedByBuckets.has(node.id)) {
      statements.push({
        Sid: 'BackupsThroughS3',
        Effect: 'Allow',
        Principal: accountRoot(),
        Action: KEY_S3_ACTIONS,
        Resource: '*',
        Condition: throughService('s3'),
      });
    }
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
