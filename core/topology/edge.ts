import type { DesignContext } from './design-context';
import { NODE, SG } from './design-ids';

/** AWS managed rule groups the web ACL runs, in priority order. */
export const WAF_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
  'AWSManagedRulesWindowsRuleSet',
] as const;

/** Requests per 5 minutes from one IP before the rate-based rule blocks it. */
export const WAF_RATE_LIMIT = 2000;

/**
 * The internet-facing Application Load Balancer in front of the control room (HTTPS with an ACM
 * certificate, HTTP only redirects), spanning the public subnets of every AZ, and the AWS WAF web ACL
 * associated with it (managed rule groups, a rate-based rule, logging). Nothing when there is no
 * control room to serve.
 */
export function addEdgeServices(ctx: DesignContext, controlRooms: readonly string[]): void {
  if (controlRooms.length === 0) return;
  ctx.nodes.push({
    id: NODE.alb,
    name: 'Application Load Balancer',
    parentId: NODE.vpc,
    kind: 'load-balancer',
    scheme: 'internet-facing',
    subnetIds: ctx.letters.map((l) => ctx.subnetId('public', l)),
    securityGroupIds: [SG.alb],
    listeners: [
      { protocol: 'HTTPS', port: 443, action: 'forward' },
      { protocol: 'HTTP', port: 80, action: 'redirect-https' },
    ],
    targetIds: [...controlRooms],
    targetPort: 443,
    certificateDomain: `rpa.${ctx.options.domainName}`,
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    dropInvalidHeaders: true,
    accessLogs: true,
    deletionProtection: true,
  });
  ctx.addEdge({ id: 'e-igw-alb', source: NODE.igw, target: NODE.alb, kind: 'traffic', label: 'HTTPS 443' });
  for (const cr of controlRooms)
    ctx.addEdge({ id: `e-alb-${cr}`, source: NODE.alb, target: cr, kind: 'traffic', label: 'HTTPS 443' });
  ctx.nodes.push({
    id: NODE.waf,
    name: 'AWS WAF web ACL',
    parentId: null,
    kind: 'waf-web-acl',
    managedRuleGroups: [...WAF_MANAGED_RULE_GROUPS],
    rateLimit: WAF_RATE_LIMIT,
    associatedResourceIds: [NODE.alb],
    logging: true,
  });
  ctx.addEdge({ source: NODE.waf, target: NODE.alb, kind: 'traffic', label: 'Filters HTTPS' });
}
