import { nodesOfKind, type S3BucketNode } from '../../model/topology';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { getAtt, ref, sub, type CfnObject, type CfnValue } from '../intrinsics';
import type { CfnResource } from '../template';

/**
 * S3 buckets (the SQL Server backup bucket): SSE-KMS with the project key and a bucket key, versioning,
 * all four Block Public Access settings, ACLs disabled, a lifecycle from the plan, and a bucket policy
 * that refuses any request not made over TLS. Buckets are retained when the stack is deleted.
 */

/** Backups go under this prefix; the instance role may touch nothing else in the bucket. */
export const BACKUP_PREFIX = 'sql-backups/';
/** Overwritten or deleted backups stay recoverable for two weeks (versioning), then go. */
export const NONCURRENT_VERSION_DAYS = 14;
/** S3 refuses transitions to Standard-IA earlier than 30 days after creation. */
const STANDARD_IA_MIN_DAYS = 30;

export interface S3Resources {
  resources: Record<string, CfnResource>;
  /** Logical id of the backup bucket and the key that encrypts it, or null without one. */
  backup: { bucket: string; key: string | null } | null;
  /** Logical id of the log bucket (CloudTrail, Config) and its policy, or null without one. */
  logs: { bucket: string; policy: string } | null;
}

function lifecycleRules(node: S3BucketNode): CfnObject[] {
  const rule: Record<string, CfnValue> = {
    Id: node.purpose === 'backup' ? 'AgeOutBackups' : 'AgeOutObjects',
    Status: 'Enabled',
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
  };
  const lc = node.lifecycle;
  if (lc) {
    // S3 requires expiration to come after the transition; a transition at or after expiry is pointless.
    if (lc.transitionDays < lc.expireDays) {
      rule.Transitions = [
        {
          StorageClass: lc.transitionDays >= STANDARD_IA_MIN_DAYS ? 'STANDARD_IA' : 'GLACIER_IR',
          TransitionInDays: lc.transitionDays,
        },
      ];
    }
    rule.ExpirationInDays = lc.expireDays;
  }
  return [rule];
}

export function buildS3Buckets(
  ctx: BuildContext,
  keyFor: (kmsNodeId: string | null) => string | null,
  /** Statements other services need in a bucket's policy (CloudTrail and Config delivering logs). */
  extraStatements: (node: S3BucketNode, bucket: string) => CfnObject[] = () => [],
): S3Resources {
  const resources: Record<string, CfnResource> = {};
  let backup: S3Resources['backup'] = null;
  let logs: S3Resources['logs'] = null;
  for (const node of nodesOfKind(ctx.topology, 's3-bucket')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    const key = node.encryption === 'sse-kms' ? keyFor(node.kmsKeyId) : null;
    // Without a customer key the bucket still encrypts (SSE-S3); the DAT-01 check flags the design.
    const byDefault: CfnObject = key
      ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt(key, 'Arn') }
      : { SSEAlgorithm: 'AES256' };
    resources[id] = {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: key !== null },
          ],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: { Rules: lifecycleRules(node) },
        Tags: strictTags(ctx, node.name, node.id, [{ Key: 'Purpose', Value: node.purpose }]),
      },
    };
    const policy = ctx.ids.claim(`${id}Policy`);
    resources[policy] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref(id),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/*`)],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            ...extraStatements(node, id),
          ],
        },
      },
    };
    if (node.purpose === 'backup' && !backup) backup = { bucket: id, key };
    if (node.purpose === 'logs' && !logs) logs = { bucket: id, policy };
  }
  return { resources, backup, logs };
}
