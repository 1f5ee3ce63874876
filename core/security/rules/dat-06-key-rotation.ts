import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { ofType, propsOf, tagOf } from '../template-query';

export const dat06KeyRotation: SecurityRule = {
  id: 'DAT-06',
  title: 'KMS keys rotate automatically',
  category: 'encryption',
  severity: 'medium',
  mode: 'automatic',
  why: 'The case study encrypts all data at rest with AWS KMS; yearly rotation limits how much data one key version protects, as the whitepaper’s key-management practice asks.',
  source: 'case study, whitepaper',
  // checkov CKV_AWS_7 (CloudFormation, EnableKeyRotation) and Security Hub KMS.4 confirmed with search.
  // cfn_nag has no core rule for rotation (F19 could not be confirmed): not mapped.
  controls: { fsbp: ['KMS.4'], cis: ['3.6'], checkov: ['CKV_AWS_7'] },
  fix: 'Turn on automatic rotation for every customer-managed key.',
  verify:
    'aws kms get-key-rotation-status --key-id <key> returns KeyRotationEnabled: true for each project key.',
  check(topology) {
    const bad = nodesOfKind(topology, 'kms-key').filter((k) => !k.rotation);
    return bad.length === 0
      ? passed('Every KMS key rotates yearly.')
      : failed(
          bad.map((k) => k.id),
          `${listNames(bad.map((k) => k.name))} ${verb(bad.length, 'does', 'do')} not rotate.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::KMS::Key').filter(([, k]) => propsOf(k).EnableKeyRotation !== true);
    return bad.length === 0
      ? passed('Every KMS key sets EnableKeyRotation: true.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} ${verb(bad.length, 'does', 'do')} not enable rotation.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) => (n.kind === 'kms-key' && !n.rotation ? { ...n, rotation: true } : n));
  },
};
