import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { getAtt, ref, sub, type CfnObject } from '../intrinsics';
import type { CfnResource } from '../template';
import { logGroupResource } from './log-groups';

/**
 * AWS WAF web ACLs (regional) in front of the load balancers: the AWS managed rule groups the design
 * lists, a rate-based rule per client IP, the association with each load balancer, and logging to a
 * CloudWatch log group (WAF requires the `aws-waf-logs-` name prefix) with the authorization header
 * redacted.
 */
export function buildWafWebAcls(ctx: BuildContext, logKey: string | null): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  for (const node of nodesOfKind(ctx.topology, 'waf-web-acl')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    const visibility = (metric: string): CfnObject => ({
      SampledRequestsEnabled: true,
      CloudWatchMetricsEnabled: true,
      MetricName: metric,
    });
    const rules: CfnObject[] = node.managedRuleGroups.map((name, i) => ({
      Name: name,
      Priority: i,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
      VisibilityConfig: visibility(name),
    }));
    if (node.rateLimit !== null)
      rules.push({
        Name: 'RateLimitPerClientIp',
        Priority: node.managedRuleGroups.length,
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: node.rateLimit, AggregateKeyType: 'IP' } },
        VisibilityConfig: visibility('RateLimitPerClientIp'),
      });
    resources[id] = {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Scope: 'REGIONAL',
        Description: 'Protects the control room load balancer: AWS managed rules and a rate limit',
        DefaultAction: { Allow: {} },
        Rules: rules,
        VisibilityConfig: visibility('WebAcl'),
        Tags: strictTags(ctx, node.name, node.id),
      },
    };
    for (const target of node.associatedResourceIds) {
      const lb = nodeLogicalId(ctx, target);
      if (!lb || ctx.byId.get(target)?.kind !== 'load-balancer') continue;
      resources[ctx.ids.claim(`${id}Association${lb}`)] = {
        Type: 'AWS::WAFv2::WebACLAssociation',
        Properties: { ResourceArn: ref(lb), WebACLArn: getAtt(id, 'Arn') },
      };
    }
    if (node.logging) {
      const group = ctx.ids.claim(`${id}LogGroup`);
      resources[group] = logGroupResource(
        ctx,
        'aws-waf-logs',
        logKey,
        sub(`aws-waf-logs-\${AWS::StackName}-${node.id.replace(/[^A-Za-z0-9_-]/g, '')}`),
      );
      resources[ctx.ids.claim(`${id}Logging`)] = {
        Type: 'AWS::WAFv2::LoggingConfiguration',
        Properties: {
          ResourceArn: getAtt(id, 'Arn'),
          // The log group's ARN without the ":*" GetAtt adds, as WAF expects it.
          LogDestinationConfigs: [
            sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${group}}`),
          ],
          RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
        },
      };
    }
  }
  return resources;
}
