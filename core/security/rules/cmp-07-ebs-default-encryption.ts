import { attestationRule } from '../attestation-rule';

export const cmp07EbsDefaultEncryption = attestationRule({
  id: 'CMP-07',
  title: 'EBS encryption by default is on in the account and Region',
  category: 'encryption',
  severity: 'medium',
  why: 'The case study: “EBS volumes of EC2 to be encrypted.” The template encrypts its own volumes; the account default also covers volumes created later by hand, by restores or by other tools.',
  source: 'case study',
  controls: { fsbp: ['EC2.7'], cis: ['2.2.1'] },
  fix: 'In the EC2 console (Settings › EBS encryption) turn on “Always encrypt new EBS volumes” with the project key, then sign off.',
  verify: 'aws ec2 get-ebs-encryption-by-default returns true in the deployment Region.',
  outsideDesign:
    'An account setting CloudFormation cannot set: the delivery team turns it on after deployment.',
});
