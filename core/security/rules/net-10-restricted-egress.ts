import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  designSgContext,
  isWorld,
  normalizeDesignRule,
  templateSgContext,
  type NormRule,
  type SgContext,
} from '../sg-policy';
import { asArray, ofType, propsOf } from '../template-query';

function violates(r: NormRule): boolean {
  if (r.direction !== 'egress') return false;
  if (r.protocol === 'all') return true;
  return isWorld(r) && !(r.protocol === 'tcp' && r.from === 443 && r.to === 443);
}

function outcome(ctx: SgContext, name: (ref: string) => string, extra: string[] = []): RuleOutcome {
  const bad = [...ctx.rules.filter(violates).map((r) => r.ref), ...extra];
  return bad.length === 0
    ? passed(
        'Outbound traffic is explicit: to the internet only HTTPS (patches, Systems Manager, S3), no all-protocol rules.',
      )
    : failed(
        bad,
        `${listNames(bad.map(name))} allow${bad.length === 1 ? 's' : ''} more outbound traffic than HTTPS to the internet.`,
      );
}

export const net10RestrictedEgress: SecurityRule = {
  id: 'NET-10',
  title: 'Outbound traffic is explicit: HTTPS to the internet, nothing else',
  category: 'network',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper asks to “configure security groups to control inbound and outbound network traffic”. Servers reach the internet only through the NAT gateway for patches and AWS APIs; a compromised server should not be able to send data anywhere on any port.',
  source: 'whitepaper, case study',
  controls: { cfnNag: ['W5', 'W40', 'F1000'] },
  fix: 'Remove outbound rules to 0.0.0.0/0 other than TCP 443, and all-protocol outbound rules.',
  verify: 'Each security group lists explicit outbound rules; the only one to 0.0.0.0/0 is TCP 443.',
  check(topology) {
    return outcome(designSgContext(topology), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    // A group without any egress gets CloudFormation's allow-all rule (cfn-nag F1000).
    const implicit = ofType(resources, 'AWS::EC2::SecurityGroup')
      .filter(([, g]) => asArray(propsOf(g).SecurityGroupEgress).length === 0)
      .map(([id]) => id);
    return outcome(templateSgContext(resources), (ref) => ref, implicit);
  },
  fixTopology(topology) {
    return withoutSgRules(topology, (group, direction, rule) =>
      violates(normalizeDesignRule(group, direction, rule)),
    );
  },
};
