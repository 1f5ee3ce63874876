import { attestationRule } from '../attestation-rule';

export const iam03MfaPrivileged = attestationRule({
  id: 'IAM-03',
  title: 'MFA for every privileged and console user',
  category: 'identity',
  severity: 'critical',
  why: 'The case study enables multi-factor authentication for privileged accounts; the whitepaper requires MFA for console and API access, so a stolen password alone opens nothing.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['IAM.5', 'IAM.19'], cis: ['1.10'] },
  fix: 'Enable MFA for every IAM Identity Center or IAM user with console access (administrators first), then sign off.',
  verify: 'The IAM credential report shows mfa_active = true for every user with password_enabled = true.',
  outsideDesign: 'User accounts live outside the design: the architect confirms MFA with the customer.',
});
