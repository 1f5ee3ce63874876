import { ancestorOfKind, indexNodes, nodesOfKind, type Topology } from '../../model/topology';
import { mapNodes } from '../design-query';
import { ensureKey } from '../kms-keys';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, tagOf } from '../template-query';

function unencrypted(topology: Topology): string[] {
  const byId = indexNodes(topology);
  const hasKey = nodesOfKind(topology, 'kms-key').length > 0;
  return nodesOfKind(topology, 'ec2-instance')
    .filter((n) => ancestorOfKind(byId, n, 'subnet') !== undefined)
    .filter((n) => !hasKey || n.volumes.some((v) => !v.encrypted))
    .map((n) => n.id);
}

function mappingsOk(mappings: unknown): boolean {
  return asArray(mappings).every((m) => {
    const ebs = (m as { Ebs?: Record<string, unknown> }).Ebs;
    return ebs === undefined || (ebs.Encrypted === true && ebs.KmsKeyId !== undefined);
  });
}

export const cmp01EbsEncrypted: SecurityRule = {
  id: 'CMP-01',
  title: 'Every EBS volume is encrypted with the project’s KMS key',
  category: 'encryption',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study: “All the Data on Rest will be encrypted using AWS KMS. EBS volumes of EC2 to be encrypted.” The whitepaper asks the same of financial-services workloads.',
  source: 'case study, whitepaper',
  // cfn-nag F1/W37 and checkov CKV_AWS_3/CKV_AWS_8 check AWS::EC2::Volume and launch configurations,
  // which the exporter does not write; CIS 2.2.1 (EC2.7) is the account's default-encryption setting.
  controls: { fsbp: ['EC2.3', 'EC2.181'] },
  fix: 'Turn on encryption for every volume; the exported template encrypts them with the project KMS key.',
  verify: 'In the EC2 console each volume shows Encryption: Encrypted, with the project key’s alias.',
  check(topology) {
    const bad = unencrypted(topology);
    return bad.length === 0
      ? passed('Every volume is encrypted with the project key.')
      : failed(
          bad,
          `${listNames(bad.map((id) => topology.nodes.find((n) => n.id === id)?.name ?? id))} ${verb(bad.length, 'has', 'have')} a volume without KMS encryption.`,
        );
  },
  checkTemplate(resources) {
    const bad = [
      ...ofType(resources, 'AWS::EC2::Instance').filter(
        ([, r]) => !mappingsOk(propsOf(r).BlockDeviceMappings),
      ),
      ...ofType(resources, 'AWS::EC2::LaunchTemplate').filter(
        ([, r]) =>
          !mappingsOk(
            (propsOf(r).LaunchTemplateData as Record<string, unknown> | undefined)?.BlockDeviceMappings,
          ),
      ),
    ];
    return bad.length === 0
      ? passed('Every block device mapping is encrypted with a KMS key.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} map${bad.length === 1 ? 's' : ''} an unencrypted volume.`,
        );
  },
  fixTopology(topology) {
    const { topology: keyed } = ensureKey(topology, 'kms-main');
    return mapNodes(keyed, (n) =>
      n.kind === 'ec2-instance' && n.volumes.some((v) => !v.encrypted)
        ? { ...n, volumes: n.volumes.map((v) => (v.encrypted ? v : { ...v, encrypted: true })) }
        : n,
    );
  },
};
