import type { DesignContext } from './design-context';
import { GROUP, SG } from './design-ids';
import { fromSg, tcp } from './security-groups';

/** Interface endpoints Session Manager and the SSM agent need, so managing instances never leaves the VPC. */
export const INTERFACE_ENDPOINTS = [
  { service: 'ssm', name: 'SSM endpoint' },
  { service: 'ssmmessages', name: 'SSM messages endpoint' },
  { service: 'ec2messages', name: 'EC2 messages endpoint' },
] as const;

/**
 * VPC endpoints: interface endpoints for Systems Manager in the app subnets (reachable on 443 from
 * every instance group) and an S3 gateway endpoint on the private route tables, so backups and
 * patches to and from S3 stay on AWS's network. Shown in a box inside the VPC.
 */
export function addVpcEndpoints(ctx: DesignContext, clientGroups: readonly string[]): void {
  const sgs = ctx.securityGroups;
  sgs.define({
    id: SG.endpoints,
    name: 'VPC endpoints',
    description: 'Interface endpoints for Systems Manager: HTTPS from the instances only',
  });
  for (const group of clientGroups)
    sgs.ingress(SG.endpoints, tcp(443, fromSg(group), 'HTTPS from the instances'));
  const parentId = ctx.group(GROUP.endpoints);
  const appSubnets = ctx.letters.map((l) => ctx.subnetId('app', l));
  for (const e of INTERFACE_ENDPOINTS) {
    ctx.nodes.push({
      id: `vpce-${e.service}`,
      name: e.name,
      parentId,
      kind: 'vpc-endpoint',
      service: e.service,
      endpointType: 'Interface',
      subnetIds: appSubnets,
    });
  }
  ctx.nodes.push({
    id: 'vpce-s3',
    name: 'S3 gateway endpoint',
    parentId,
    kind: 'vpc-endpoint',
    service: 's3',
    endpointType: 'Gateway',
    subnetIds: [
      ...ctx.letters.map((l) => ctx.subnetId('app', l)),
      ...ctx.letters.map((l) => ctx.subnetId('data', l)),
    ],
  });
}
