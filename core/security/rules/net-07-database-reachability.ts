import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  designSgContext,
  isOnPremises,
  normalizeDesignRule,
  templateSgContext,
  usersOf,
  type NormRule,
  type SgContext,
} from '../sg-policy';

/** The application tier: servers that talk to the database. Bot runners talk to the control room only. */
export const APP_TIER_ROLES: ReadonlySet<string> = new Set(['control-room', 'web', 'app', 'other', 'sql']);

/** Groups that protect SQL Server: on SQL Server instances or RDS. */
function databaseGroups(ctx: SgContext): Set<string> {
  const out = new Set<string>();
  for (const [group, users] of ctx.users) if (users.some((u) => u.role === 'sql')) out.add(group);
  return out;
}

function allowedSource(ctx: SgContext, r: NormRule): boolean {
  if (r.peer !== null)
    return (
      r.peer === r.group ||
      usersOf(ctx, r.peer).every(
        (u) => u.kind === 'instance' && u.role !== null && APP_TIER_ROLES.has(u.role),
      )
    );
  return r.cidr !== null && isOnPremises(ctx, r.cidr);
}

function violations(ctx: SgContext): NormRule[] {
  const db = databaseGroups(ctx);
  return ctx.rules.filter((r) => r.direction === 'ingress' && db.has(r.group) && !allowedSource(ctx, r));
}

function outcome(bad: NormRule[], name: (ref: string) => string): RuleOutcome {
  return bad.length === 0
    ? passed(
        'SQL Server accepts connections only from the application tier, its own cluster and the data centre.',
      )
    : failed(
        bad.map((r) => r.ref),
        `${listNames(bad.map((r) => name(r.ref)))} let${bad.length === 1 ? 's' : ''} something other than the application tier or the data centre reach SQL Server.`,
      );
}

export const net07DatabaseReachability: SecurityRule = {
  id: 'NET-07',
  title: 'The database is reachable only from the application tier and the data centre',
  category: 'network',
  severity: 'critical',
  mode: 'automatic',
  why: 'The case study: “DB is accessible only through the Application containers and through the VPN.” Bot runners, the load balancer and the internet have no business connecting to SQL Server.',
  source: 'case study',
  // No Security Hub, CIS, cfn-nag or checkov control checks which tiers reach the database.
  controls: {},
  fix: 'Remove the database rules whose source is not an application server, the SQL Server group itself or the data centre’s ranges.',
  verify:
    'The SQL Server security group’s inbound rules name only the control room and application groups, its own group and the on-premises CIDRs.',
  check(topology) {
    return outcome(violations(designSgContext(topology)), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    return outcome(violations(templateSgContext(resources)), (ref) => ref);
  },
  fixTopology(topology) {
    const ctx = designSgContext(topology);
    const db = databaseGroups(ctx);
    return withoutSgRules(topology, (group, direction, rule) => {
      const r = normalizeDesignRule(group, direction, rule);
      return direction === 'ingress' && db.has(group) && !allowedSource(ctx, r);
    });
  },
};
