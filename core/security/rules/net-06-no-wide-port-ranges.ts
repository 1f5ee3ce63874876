import { isPrivateCidr } from '../cidr';
import { groupName, withoutSgRules } from '../design-query';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import {
  designSgContext,
  normalizeDesignRule,
  templateSgContext,
  type NormRule,
  type SgContext,
} from '../sg-policy';

/**
 * The only port ranges Windows needs between its own servers: RPC's dynamic ports (cluster
 * management, Active Directory) and the global catalog. Allowed only between security groups or
 * private addresses, never from the internet.
 */
export const ALLOWED_RANGES = [
  { from: 49152, to: 65535, what: 'Windows RPC dynamic ports' },
  { from: 3268, to: 3269, what: 'Active Directory global catalog' },
] as const;

function violates(r: NormRule): boolean {
  if (r.protocol === 'icmp') return false;
  if (r.protocol === 'all') return r.direction === 'ingress';
  if (r.from === r.to) return false;
  const known = ALLOWED_RANGES.some((a) => a.from === r.from && a.to === r.to);
  const internal = r.peer !== null || (r.cidr !== null && isPrivateCidr(r.cidr));
  return !(known && internal);
}

function outcome(ctx: SgContext, name: (ref: string) => string): RuleOutcome {
  const bad = ctx.rules.filter(violates);
  return bad.length === 0
    ? passed(
        'Rules name single ports, apart from the Windows RPC and global-catalog ranges between private addresses.',
      )
    : failed(
        bad.map((r) => r.ref),
        `${listNames(bad.map((r) => name(r.ref)))} allow${bad.length === 1 ? 's' : ''} a port range or every protocol.`,
      );
}

export const net06NoWidePortRanges: SecurityRule = {
  id: 'NET-06',
  title: 'No wide port ranges or all-protocol rules',
  category: 'network',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper: “do not allow large ranges of port opens for EC2 security groups”. A range or an all-protocol rule opens services nobody reviewed.',
  source: 'whitepaper',
  controls: { cfnNag: ['W27', 'W29', 'W42'] },
  fix: 'Replace the range or all-protocol rule with the single ports the service needs (the Windows RPC and global-catalog ranges are allowed between private addresses).',
  verify:
    'Every security-group rule names one port, except 49152–65535 and 3268–3269 between the design’s own groups.',
  check(topology) {
    return outcome(designSgContext(topology), (ref) => groupName(topology, ref));
  },
  checkTemplate(resources) {
    return outcome(templateSgContext(resources), (ref) => ref);
  },
  fixTopology(topology) {
    return withoutSgRules(topology, (group, direction, rule) =>
      violates(normalizeDesignRule(group, direction, rule)),
    );
  },
};
