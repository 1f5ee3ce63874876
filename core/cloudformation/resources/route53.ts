import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId } from '../context';
import { AWS_REGION, getAtt, ref, text } from '../intrinsics';
import { literalText, truncateCodePoints } from '../sanitize';
import type { CfnResource } from '../template';

/**
 * Route 53 private hosted zones associated with the VPC, and a `sql` CNAME for each RDS DB instance
 * (`sql`, `sql-2`…), so applications connect by a name the customer owns.
 */
export function buildPrivateZones(ctx: BuildContext, vpc: string): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const rds = nodesOfKind(ctx.topology, 'rds-sql-server');
  for (const zone of nodesOfKind(ctx.topology, 'route53-zone')) {
    if (!zone.privateZone) continue;
    const id = nodeLogicalId(ctx, zone.id) as string;
    resources[id] = {
      Type: 'AWS::Route53::HostedZone',
      Properties: {
        Name: zone.domainName,
        HostedZoneConfig: {
          Comment: text(truncateCodePoints(`Private names for ${literalText(ctx.projectName)}`, 200)),
        },
        VPCs: [{ VPCId: ref(vpc), VPCRegion: ref(AWS_REGION) }],
      },
    };
    rds.forEach((db, i) => {
      const dbId = nodeLogicalId(ctx, db.id) as string;
      resources[ctx.ids.claim(`${id}${i === 0 ? 'Sql' : `Sql${i + 1}`}Record`)] = {
        Type: 'AWS::Route53::RecordSet',
        Properties: {
          HostedZoneId: ref(id),
          Name: `${i === 0 ? 'sql' : `sql-${i + 1}`}.${zone.domainName}`,
          Type: 'CNAME',
          TTL: '60',
          ResourceRecords: [getAtt(dbId, 'Endpoint.Address')],
        },
      };
    });
  }
  return resources;
}
