import { nodesOfKind, type Topology } from '../../model/topology';
import { NODE } from '../../topology/design-ids';
import { mapNodes } from '../design-query';
import { ensureKey, isKey } from '../kms-keys';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { ofType, propsOf } from '../template-query';

function unencrypted(topology: Topology) {
  return [
    ...nodesOfKind(topology, 'rds-sql-server').filter((r) => !r.encrypted || !isKey(topology, r.kmsKeyId)),
    ...nodesOfKind(topology, 'fsx-windows').filter((f) => !isKey(topology, f.kmsKeyId)),
  ];
}

export const dat09ManagedStorageEncrypted: SecurityRule = {
  id: 'DAT-09',
  title: 'RDS and FSx storage is encrypted with the project KMS key',
  category: 'encryption',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study: “All the Data on Rest will be encrypted using AWS KMS.” Database storage and the file share hold the same data as the EBS volumes; a customer-managed key keeps access to snapshots under the customer’s key policy.',
  source: 'case study',
  // Security Hub RDS.3 and checkov CKV_AWS_16 (CloudFormation, StorageEncrypted) confirmed with search.
  // No FSx control in Security Hub, cfn-nag or checkov checks the FSx for Windows key: not mapped.
  controls: { fsbp: ['RDS.3'], checkov: ['CKV_AWS_16'] },
  fix: 'Encrypt the RDS instance and the FSx file system with the project key (set at creation: an existing one is restored from a snapshot into an encrypted copy).',
  verify:
    'The RDS instance’s Configuration tab shows “Encryption: Enabled” with the project key; the FSx file system shows the project key.',
  check(topology) {
    const bad = unencrypted(topology);
    return bad.length === 0
      ? passed('Managed database and file storage is encrypted with a project key.')
      : failed(
          bad.map((n) => n.id),
          `${listNames(bad.map((n) => n.name))} ${verb(bad.length, 'is', 'are')} not encrypted with a project KMS key.`,
        );
  },
  checkTemplate(resources) {
    const bad = [
      ...ofType(resources, 'AWS::RDS::DBInstance').filter(
        ([, r]) => propsOf(r).StorageEncrypted !== true || propsOf(r).KmsKeyId === undefined,
      ),
      ...ofType(resources, 'AWS::FSx::FileSystem').filter(([, r]) => propsOf(r).KmsKeyId === undefined),
    ];
    return bad.length === 0
      ? passed('RDS and FSx resources name a KMS key.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id]) => id))} ${verb(bad.length, 'is', 'are')} not encrypted with a customer key.`,
        );
  },
  fixTopology(topology) {
    const { topology: keyed, keyId } = ensureKey(topology, NODE.mainKey);
    return mapNodes(keyed, (n) => {
      if (n.kind === 'rds-sql-server' && (!n.encrypted || !isKey(keyed, n.kmsKeyId)))
        return { ...n, encrypted: true, kmsKeyId: isKey(keyed, n.kmsKeyId) ? n.kmsKeyId : keyId };
      if (n.kind === 'fsx-windows' && !isKey(keyed, n.kmsKeyId)) return { ...n, kmsKeyId: keyId };
      return n;
    });
  },
};
