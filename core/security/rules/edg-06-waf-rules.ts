import { nodesOfKind, type NodeOfKind } from '../../model/topology';
import { WAF_MANAGED_RULE_GROUPS, WAF_RATE_LIMIT } from '../../topology/edge';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { asArray, getAttTarget, ofType, propsOf } from '../template-query';

type Waf = NodeOfKind<'waf-web-acl'>;

function gaps(w: Waf): string[] {
  const out: string[] = WAF_MANAGED_RULE_GROUPS.filter((g) => !w.managedRuleGroups.includes(g)).map(
    (g) => `no ${g}`,
  );
  if (w.rateLimit === null) out.push('no rate limit');
  if (!w.logging) out.push('no logging');
  return out;
}

export const edg06WafRules: SecurityRule = {
  id: 'EDG-06',
  title: 'The web ACL runs AWS managed rules, a rate limit and logging',
  category: 'edge',
  severity: 'high',
  mode: 'automatic',
  why: 'The whitepaper uses the AWS managed core rule set and SQL-injection rules at the application layer, and WAF against bots that “consume excessive resources” (case study). Without logging nobody can see what was blocked.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['WAF.10', 'WAF.11'], checkov: ['CKV_AWS_192'] },
  fix: `Add the managed rule groups ${WAF_MANAGED_RULE_GROUPS.join(', ')}, a rate-based rule (${WAF_RATE_LIMIT} requests per 5 minutes per IP) and logging to CloudWatch Logs.`,
  verify:
    'The web ACL’s Rules tab lists the four AWS managed rule groups and a rate-based rule; Logging and metrics shows a log destination.',
  check(topology) {
    const bad = nodesOfKind(topology, 'waf-web-acl').filter((w) => gaps(w).length > 0);
    return bad.length === 0
      ? passed('Every web ACL runs the AWS managed rule groups, a rate limit and logging.')
      : failed(
          bad.map((w) => w.id),
          `${listNames(bad.map((w) => `${w.name} (${gaps(w).join(', ')})`))}.`,
        );
  },
  checkTemplate(resources) {
    const logged = new Set(
      ofType(resources, 'AWS::WAFv2::LoggingConfiguration')
        .map(([, l]) => getAttTarget(propsOf(l).ResourceArn))
        .filter((v): v is string => v !== null),
    );
    const bad = ofType(resources, 'AWS::WAFv2::WebACL')
      .filter(([id, acl]) => {
        const statements = asArray(propsOf(acl).Rules).map(
          (r) => ((r as { Statement?: unknown }).Statement ?? {}) as Record<string, unknown>,
        );
        const managed = new Set(
          statements.map((s) => (s.ManagedRuleGroupStatement as { Name?: unknown } | undefined)?.Name),
        );
        const rate = statements.some((s) => s.RateBasedStatement !== undefined);
        return !WAF_MANAGED_RULE_GROUPS.every((g) => managed.has(g)) || !rate || !logged.has(id);
      })
      .map(([id]) => id);
    return bad.length === 0
      ? passed('Every web ACL runs the managed rule groups and a rate-based rule, and logs.')
      : failed(bad, `${bad.join(', ')} lacks managed rule groups, a rate limit or logging.`);
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'waf-web-acl' && gaps(n).length > 0
        ? {
            ...n,
            managedRuleGroups: [
              ...n.managedRuleGroups,
              ...WAF_MANAGED_RULE_GROUPS.filter((g) => !n.managedRuleGroups.includes(g)),
            ],
            rateLimit: n.rateLimit ?? WAF_RATE_LIMIT,
            logging: true,
          }
        : n,
    );
  },
};
