import { nodesOfKind, type S3BucketNode, type Topology } from '../../model/topology';
import { mapNodes } from '../design-query';
import { ensureKey, isKey } from '../kms-keys';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, tagOf } from '../template-query';

function weak(topology: Topology, b: S3BucketNode): boolean {
  return b.encryption !== 'sse-kms' || !isKey(topology, b.kmsKeyId);
}

export const dat01BackupKms: SecurityRule = {
  id: 'DAT-01',
  title: 'Buckets are encrypted with a customer-managed KMS key (SSE-KMS)',
  category: 'encryption',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study protects backups from unwanted access with a KMS-encrypted S3 bucket; with a customer-managed key, reading a backup also needs permission on the key.',
  source: 'case study',
  // cfn-nag W41 and checkov CKV_AWS_19 pass any bucket encryption (SSE-S3 included): not mapped.
  controls: { fsbp: ['S3.17'] },
  fix: 'Set the bucket’s default encryption to SSE-KMS with the project key (and a bucket key).',
  verify:
    'The bucket’s Properties tab shows default encryption SSE-KMS with the project key and “Bucket Key: Enabled”.',
  check(topology) {
    const bad = nodesOfKind(topology, 's3-bucket').filter((b) => weak(topology, b));
    return bad.length === 0
      ? passed('Every bucket uses SSE-KMS with a customer-managed key.')
      : failed(
          bad.map((b) => b.id),
          `${listNames(bad.map((b) => b.name))} ${verb(bad.length, 'is', 'are')} not encrypted with a customer-managed KMS key.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::S3::Bucket').filter(([, b]) => {
      const config = (
        propsOf(b).BucketEncryption as { ServerSideEncryptionConfiguration?: unknown } | undefined
      )?.ServerSideEncryptionConfiguration;
      return !asArray(config).some((c) => {
        const d = (c as { ServerSideEncryptionByDefault?: Record<string, unknown> })
          .ServerSideEncryptionByDefault;
        return d?.SSEAlgorithm === 'aws:kms' && d.KMSMasterKeyID !== undefined;
      });
    });
    return bad.length === 0
      ? passed('Every bucket encrypts with SSE-KMS and a named key.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} ${verb(bad.length, 'does', 'do')} not use SSE-KMS with a customer key.`,
        );
  },
  fixTopology(topology) {
    const { topology: keyed, keyId } = ensureKey(topology, 'kms-main');
    return mapNodes(keyed, (n) =>
      n.kind === 's3-bucket' && weak(keyed, n)
        ? { ...n, encryption: 'sse-kms', kmsKeyId: isKey(keyed, n.kmsKeyId) ? n.kmsKeyId : keyId }
        : n,
    );
  },
};
