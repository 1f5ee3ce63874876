import type { Ec2Node } from '../../model/topology';
import { nodesOfKind } from '../../model/topology';
import { type BuildContext, ec2Tags, nodeLogicalId } from '../context';
import { getAtt, ref, sub } from '../intrinsics';
import type { CfnResource } from '../template';

export interface DirectoryResources {
  resources: Record<string, CfnResource>;
  /** Logical id of the directory, or null without one. */
  directory: string | null;
}

/**
 * AWS Managed Microsoft AD (its admin password through a Secrets Manager dynamic reference, never a
 * parameter), DHCP options that make the directory the VPC's DNS (it forwards other names to the
 * Amazon-provided resolver), and a State Manager association that joins the SQL Server nodes to the
 * domain as they start.
 */
export function buildDirectory(
  ctx: BuildContext,
  vpc: string,
  adminSecret: string | null,
  members: readonly Ec2Node[],
): DirectoryResources {
  const resources: Record<string, CfnResource> = {};
  const node = nodesOfKind(ctx.topology, 'directory-service')[0];
  if (!node || !adminSecret) return { resources, directory: null };
  const id = nodeLogicalId(ctx, node.id) as string;
  const subnets = node.subnetIds
    .map((s) => nodeLogicalId(ctx, s))
    .filter((s): s is string => s !== undefined);
  resources[id] = {
    Type: 'AWS::DirectoryService::MicrosoftAD',
    Properties: {
      Name: node.domainName,
      Edition: node.edition,
      Password: sub(`{{resolve:secretsmanager:\${${adminSecret}}:SecretString:password}}`),
      VpcSettings: { VpcId: ref(vpc), SubnetIds: subnets.map((s) => ref(s)) },
    },
  };
  const dhcp = ctx.ids.claim(`${id}DhcpOptions`);
  resources[dhcp] = {
    Type: 'AWS::EC2::DHCPOptions',
    Properties: {
      DomainName: node.domainName,
      DomainNameServers: getAtt(id, 'DnsIpAddresses'),
      Tags: ec2Tags(ctx, `${node.name} DNS`, 'Directory DNS'),
    },
  };
  resources[ctx.ids.claim(`${id}DhcpOptionsAssociation`)] = {
    Type: 'AWS::EC2::VPCDHCPOptionsAssociation',
    Properties: { VpcId: ref(vpc), DhcpOptionsId: ref(dhcp) },
  };
  const instanceIds = members
    .map((m) => nodeLogicalId(ctx, m.id))
    .filter((m): m is string => m !== undefined);
  if (instanceIds.length > 0) {
    resources[ctx.ids.claim(`${id}Join`)] = {
      Type: 'AWS::SSM::Association',
      Properties: {
        Name: 'AWS-JoinDirectoryServiceDomain',
        AssociationName: sub('${AWS::StackName}-join-directory'),
        Parameters: {
          directoryId: [ref(id)],
          directoryName: [node.domainName],
          dnsIpAddresses: getAtt(id, 'DnsIpAddresses'),
        },
        Targets: [{ Key: 'InstanceIds', Values: instanceIds.map((i) => ref(i)) }],
      },
    };
  }
  return { resources, directory: id };
}
