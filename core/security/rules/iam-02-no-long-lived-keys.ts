import { attestationRule } from '../attestation-rule';

export const iam02NoLongLivedKeys = attestationRule({
  id: 'IAM-02',
  title: 'No long-lived access keys; people sign in through federation',
  category: 'identity',
  severity: 'high',
  why: 'The whitepaper: use temporary credentials and rotate what must stay long-lived. Leaked access keys are a leading cause of account compromise; the design gives servers roles, never keys.',
  source: 'whitepaper',
  controls: { fsbp: ['IAM.3', 'IAM.22'], cis: ['1.12', '1.14'] },
  fix: 'Give administrators federated access (IAM Identity Center) instead of IAM users, delete unused access keys, rotate any that must remain within 90 days, then sign off.',
  verify: 'The IAM credential report shows no access key older than 90 days and none unused for 45 days.',
  outsideDesign:
    'People’s credentials are outside the design (instances use roles): the architect confirms with the customer.',
});
