import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  covers,
  designSgContext,
  isOnPremises,
  normalizeDesignRule,
  templateSgContext,
  type NormRule,
  type SgContext,
} from '../sg-policy';

function violates(ctx: SgContext, r: NormRule): boolean {
  if (r.direction !== 'ingress' || !covers(r, 3389)) return false;
  return !(r.cidr !== null && isOnPremises(ctx, r.cidr));
}

function outcome(ctx: SgContext, name: (ref: string) => string): RuleOutcome {
  const bad = ctx.rules.filter((r) => violates(ctx, r));
  return bad.length === 0
    ? passed(
        'Remote Desktop reaches the servers only from the data centre’s ranges over the VPN or Direct Connect.',
      )
    : failed(
        bad.map((r) => r.ref),
        `${listNames(bad.map((r) => name(r.ref)))} allow${bad.length === 1 ? 's' : ''} Remote Desktop from outside the data centre.`,
      );
}

export const net08RdpFromDataCentre: SecurityRule = {
  id: 'NET-08',
  title: 'Remote Desktop only from the data centre, over the VPN or Direct Connect',
  category: 'network',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study: “For any Administrative task Remote user will use VPN client to connect the servers.” Without a link to the data centre, administrators use Systems Manager Session Manager and no RDP port is open at all.',
  source: 'case study',
  // Security Hub EC2.14 and checkov CKV_AWS_25 cover RDP from 0.0.0.0/0 only (NET-05); nothing checks
  // that the source is the customer's own range.
  controls: {},
  fix: 'Remove RDP rules whose source is not one of the data centre’s ranges; use Session Manager from anywhere else.',
  verify: 'Inbound rules on port 3389 name only the on-premises CIDRs routed over the VPN or Direct Connect.',
  check(topology) {
    return outcome(designSgContext(topology), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    return outcome(templateSgContext(resources), (ref) => ref);
  },
  fixTopology(topology) {
    const ctx = designSgContext(topology);
    return withoutSgRules(topology, (group, direction, rule) =>
      violates(ctx, normalizeDesignRule(group, direction, rule)),
    );
  },
};
