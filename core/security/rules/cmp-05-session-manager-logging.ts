import { attestationRule } from '../attestation-rule';

export const cmp05SessionManagerLogging = attestationRule({
  id: 'CMP-05',
  title: 'Session Manager sessions are logged and encrypted',
  category: 'operations',
  severity: 'medium',
  why: 'The design replaces open RDP with Session Manager (no key pairs, no inbound admin ports from the internet); the whitepaper asks that privileged sessions be recorded so administrators’ actions can be audited.',
  source: 'whitepaper',
  // No Security Hub, CIS, cfn-nag or checkov control checks Session Manager preferences.
  controls: {},
  fix: 'In Systems Manager › Session Manager › Preferences, send session logs to CloudWatch Logs (encrypted) and turn on KMS encryption of sessions with the logs key, then sign off.',
  verify:
    'aws ssm get-document --name SSM-SessionManagerRunShell shows cloudWatchEncryptionEnabled and kmsKeyId set.',
  outsideDesign:
    'Session Manager preferences are a Region-wide document the delivery team sets after deployment.',
});
