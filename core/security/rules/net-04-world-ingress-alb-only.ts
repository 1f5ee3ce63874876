import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  designSgContext,
  isWorld,
  normalizeDesignRule,
  templateSgContext,
  usersOf,
  type NormRule,
  type SgContext,
} from '../sg-policy';

/** The internet may reach only internet-facing load balancers, and only on HTTPS and HTTP (to redirect). */
function allowed(ctx: SgContext, r: NormRule): boolean {
  const webPort = r.protocol === 'tcp' && r.from === r.to && (r.from === 443 || r.from === 80);
  return webPort && usersOf(ctx, r.group).every((u) => u.kind === 'load-balancer' && u.internetFacing);
}

function violations(ctx: SgContext): NormRule[] {
  return ctx.rules.filter((r) => r.direction === 'ingress' && isWorld(r) && !allowed(ctx, r));
}

function outcome(bad: NormRule[], name: (ref: string) => string): RuleOutcome {
  return bad.length === 0
    ? passed('Only the internet-facing load balancer accepts traffic from the internet, on 443 and 80.')
    : failed(
        bad.map((r) => r.ref),
        `${listNames(bad.map((r) => name(r.ref)))} accept${bad.length === 1 ? 's' : ''} traffic from the internet beyond HTTPS/HTTP to the load balancer.`,
      );
}

export const net04WorldIngressAlbOnly: SecurityRule = {
  id: 'NET-04',
  title: 'Only the load balancer is reachable from the internet, on HTTPS and HTTP',
  category: 'network',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study puts the ALB alone on the internet so that internal IPs are never exposed; the whitepaper forbids large IP ranges on EC2 security groups. Anything else open to 0.0.0.0/0 is a way around the WAF.',
  source: 'case study, whitepaper',
  // checkov CKV_AWS_260 (port 80 open to the world) is not mapped: the design opens 80 on the ALB on
  // purpose, only to redirect to HTTPS (EDG-02).
  controls: { fsbp: ['EC2.18'], cfnNag: ['W2'] },
  fix: 'Remove the rules that open anything but 443 and 80 on the internet-facing load balancer to 0.0.0.0/0.',
  verify:
    'In the VPC console, security groups filtered by source 0.0.0.0/0 show only the ALB’s group, on ports 443 and 80.',
  check(topology) {
    return outcome(violations(designSgContext(topology)), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    return outcome(violations(templateSgContext(resources)), (ref) => ref);
  },
  fixTopology(topology) {
    const ctx = designSgContext(topology);
    return withoutSgRules(topology, (group, direction, rule) => {
      const r = normalizeDesignRule(group, direction, rule);
      return direction === 'ingress' && isWorld(r) && !allowed(ctx, r);
    });
  },
};
