import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { getAtt, ref, type CfnObject } from '../intrinsics';
import type { CfnResource } from '../template';
import { logGroupResource } from './log-groups';

/**
 * VPC flow logs (all traffic, one-minute aggregation) to an encrypted CloudWatch log group, through a
 * role that may write only to that group.
 */
export function buildFlowLogs(ctx: BuildContext, logKey: string | null): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const vpcNode = nodesOfKind(ctx.topology, 'vpc')[0];
  if (!vpcNode || !vpcNode.flowLogs) return resources;
  const vpc = nodeLogicalId(ctx, vpcNode.id) as string;
  const group = ctx.ids.claim('FlowLogsLogGroup');
  const role = ctx.ids.claim('FlowLogsRole');
  resources[group] = logGroupResource(ctx, 'vpc-flow-logs', logKey);
  const policy: CfnObject = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteFlowLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: getAtt(group, 'Arn'),
      },
    ],
  };
  resources[role] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'VPC flow logs: write to the flow log group only',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      Policies: [{ PolicyName: 'WriteFlowLogs', PolicyDocument: policy }],
      Tags: strictTags(ctx, 'Flow logs role', 'Flow logs role'),
    },
  };
  resources[ctx.ids.claim(`${vpc}FlowLog`)] = {
    Type: 'AWS::EC2::FlowLog',
    Properties: {
      ResourceId: ref(vpc),
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogDestination: getAtt(group, 'Arn'),
      DeliverLogsPermissionArn: getAtt(role, 'Arn'),
      MaxAggregationInterval: 60,
      Tags: strictTags(ctx, `${vpcNode.name} flow logs`, 'VPC flow logs'),
    },
  };
  return resources;
}
