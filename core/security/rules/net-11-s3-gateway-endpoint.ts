import { nodesOfKind, type Topology } from '../../model/topology';
import { GROUP } from '../../topology/design-ids';
import { failed, passed, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, publicSubnets, subText } from '../template-query';

function needsEndpoint(topology: Topology): boolean {
  return nodesOfKind(topology, 'subnet').some((s) => s.tier !== 'public');
}

function hasS3Gateway(topology: Topology): boolean {
  return nodesOfKind(topology, 'vpc-endpoint').some(
    (e) => e.service === 's3' && e.endpointType === 'Gateway',
  );
}

export const net11S3GatewayEndpoint: SecurityRule = {
  id: 'NET-11',
  title: 'Backups and patches reach S3 through a gateway endpoint',
  category: 'network',
  severity: 'low',
  mode: 'automatic',
  why: 'The case study keeps the servers off the internet; an S3 gateway endpoint keeps SQL Server backups and Windows patch downloads from S3 on AWS’s network instead of the NAT gateway, and costs nothing.',
  source: 'case study',
  // Security Hub's endpoint controls (EC2.10, EC2.55–EC2.60) cover interface endpoints for EC2, ECR and
  // Systems Manager, not S3; no cfn-nag or checkov check either.
  controls: {},
  fix: 'Add an S3 gateway endpoint on the private route tables.',
  verify:
    'The VPC console lists a Gateway endpoint for com.amazonaws.<region>.s3 attached to every private route table.',
  check(topology) {
    if (!needsEndpoint(topology)) return passed('The design has no private subnets.');
    return hasS3Gateway(topology)
      ? passed('An S3 gateway endpoint serves the private subnets.')
      : failed(
          nodesOfKind(topology, 'vpc').map((v) => v.id),
          'No S3 gateway endpoint: backups and patches to and from S3 go through the NAT gateway.',
        );
  },
  checkTemplate(resources) {
    const open = publicSubnets(resources);
    const privateSubnets = ofType(resources, 'AWS::EC2::Subnet').filter(([id]) => !open.has(id)).length;
    const found = ofType(resources, 'AWS::EC2::VPCEndpoint').some(([, r]) => {
      const p = propsOf(r);
      return (
        p.VpcEndpointType === 'Gateway' &&
        (subText(p.ServiceName) ?? '').endsWith('.s3') &&
        asArray(p.RouteTableIds).length > 0
      );
    });
    if (privateSubnets === 0) return passed('The template has no private subnets.');
    return found
      ? passed('An S3 gateway endpoint is attached to the private route tables.')
      : failed(
          ofType(resources, 'AWS::EC2::VPC').map(([id]) => id),
          'No S3 gateway endpoint on the private route tables.',
        );
  },
  fixTopology(topology) {
    if (!needsEndpoint(topology) || hasS3Gateway(topology)) return topology;
    const vpc = nodesOfKind(topology, 'vpc')[0];
    if (!vpc) return null;
    const taken = new Set(topology.nodes.map((n) => n.id));
    let id = 'vpce-s3';
    for (let i = 2; taken.has(id); i++) id = `vpce-s3-${i}`;
    const parentId = taken.has(GROUP.endpoints) ? GROUP.endpoints : vpc.id;
    return {
      ...topology,
      nodes: [
        ...topology.nodes,
        {
          id,
          name: 'S3 gateway endpoint',
          parentId,
          kind: 'vpc-endpoint',
          service: 's3',
          endpointType: 'Gateway',
          subnetIds: nodesOfKind(topology, 'subnet')
            .filter((s) => s.tier !== 'public')
            .map((s) => s.id),
        },
      ],
    };
  },
};
