import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId, securityGroupLogicalId } from '../context';
import { getAtt, ref, sub } from '../intrinsics';
import type { CfnResource } from '../template';
import { SG } from '../../topology/design-ids';

/**
 * VPC endpoints: interface endpoints (private DNS on, in the app subnets, behind the endpoints
 * security group) and gateway endpoints on the private route tables.
 */
export function buildVpcEndpoints(
  ctx: BuildContext,
  vpc: string,
  privateRouteTables: readonly string[],
): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const group = securityGroupLogicalId(ctx, SG.endpoints);
  for (const node of nodesOfKind(ctx.topology, 'vpc-endpoint')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    const service = sub(`com.amazonaws.\${AWS::Region}.${node.service.replace(/[^a-z0-9.-]/g, '')}`);
    if (node.endpointType === 'Gateway') {
      if (privateRouteTables.length === 0) continue;
      resources[id] = {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          VpcId: ref(vpc),
          ServiceName: service,
          VpcEndpointType: 'Gateway',
          RouteTableIds: privateRouteTables.map((t) => ref(t)),
        },
      };
      continue;
    }
    const subnets = node.subnetIds
      .map((s) => nodeLogicalId(ctx, s))
      .filter((s): s is string => s !== undefined);
    if (subnets.length === 0) continue;
    resources[id] = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: ref(vpc),
        ServiceName: service,
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        SubnetIds: subnets.map((s) => ref(s)),
        ...(group ? { SecurityGroupIds: [getAtt(group, 'GroupId')] } : {}),
      },
    };
  }
  return resources;
}
