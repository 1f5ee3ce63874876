import { nodesOfKind, type Topology } from '../../model/topology';
import { GROUP, NODE } from '../../topology/design-ids';
import { ensureKey, isKey } from '../kms-keys';
import { failed, passed, type RuleOutcome, type SecurityRule } from '../rule';

/** Rotation at least every 90 days (the whitepaper’s credential rotation; Security Hub’s default). */
const MAX_ROTATION_DAYS = 90;

function sqlSecret(topology: Topology) {
  const secrets = nodesOfKind(topology, 'secrets-manager-secret');
  return secrets.find((s) => s.id === NODE.sqlSecret) ?? secrets.find((s) => /\bsql\b/i.test(s.purpose));
}

function checkDesign(topology: Topology): RuleOutcome {
  const hasSql =
    nodesOfKind(topology, 'rds-sql-server').length > 0 ||
    nodesOfKind(topology, 'ec2-instance').some((n) => n.role === 'sql');
  if (!hasSql) return passed('The design has no SQL Server.');
  const secret = sqlSecret(topology);
  if (!secret) return failed([], 'The SQL Server credentials are not kept in Secrets Manager.');
  const problems: string[] = [];
  if (!isKey(topology, secret.kmsKeyId)) problems.push('is not encrypted with a project KMS key');
  if (secret.rotationDays === null || secret.rotationDays > MAX_ROTATION_DAYS)
    problems.push(`does not rotate at least every ${MAX_ROTATION_DAYS} days`);
  return problems.length === 0
    ? passed(`${secret.name} is encrypted with a project key and rotates every ${secret.rotationDays} days.`)
    : failed([secret.id], `${secret.name} ${problems.join(' and ')}.`);
}

export const dat08SqlCredentialsSecret: SecurityRule = {
  id: 'DAT-08',
  title: 'Database credentials live in Secrets Manager, encrypted and rotated',
  category: 'identity',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study keeps the SQL Server credentials in AWS Secrets Manager rather than in scripts or configuration files; the whitepaper asks that credentials be rotated, so a leaked password stops working.',
  source: 'case study, whitepaper',
  // Security Hub SecretsManager.1 and checkov CKV_AWS_149 (CloudFormation, KmsKeyId) confirmed with search.
  controls: { fsbp: ['SecretsManager.1'], checkov: ['CKV_AWS_149'] },
  fix: 'Keep the SQL Server login in a Secrets Manager secret encrypted with the logs key, rotated every 30 days.',
  verify:
    'aws secretsmanager describe-secret shows KmsKeyId set to the project key, RotationEnabled: true and a LastRotatedDate within the interval.',
  check: checkDesign,
  // No template check: rotation of a SQL Server login on EC2 needs a custom rotation Lambda, which the
  // exporter does not write yet (no AWS::SecretsManager::RotationSchedule); reported to the export owner.
  fixTopology(topology) {
    const { topology: keyed, keyId } = ensureKey(topology, NODE.logKey);
    const secret = sqlSecret(keyed);
    if (secret) {
      return {
        ...keyed,
        nodes: keyed.nodes.map((n) =>
          n.id === secret.id && n.kind === 'secrets-manager-secret'
            ? {
                ...n,
                kmsKeyId: isKey(keyed, n.kmsKeyId) ? n.kmsKeyId : keyId,
                rotationDays:
                  n.rotationDays === null || n.rotationDays > MAX_ROTATION_DAYS ? 30 : n.rotationDays,
              }
            : n,
        ),
      };
    }
    const group = keyed.nodes.some((n) => n.id === GROUP.security) ? GROUP.security : null;
    return {
      ...keyed,
      nodes: [
        ...keyed.nodes,
        {
          id: NODE.sqlSecret,
          name: 'SQL Server credentials',
          parentId: group,
          kind: 'secrets-manager-secret',
          purpose: 'SQL Server login the RPA control room uses, generated at deployment',
          kmsKeyId: keyId,
          rotationDays: 30,
        },
      ],
    };
  },
};
