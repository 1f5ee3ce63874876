import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, refTarget, tagOf, textOf } from '../template-query';

/** Actions only SQL Server's role may hold: writing backups and reading the database login. */
const SQL_ONLY_ACTIONS = ['s3:PutObject', 'secretsmanager:GetSecretValue'];

function statementsOf(role: Record<string, unknown>): Record<string, unknown>[] {
  return asArray(role.Policies).flatMap((p) =>
    asArray(((p as { PolicyDocument?: { Statement?: unknown } }).PolicyDocument ?? {}).Statement),
  ) as Record<string, unknown>[];
}

function actionsOf(statement: Record<string, unknown>): string[] {
  return asArray(statement.Action)
    .map(textOf)
    .filter((a): a is string => a !== null);
}

export const iam01LeastPrivilegeRoles: SecurityRule = {
  id: 'IAM-01',
  title: 'Instance roles are least privilege',
  category: 'identity',
  severity: 'high',
  mode: 'automatic',
  why: 'The whitepaper: grant least privilege and no wildcard permissions. Each server gets only what its role needs: Systems Manager for all, and backup writes and the database login only for SQL Server, so a compromised bot cannot read or overwrite backups.',
  source: 'whitepaper',
  // cfn_nag and checkov wildcard checks (F3/W11, CKV_AWS_107–111) were not confirmed for the forms the
  // exporter writes; Security Hub IAM.1 checks customer-managed policies, not inline ones: none mapped.
  controls: {},
  fix: 'Give every instance that is not SQL Server the Systems Manager–only role.',
  verify:
    'In IAM, the instance role has only AmazonSSMManagedInstanceCore (and log shipping); only the SQL Server role can write under sql-backups/ and read the SQL secret.',
  check(topology) {
    const bad = nodesOfKind(topology, 'ec2-instance').filter(
      (n) => n.instanceRole === 'sql-backup' && n.role !== 'sql',
    );
    return bad.length === 0
      ? passed('Only SQL Server may write backups and read the database login; every role is scoped.')
      : failed(
          bad.map((n) => n.id),
          `${listNames(bad.map((n) => n.name))} ${verb(bad.length, 'has', 'have')} SQL Server’s backup role without being SQL Server.`,
        );
  },
  checkTemplate(resources) {
    const roleOfProfile = new Map<string, string>();
    for (const [id, p] of ofType(resources, 'AWS::IAM::InstanceProfile')) {
      const role = refTarget(asArray(propsOf(p).Roles)[0]);
      if (role) roleOfProfile.set(id, role);
    }
    const wildcard = ofType(resources, 'AWS::IAM::Role').filter(([, r]) =>
      statementsOf(propsOf(r)).some(
        (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === '*' || a.endsWith(':*')),
      ),
    );
    const overreaching = ofType(resources, 'AWS::EC2::Instance').filter(([, inst]) => {
      if (tagOf(inst, 'Role') === 'sql') return false;
      const profile = refTarget(propsOf(inst).IamInstanceProfile);
      const role = profile ? resources[roleOfProfile.get(profile) ?? ''] : undefined;
      return (
        role !== undefined &&
        statementsOf(propsOf(role)).some((s) => actionsOf(s).some((a) => SQL_ONLY_ACTIONS.includes(a)))
      );
    });
    const bad = [...wildcard, ...overreaching].map(([id]) => id);
    return bad.length === 0
      ? passed('No role allows wildcard actions; only SQL Server’s role writes backups or reads the secret.')
      : failed(
          bad,
          `${listNames(bad)} ${verb(bad.length, 'has', 'have')} broader permissions than its role needs.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'ec2-instance' && n.instanceRole === 'sql-backup' && n.role !== 'sql'
        ? { ...n, instanceRole: 'ssm-managed' }
        : n,
    );
  },
};
