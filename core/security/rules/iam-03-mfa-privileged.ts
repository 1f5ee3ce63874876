import type { SecurityRule } from '../rule';

export const iam03MfaPrivileged: SecurityRule = {
  id: 'IAM-03',
  title: 'MFA for privileged users and the root account',
  category: 'identity',
  severity: 'critical',
  rationale:
    'The case study enables multi-factor authentication for privileged accounts; the whitepaper requires MFA on the root account and for API access.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['IAM.5', 'IAM.6', 'IAM.9'], cis: ['1.5', '1.6', '1.10'] },
  mode: 'attestation',
  fix: 'Enable MFA for every console user and a hardware MFA on the root account, then sign off this item.',
  verify: 'The IAM credential report shows mfa_active = true for every user with a password.',
  check() {
    return {
      status: 'manual',
      resources: [],
      detail: 'An account setting outside the design: the architect confirms it with the customer.',
    };
  },
};
