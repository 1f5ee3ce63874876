import { nodesOfKind, type Topology } from '../../model/topology';
import { WAF_MANAGED_RULE_GROUPS, WAF_RATE_LIMIT } from '../../topology/edge';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { getAttTarget, ofType, propsOf, refTarget } from '../template-query';

function unprotected(topology: Topology): string[] {
  const protectedIds = new Set(nodesOfKind(topology, 'waf-web-acl').flatMap((w) => w.associatedResourceIds));
  return nodesOfKind(topology, 'load-balancer')
    .filter((lb) => lb.scheme === 'internet-facing' && !protectedIds.has(lb.id))
    .map((lb) => lb.id);
}

export const edg05WafOnAlb: SecurityRule = {
  id: 'EDG-05',
  title: 'AWS WAF protects the internet-facing load balancer',
  category: 'edge',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study implements AWS WAF against common web exploits and bots; the whitepaper builds defence in depth with WAF in front of the application.',
  source: 'case study, whitepaper',
  // cfn-nag covers only WAF Classic; checkov's WAF association check (CKV2_AWS_28) is Terraform-only.
  controls: { fsbp: ['ELB.16'] },
  fix: 'Associate the regional web ACL with the load balancer (adding a web ACL with the AWS managed rule groups if there is none).',
  verify:
    'The ALB’s Integrations tab shows the AWS WAF web ACL; the web ACL lists the ALB under associated resources.',
  check(topology) {
    const bad = unprotected(topology);
    return bad.length === 0
      ? passed('Every internet-facing load balancer has a WAF web ACL.')
      : failed(
          bad,
          `${listNames(bad.map((id) => topology.nodes.find((n) => n.id === id)?.name ?? id))} has no WAF web ACL.`,
        );
  },
  checkTemplate(resources) {
    const acls = new Set(ofType(resources, 'AWS::WAFv2::WebACL').map(([id]) => id));
    const associated = new Set(
      ofType(resources, 'AWS::WAFv2::WebACLAssociation')
        .filter(([, a]) => {
          const acl = getAttTarget(propsOf(a).WebACLArn);
          return acl !== null && acls.has(acl);
        })
        .map(([, a]) => refTarget(propsOf(a).ResourceArn))
        .filter((v): v is string => v !== null),
    );
    const bad = ofType(resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
      .filter(([id, lb]) => propsOf(lb).Scheme === 'internet-facing' && !associated.has(id))
      .map(([id]) => id);
    return bad.length === 0
      ? passed('Every internet-facing load balancer is associated with a web ACL.')
      : failed(bad, `${bad.join(', ')} has no web ACL association.`);
  },
  fixTopology(topology) {
    const bad = unprotected(topology);
    if (bad.length === 0) return topology;
    const existing = nodesOfKind(topology, 'waf-web-acl')[0];
    if (existing) {
      return {
        ...topology,
        nodes: topology.nodes.map((n) =>
          n.id === existing.id && n.kind === 'waf-web-acl'
            ? { ...n, associatedResourceIds: [...n.associatedResourceIds, ...bad] }
            : n,
        ),
        edges: [
          ...topology.edges,
          ...bad.map((lb) => ({
            id: `e-${existing.id}-${lb}`,
            source: existing.id,
            target: lb,
            kind: 'traffic' as const,
            label: 'Filters HTTPS',
          })),
        ].filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i),
      };
    }
    const taken = new Set(topology.nodes.map((n) => n.id));
    let id = 'waf';
    for (let i = 2; taken.has(id); i++) id = `waf-${i}`;
    return {
      ...topology,
      nodes: [
        ...topology.nodes,
        {
          id,
          name: 'AWS WAF web ACL',
          parentId: null,
          kind: 'waf-web-acl',
          managedRuleGroups: [...WAF_MANAGED_RULE_GROUPS],
          rateLimit: WAF_RATE_LIMIT,
          associatedResourceIds: bad,
          logging: true,
        },
      ],
      edges: [
        ...topology.edges,
        ...bad.map((lb) => ({
          id: `e-${id}-${lb}`,
          source: id,
          target: lb,
          kind: 'traffic' as const,
          label: 'Filters HTTPS',
        })),
      ],
    };
  },
};
