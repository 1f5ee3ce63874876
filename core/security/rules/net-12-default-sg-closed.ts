import { attestationRule } from '../attestation-rule';

export const net12DefaultSgClosed = attestationRule({
  id: 'NET-12',
  title: 'The VPC’s default security group allows no traffic',
  category: 'network',
  severity: 'high',
  why: 'Misconfiguration is the largest cause of cloud breaches (whitepaper). The default group allows all traffic between its members; a resource attached to it by mistake bypasses the design’s tiers.',
  source: 'whitepaper',
  controls: { fsbp: ['EC2.2'], cis: ['5.4'] },
  fix: 'After deploying, remove every inbound and outbound rule from the VPC’s default security group, then sign off.',
  verify: 'In the VPC console the group named “default” of the new VPC has no inbound and no outbound rules.',
  outsideDesign:
    'CloudFormation cannot change a VPC’s default security group: the delivery team empties it after deployment.',
});
