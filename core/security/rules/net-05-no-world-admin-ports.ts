import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  covers,
  designSgContext,
  isWorld,
  normalizeDesignRule,
  templateSgContext,
  type NormRule,
  type SgContext,
} from '../sg-policy';

/**
 * Remote administration, SQL Server and Windows management ports that must never face the internet:
 * SSH, RDP, SQL Server and its browser, RPC, SMB and WinRM (a subset of Security Hub EC2.19's list).
 */
export const SENSITIVE_PORTS = [22, 135, 445, 1433, 1434, 3389, 5985, 5986] as const;

function exposes(r: NormRule): boolean {
  return r.direction === 'ingress' && isWorld(r) && SENSITIVE_PORTS.some((p) => covers(r, p));
}

function outcome(ctx: SgContext, name: (ref: string) => string): RuleOutcome {
  const bad = ctx.rules.filter(exposes);
  return bad.length === 0
    ? passed('No security group opens RDP, SSH, SQL Server or Windows management ports to the internet.')
    : failed(
        bad.map((r) => r.ref),
        `${listNames(bad.map((r) => name(r.ref)))} open${bad.length === 1 ? 's' : ''} an administration or database port to the internet.`,
      );
}

export const net05NoWorldAdminPorts: SecurityRule = {
  id: 'NET-05',
  title: 'RDP, SSH, SQL Server and Windows management ports are never open to the internet',
  category: 'network',
  severity: 'critical',
  mode: 'automatic',
  why: 'Administrators reach servers only through the VPN (case study); the whitepaper forbids large IP ranges on EC2 security groups. An open 3389 or 1433 is the most common way in for attackers.',
  source: 'case study, whitepaper',
  controls: {
    fsbp: ['EC2.13', 'EC2.14', 'EC2.19', 'EC2.53', 'EC2.54'],
    cis: ['5.2', '5.3'],
    checkov: ['CKV_AWS_24', 'CKV_AWS_25'],
  },
  fix: 'Remove the rule; administrators use the VPN or Systems Manager Session Manager instead.',
  verify: 'No security group allows 0.0.0.0/0 or ::/0 on ports 22, 135, 445, 1433, 1434, 3389, 5985 or 5986.',
  check(topology) {
    return outcome(designSgContext(topology), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    return outcome(templateSgContext(resources), (ref) => ref);
  },
  fixTopology(topology) {
    return withoutSgRules(topology, (group, direction, rule) =>
      exposes(normalizeDesignRule(group, direction, rule)),
    );
  },
};
