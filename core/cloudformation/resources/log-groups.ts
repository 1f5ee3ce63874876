import { nodesOfKind } from '../../model/topology';
import type { BuildContext } from '../context';
import { getAtt, sub, type CfnValue } from '../intrinsics';
import type { CfnResource } from '../template';

/** CIS and FSBP CloudWatch.16 ask for a year; the plan's CloudWatch node may say more. */
export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** Retention values CloudWatch Logs accepts. */
const ALLOWED_RETENTION = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The retention the design gives a log group (by its short name), as an allowed CloudWatch value. */
export function retentionFor(ctx: BuildContext, shortName: string): number {
  const planned = nodesOfKind(ctx.topology, 'cloudwatch')
    .flatMap((c) => c.logGroups)
    .find((g) => g.name === shortName)?.retentionDays;
  const days = planned ?? DEFAULT_LOG_RETENTION_DAYS;
  return ALLOWED_RETENTION.find((d) => d >= days) ?? 3653;
}

/**
 * A log group named `/<stack>/<short name>` (or exactly `name` when given, e.g. WAF's required
 * `aws-waf-logs-` prefix), kept for the planned retention and encrypted with the logs key.
 */
export function logGroupResource(
  ctx: BuildContext,
  shortName: string,
  key: string | null,
  name?: CfnValue,
): CfnResource {
  return {
    Type: 'AWS::Logs::LogGroup',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      LogGroupName: name ?? sub(`/\${AWS::StackName}/${shortName}`),
      RetentionInDays: retentionFor(ctx, shortName),
      ...(key ? { KmsKeyId: getAtt(key, 'Arn') } : {}),
    },
  };
}
