import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const cmp01EbsEncrypted: SecurityRule = {
  id: 'CMP-01',
  title: 'Every EBS volume is encrypted with KMS',
  category: 'data',
  severity: 'high',
  rationale:
    'The case study encrypts all data at rest with AWS KMS, EBS volumes included; the whitepaper asks the same of financial-services workloads.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['EC2.3'], cis: ['2.2.1'], cfnNag: ['F1'], checkov: ['CKV_AWS_3'] },
  mode: 'automatic',
  fix: 'Turn on encryption for the volume; the exported template encrypts it with the project KMS key.',
  verify: 'In the console, each volume shows Encryption: Encrypted with the project key.',
  check(topology) {
    const bad = nodesOfKind(topology, 'ec2-instance').filter((n) => n.volumes.some((v) => !v.encrypted));
    return bad.length === 0
      ? { status: 'pass', resources: [], detail: 'All volumes are encrypted.' }
      : {
          status: 'fail',
          resources: bad.map((n) => n.id),
          detail: `${bad.map((n) => n.name).join(', ')} ${bad.length === 1 ? 'has' : 'have'} an unencrypted volume.`,
        };
  },
};
