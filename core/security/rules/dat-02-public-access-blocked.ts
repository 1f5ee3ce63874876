import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const dat02PublicAccessBlocked: SecurityRule = {
  id: 'DAT-02',
  title: 'S3 Block Public Access is on for every bucket',
  category: 'data',
  severity: 'high',
  rationale:
    'Backups of customer financial data must never be public; the whitepaper names misconfiguration as the largest cause of cloud breaches.',
  source: 'case study, whitepaper',
  controls: {
    fsbp: ['S3.8'],
    cis: ['2.1.4'],
    cfnNag: ['W31'],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
  },
  mode: 'automatic',
  fix: 'Turn on all four Block Public Access settings for the bucket.',
  verify: 'The bucket’s Permissions tab shows Block all public access: On.',
  check(topology) {
    const bad = nodesOfKind(topology, 's3-bucket').filter((b) => !b.publicAccessBlocked);
    return bad.length === 0
      ? { status: 'pass', resources: [], detail: 'Every bucket blocks public access.' }
      : {
          status: 'fail',
          resources: bad.map((b) => b.id),
          detail: `${bad.map((b) => b.name).join(', ')} ${bad.length === 1 ? 'allows' : 'allow'} public access.`,
        };
  },
};
