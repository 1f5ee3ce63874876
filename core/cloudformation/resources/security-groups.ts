import type { SecurityGroup, SecurityGroupRule } from '../../model/topology';
import { type BuildContext, ec2Tags, securityGroupLogicalId } from '../context';
import { getAtt, ref, text, type CfnObject } from '../intrinsics';
import { ec2Description } from '../sanitize';
import type { CfnResource } from '../template';

/**
 * Security groups with explicit ingress and egress. Rules whose peer is a CIDR sit inline on the group;
 * rules between groups are separate AWS::EC2::SecurityGroupIngress / SecurityGroupEgress resources, so
 * groups that reference each other (or themselves) create no circular dependency.
 */

/**
 * CloudFormation gives a group without inline egress an allow-all egress rule. A rule that matches no
 * traffic (ICMP type 252 code 86 to 255.255.255.255/32, the rule the AWS CDK uses) removes it while the
 * group's real egress lives in separate resources.
 */
export const NO_TRAFFIC_EGRESS: CfnObject = {
  IpProtocol: 'icmp',
  FromPort: 252,
  ToPort: 86,
  CidrIp: '255.255.255.255/32',
  Description: 'Matches no traffic: removes the default allow-all egress',
};

function protocolFields(rule: SecurityGroupRule): CfnObject {
  if (rule.protocol === 'all') return { IpProtocol: '-1' };
  return { IpProtocol: rule.protocol, FromPort: rule.fromPort, ToPort: rule.toPort };
}

function ruleDescription(rule: SecurityGroupRule, direction: 'ingress' | 'egress'): string {
  const ports =
    rule.protocol === 'all'
      ? 'all traffic'
      : `${rule.protocol.toUpperCase()} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
  return ec2Description(rule.description, `${direction === 'ingress' ? 'Inbound' : 'Outbound'} ${ports}`);
}

function cidrRule(
  rule: SecurityGroupRule & { source: { kind: 'cidr' } },
  direction: 'ingress' | 'egress',
): CfnObject {
  const v6 = rule.source.cidr.includes(':');
  return {
    ...protocolFields(rule),
    [v6 ? 'CidrIpv6' : 'CidrIp']: rule.source.cidr,
    Description: text(ruleDescription(rule, direction)),
  };
}

/** "Tcp1433", "Udp3343", "Tcp1000To2000", "All": part of a rule resource's logical id. */
function portsId(rule: SecurityGroupRule): string {
  if (rule.protocol === 'all') return 'All';
  const proto = rule.protocol.charAt(0).toUpperCase() + rule.protocol.slice(1);
  const fmt = (n: number) => (n < 0 ? 'Any' : String(n));
  return rule.fromPort === rule.toPort
    ? `${proto}${fmt(rule.fromPort)}`
    : `${proto}${fmt(rule.fromPort)}To${fmt(rule.toPort)}`;
}

export function buildSecurityGroups(ctx: BuildContext, vpc: string): Record<string, CfnResource> {
  const groups: Record<string, CfnResource> = {};
  const links: Record<string, CfnResource> = {};
  for (const group of ctx.topology.securityGroups) {
    const id = securityGroupLogicalId(ctx, group.id) as string;
    const ingress = group.ingress.filter(isCidrRule).map((r) => cidrRule(r, 'ingress'));
    const cidrEgress = group.egress.filter(isCidrRule).map((r) => cidrRule(r, 'egress'));
    groups[id] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: text(
          ec2Description(group.description, ec2Description(group.name, 'Security group')),
        ),
        VpcId: ref(vpc),
        ...(ingress.length > 0 ? { SecurityGroupIngress: ingress } : {}),
        SecurityGroupEgress: cidrEgress.length > 0 ? cidrEgress : [NO_TRAFFIC_EGRESS],
        Tags: ec2Tags(ctx, group.name, group.id),
      },
    };
    addLinks(ctx, links, group, id, 'ingress');
    addLinks(ctx, links, group, id, 'egress');
  }
  return { ...groups, ...links };
}

function isCidrRule(
  rule: SecurityGroupRule,
): rule is SecurityGroupRule & { source: { kind: 'cidr'; cidr: string } } {
  return rule.source.kind === 'cidr';
}

function addLinks(
  ctx: BuildContext,
  out: Record<string, CfnResource>,
  group: SecurityGroup,
  groupId: string,
  direction: 'ingress' | 'egress',
): void {
  for (const rule of direction === 'ingress' ? group.ingress : group.egress) {
    if (rule.source.kind !== 'security-group') continue;
    const peer = securityGroupLogicalId(ctx, rule.source.securityGroupId);
    if (!peer) continue; // a dangling reference: the integrity check reports it; there is nothing to point at
    const id = ctx.ids.claim(
      `${groupId}${direction === 'ingress' ? 'IngressFrom' : 'EgressTo'}${peer}${portsId(rule)}`,
    );
    out[id] = {
      Type: direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: getAtt(groupId, 'GroupId'),
        ...protocolFields(rule),
        [direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: getAtt(
          peer,
          'GroupId',
        ),
        Description: text(ruleDescription(rule, direction)),
      },
    };
  }
}
