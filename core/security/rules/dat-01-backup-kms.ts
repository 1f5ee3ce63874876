import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const dat01BackupKms: SecurityRule = {
  id: 'DAT-01',
  title: 'Backup buckets are encrypted with a customer-managed KMS key',
  category: 'data',
  severity: 'high',
  rationale: 'The case study protects backups from unwanted access with a KMS-encrypted S3 bucket.',
  source: 'case study',
  controls: { fsbp: ['S3.17'], cfnNag: ['W41'], checkov: ['CKV_AWS_19'] },
  mode: 'automatic',
  fix: 'Set the bucket to SSE-KMS with the project key.',
  verify: 'The bucket’s default encryption is SSE-KMS with the project key and a bucket key.',
  check(topology) {
    const buckets = nodesOfKind(topology, 's3-bucket');
    const bad = buckets.filter((b) => b.encryption !== 'sse-kms' || b.kmsKeyId === null);
    if (buckets.length === 0)
      return { status: 'pass', resources: [], detail: 'The design has no S3 buckets.' };
    return bad.length === 0
      ? { status: 'pass', resources: [], detail: 'Every bucket uses SSE-KMS with a customer-managed key.' }
      : {
          status: 'fail',
          resources: bad.map((b) => b.id),
          detail: `${bad.map((b) => b.name).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not encrypted with a customer-managed KMS key.`,
        };
  },
};
