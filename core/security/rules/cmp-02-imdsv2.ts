import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const cmp02Imdsv2: SecurityRule = {
  id: 'CMP-02',
  title: 'Instances require IMDSv2',
  category: 'compute',
  severity: 'high',
  rationale:
    'Misconfiguration and stolen instance credentials caused the breach the whitepaper cites; session-token metadata (IMDSv2) blocks the SSRF path used to steal them.',
  source: 'whitepaper',
  controls: { fsbp: ['EC2.8'], cis: ['5.6'], checkov: ['CKV_AWS_79'] },
  mode: 'automatic',
  fix: 'Require IMDSv2 (HttpTokens: required) on the instance.',
  verify: 'aws ec2 describe-instances shows MetadataOptions.HttpTokens = required.',
  check(topology) {
    const bad = nodesOfKind(topology, 'ec2-instance').filter((n) => !n.imdsV2Required);
    return bad.length === 0
      ? { status: 'pass', resources: [], detail: 'Every instance requires IMDSv2.' }
      : {
          status: 'fail',
          resources: bad.map((n) => n.id),
          detail: `${bad.map((n) => n.name).join(', ')} allow${bad.length === 1 ? 's' : ''} IMDSv1.`,
        };
  },
};
