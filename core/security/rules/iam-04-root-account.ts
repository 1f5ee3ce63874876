import { attestationRule } from '../attestation-rule';

export const iam04RootAccount = attestationRule({
  id: 'IAM-04',
  title: 'Root account: hardware MFA, no access keys, not used day to day',
  category: 'identity',
  severity: 'critical',
  why: 'The whitepaper: secure the root user with MFA and keep it for the few tasks only it can do. Root credentials bypass every IAM policy the design relies on.',
  source: 'whitepaper',
  controls: { fsbp: ['IAM.4', 'IAM.6', 'IAM.9'], cis: ['1.4', '1.5', '1.6'] },
  fix: 'Register a hardware MFA device on the root user, delete any root access keys, store the credentials under dual control, then sign off.',
  verify:
    'The credential report’s <root_account> row shows mfa_active = true and access_key_1_active = false; the root-account-usage alarm is in OK state.',
  outsideDesign:
    'An account setting outside the design: the architect confirms it with the customer’s account owner.',
});
