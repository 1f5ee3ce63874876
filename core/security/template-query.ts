import { Intrinsic, QuotedText } from '../cloudformation/intrinsics';
import type { CfnResource } from '../cloudformation/template';
import type { TemplateResources } from './rule';

/**
 * Reading the exported template the way the rules need it: resources by type, where a reference
 * points, tags, security-group rules flattened from both the inline and the separate resources.
 * Values are the exporter's own (Intrinsic, QuotedText), never re-parsed YAML.
 */

export type Entry = [logicalId: string, resource: CfnResource];

export function ofType(resources: TemplateResources, type: string): Entry[] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** The resource's properties as a loose record (absent → empty). */
export function propsOf(resource: CfnResource): Record<string, unknown> {
  return (resource.Properties ?? {}) as Record<string, unknown>;
}

/** `!Ref X` → "X"; anything else → null. */
export function refTarget(value: unknown): string | null {
  return value instanceof Intrinsic && value.fn === 'Ref' && typeof value.args === 'string'
    ? value.args
    : null;
}

/** `!GetAtt X.Attr` → "X"; anything else → null. */
export function getAttTarget(value: unknown): string | null {
  if (!(value instanceof Intrinsic) || value.fn !== 'GetAtt' || !Array.isArray(value.args)) return null;
  const [target] = value.args as unknown[];
  return typeof target === 'string' ? target : null;
}

/** The logical id a Ref or GetAtt points at. */
export function targetOf(value: unknown): string | null {
  return refTarget(value) ?? getAttTarget(value);
}

/** A literal string (plain or quoted user text); null for intrinsics and other values. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof QuotedText) return value.value;
  return null;
}

/** The text of a `!Sub` whose template is a plain string (for service names, ARNs). */
export function subText(value: unknown): string | null {
  if (!(value instanceof Intrinsic) || value.fn !== 'Sub') return textOf(value);
  const args = value.args;
  if (Array.isArray(args)) return textOf(args[0]);
  return textOf(args);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function tagOf(resource: CfnResource, key: string): string | null {
  for (const tag of asArray(propsOf(resource).Tags)) {
    const t = tag as { Key?: unknown; Value?: unknown };
    if (t.Key === key) return textOf(t.Value);
  }
  return null;
}

/** Logical ids of the security groups a resource uses, whatever property it names them in. */
export function securityGroupsOf(resource: CfnResource): string[] {
  const p = propsOf(resource);
  const lists: unknown[] = [
    ...asArray(p.SecurityGroupIds),
    ...asArray(p.SecurityGroups),
    ...asArray(p.VPCSecurityGroups),
    ...asArray(p.NetworkInterfaces).flatMap((ni) => asArray((ni as Record<string, unknown>).GroupSet)),
  ];
  return [...new Set(lists.map(targetOf).filter((t): t is string => t !== null))];
}

/** An instance's subnet: `SubnetId`, or its primary network interface's. */
export function subnetOfInstance(resource: CfnResource): string | null {
  const p = propsOf(resource);
  const direct = refTarget(p.SubnetId);
  if (direct) return direct;
  for (const ni of asArray(p.NetworkInterfaces)) {
    const s = refTarget((ni as Record<string, unknown>).SubnetId);
    if (s) return s;
  }
  return null;
}

/** Whether the instance asks for a public IP on any of its interfaces. */
export function instanceAsksPublicIp(resource: CfnResource): boolean {
  return asArray(propsOf(resource).NetworkInterfaces).some(
    (ni) => (ni as Record<string, unknown>).AssociatePublicIpAddress === true,
  );
}

/** Subnets whose route table sends traffic to an internet gateway: the public ones. */
export function publicSubnets(resources: TemplateResources): Set<string> {
  const gateways = new Set(ofType(resources, 'AWS::EC2::InternetGateway').map(([id]) => id));
  const publicTables = new Set(
    ofType(resources, 'AWS::EC2::Route')
      .filter(([, r]) => {
        const gw = refTarget(propsOf(r).GatewayId);
        return gw !== null && gateways.has(gw);
      })
      .map(([, r]) => refTarget(propsOf(r).RouteTableId))
      .filter((t): t is string => t !== null),
  );
  const out = new Set<string>();
  for (const [, a] of ofType(resources, 'AWS::EC2::SubnetRouteTableAssociation')) {
    const table = refTarget(propsOf(a).RouteTableId);
    const subnet = refTarget(propsOf(a).SubnetId);
    if (table && subnet && publicTables.has(table)) out.add(subnet);
  }
  return out;
}

/** The zone index of a subnet (`!Select [i, !GetAZs '']`), or its literal zone. */
export function subnetZone(resources: TemplateResources, subnetId: string): string | null {
  const subnet = resources[subnetId];
  if (!subnet) return null;
  const az = propsOf(subnet).AvailabilityZone;
  if (az instanceof Intrinsic && az.fn === 'Select' && Array.isArray(az.args))
    return `#${String(az.args[0])}`;
  return textOf(az);
}

/** One security-group rule of the template, wherever it is written. */
export interface TemplateSgRule {
  /** The group the rule belongs to. */
  group: string;
  direction: 'ingress' | 'egress';
  /** "tcp", "udp", "icmp" or "-1" (all). */
  protocol: string;
  from: number;
  to: number;
  /** A literal CIDR peer, or null. */
  cidr: string | null;
  /** The peer group's logical id, or null. */
  peerGroup: string | null;
  /** The resource that holds the rule (the group for inline rules, else the rule's own resource). */
  holder: string;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number'
    ? value
    : typeof value === 'string' && value !== ''
      ? Number(value)
      : fallback;
}

function ruleFrom(
  group: string,
  holder: string,
  direction: 'ingress' | 'egress',
  r: Record<string, unknown>,
): TemplateSgRule {
  const protocol = String(r.IpProtocol ?? '-1');
  const all = protocol === '-1';
  return {
    group,
    direction,
    protocol,
    from: all ? -1 : num(r.FromPort, -1),
    to: all ? -1 : num(r.ToPort, -1),
    cidr: textOf(r.CidrIp) ?? textOf(r.CidrIpv6),
    peerGroup: targetOf(direction === 'ingress' ? r.SourceSecurityGroupId : r.DestinationSecurityGroupId),
    holder,
  };
}

export function templateSgRules(resources: TemplateResources): TemplateSgRule[] {
  const out: TemplateSgRule[] = [];
  for (const [id, sg] of ofType(resources, 'AWS::EC2::SecurityGroup')) {
    const p = propsOf(sg);
    for (const r of asArray(p.SecurityGroupIngress))
      out.push(ruleFrom(id, id, 'ingress', r as Record<string, unknown>));
    for (const r of asArray(p.SecurityGroupEgress))
      out.push(ruleFrom(id, id, 'egress', r as Record<string, unknown>));
  }
  for (const [type, direction] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const) {
    for (const [id, r] of ofType(resources, type)) {
      const p = propsOf(r);
      const group = targetOf(p.GroupId);
      if (group) out.push(ruleFrom(group, id, direction, p));
    }
  }
  return out;
}

/** Everything that uses each security group: resource logical ids with their type and Role tag. */
export interface SgUser {
  id: string;
  type: string;
  role: string | null;
  scheme: string | null;
}

export function securityGroupUsers(resources: TemplateResources): Map<string, SgUser[]> {
  const users = new Map<string, SgUser[]>();
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::EC2::SecurityGroup') continue;
    for (const sg of securityGroupsOf(r)) {
      const list = users.get(sg) ?? [];
      list.push({ id, type: r.Type, role: tagOf(r, 'Role'), scheme: textOf(propsOf(r).Scheme) });
      users.set(sg, list);
    }
  }
  return users;
}

/** Destinations routed to the virtual private gateway (the data centre's ranges over the VPN). */
export function onPremisesRoutes(resources: TemplateResources): { gateway: boolean; cidrs: string[] } {
  const gateways = new Set(ofType(resources, 'AWS::EC2::VPNGateway').map(([id]) => id));
  const cidrs = new Set<string>();
  for (const [, r] of ofType(resources, 'AWS::EC2::Route')) {
    const p = propsOf(r);
    const gw = refTarget(p.GatewayId);
    const dest = textOf(p.DestinationCidrBlock);
    if (gw && gateways.has(gw) && dest) cidrs.add(dest);
  }
  for (const [, r] of ofType(resources, 'AWS::EC2::VPNConnectionRoute')) {
    const dest = textOf(propsOf(r).DestinationCidrBlock);
    if (dest) cidrs.add(dest);
  }
  return { gateway: gateways.size > 0, cidrs: [...cidrs] };
}
