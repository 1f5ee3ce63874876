import type { SecurityGroupRule, Topology } from '../model/topology';
import { cidrWithin, coversPort, isPrivateCidr, isWorldCidr } from './cidr';
import { designSgUsers, onPremisesCidrs } from './design-query';
import type { TemplateResources } from './rule';
import { onPremisesRoutes, securityGroupUsers, templateSgRules } from './template-query';

/**
 * The security-group rules of the design and of the template in one shape, with who uses each group
 * and which ranges are the data centre's, so each network rule states its policy once and applies it
 * to both.
 */

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all';

export interface NormRule {
  group: string;
  direction: 'ingress' | 'egress';
  protocol: Protocol;
  from: number;
  to: number;
  cidr: string | null;
  peer: string | null;
  /** What to name when it fails: the group id (design) or the resource holding the rule (template). */
  ref: string;
}

export type UserKind = 'instance' | 'load-balancer' | 'endpoint' | 'file-system' | 'database' | 'other';

export interface SgUserInfo {
  kind: UserKind;
  /** Server role of an instance ("sql", "bot"…); "sql" for a database; null otherwise. */
  role: string | null;
  internetFacing: boolean;
}

export interface SgContext {
  rules: NormRule[];
  users: ReadonlyMap<string, readonly SgUserInfo[]>;
  /**
   * The data centre's ranges. `anyPrivate`: the template has a virtual private gateway but no static
   * routes (Direct Connect learns them over BGP), so any private range may be the data centre's.
   */
  onPremises: { cidrs: readonly string[]; anyPrivate: boolean };
}

export function designSgContext(topology: Topology): SgContext {
  const rules: NormRule[] = [];
  for (const g of topology.securityGroups)
    for (const direction of ['ingress', 'egress'] as const)
      for (const r of g[direction]) rules.push(normalizeDesignRule(g.id, direction, r));
  const users = new Map<string, SgUserInfo[]>();
  for (const [group, list] of designSgUsers(topology))
    users.set(
      group,
      list.map(({ node, role }) => ({
        kind:
          node.kind === 'ec2-instance'
            ? 'instance'
            : node.kind === 'load-balancer'
              ? 'load-balancer'
              : node.kind === 'vpc-endpoint'
                ? 'endpoint'
                : node.kind === 'fsx-windows'
                  ? 'file-system'
                  : node.kind === 'rds-sql-server'
                    ? 'database'
                    : 'other',
        role,
        internetFacing: node.kind === 'load-balancer' && node.scheme === 'internet-facing',
      })),
    );
  return { rules, users, onPremises: { cidrs: onPremisesCidrs(topology), anyPrivate: false } };
}

export function normalizeDesignRule(
  group: string,
  direction: 'ingress' | 'egress',
  r: SecurityGroupRule,
): NormRule {
  return {
    group,
    direction,
    protocol: r.protocol,
    from: r.protocol === 'all' ? -1 : r.fromPort,
    to: r.protocol === 'all' ? -1 : r.toPort,
    cidr: r.source.kind === 'cidr' ? r.source.cidr : null,
    peer: r.source.kind === 'security-group' ? r.source.securityGroupId : null,
    ref: group,
  };
}

const PROTOCOL_NUMBERS: Record<string, Protocol> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp' };

function templateProtocol(p: string): Protocol {
  const lower = p.toLowerCase();
  if (lower === 'tcp' || lower === 'udp' || lower === 'icmp') return lower;
  return PROTOCOL_NUMBERS[lower] ?? 'all';
}

const TYPE_KIND: Record<string, UserKind> = {
  'AWS::EC2::Instance': 'instance',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load-balancer',
  'AWS::EC2::VPCEndpoint': 'endpoint',
  'AWS::FSx::FileSystem': 'file-system',
  'AWS::RDS::DBInstance': 'database',
};

export function templateSgContext(resources: TemplateResources): SgContext {
  const rules: NormRule[] = templateSgRules(resources).map((r) => ({
    group: r.group,
    direction: r.direction,
    protocol: templateProtocol(r.protocol),
    from: r.from,
    to: r.to,
    cidr: r.cidr,
    peer: r.peerGroup,
    ref: r.holder,
  }));
  const users = new Map<string, SgUserInfo[]>();
  for (const [group, list] of securityGroupUsers(resources))
    users.set(
      group,
      list.map((u) => {
        const kind = TYPE_KIND[u.type] ?? 'other';
        return {
          kind,
          role: kind === 'database' ? 'sql' : u.role,
          internetFacing: kind === 'load-balancer' && u.scheme === 'internet-facing',
        };
      }),
    );
  const routes = onPremisesRoutes(resources);
  return {
    rules,
    users,
    onPremises: { cidrs: routes.cidrs, anyPrivate: routes.gateway && routes.cidrs.length === 0 },
  };
}

export function isWorld(rule: NormRule): boolean {
  return rule.cidr !== null && isWorldCidr(rule.cidr);
}

export function covers(rule: NormRule, port: number): boolean {
  if (rule.protocol === 'icmp') return false;
  return coversPort(rule.protocol === 'all', rule.from, rule.to, port);
}

export function isOnPremises(ctx: SgContext, cidr: string): boolean {
  if (isWorldCidr(cidr)) return false;
  return (
    ctx.onPremises.cidrs.some((c) => cidrWithin(cidr, c)) ||
    (ctx.onPremises.anyPrivate && isPrivateCidr(cidr))
  );
}

export function usersOf(ctx: SgContext, group: string): readonly SgUserInfo[] {
  return ctx.users.get(group) ?? [];
}
