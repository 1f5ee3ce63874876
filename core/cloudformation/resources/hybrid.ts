import { nodesOfKind } from '../../model/topology';
import { type BuildContext, ec2Tags, nodeLogicalId } from '../context';
import { ref } from '../intrinsics';
import type { CfnResource } from '../template';

export interface HybridInputs {
  vpc: string;
  privateRouteTables: readonly { zone: string; table: string }[];
  /** Parameters holding the customer gateway's address and ASN (VPN only). */
  customerGatewayIp: string | null;
  customerGatewayAsn: string | null;
}

/**
 * The link to the data centre. Site-to-Site VPN: a virtual private gateway attached to the VPC, the
 * customer gateway (address and ASN are parameters), the VPN connection with static routes, and a
 * route to each on-premises range in every private route table. Direct Connect: the virtual private
 * gateway and route propagation; the connection and the private virtual interface are ordered and
 * created outside CloudFormation (see the README).
 */
export function buildHybrid(ctx: BuildContext, inputs: HybridInputs): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  const vpn = nodesOfKind(ctx.topology, 'vpn-connection')[0];
  const dx = nodesOfKind(ctx.topology, 'direct-connect')[0];
  if (!vpn && !dx) return resources;
  const gateway = ctx.ids.claim('VpnGateway');
  const attachment = ctx.ids.claim('VpnGatewayAttachment');
  resources[gateway] = {
    Type: 'AWS::EC2::VPNGateway',
    Properties: { Type: 'ipsec.1', Tags: ec2Tags(ctx, 'Virtual private gateway', 'Virtual private gateway') },
  };
  resources[attachment] = {
    Type: 'AWS::EC2::VPCGatewayAttachment',
    Properties: { VpcId: ref(inputs.vpc), VpnGatewayId: ref(gateway) },
  };
  if (vpn && inputs.customerGatewayIp && inputs.customerGatewayAsn) {
    const id = nodeLogicalId(ctx, vpn.id) as string;
    const customer = ctx.ids.claim('CustomerGateway');
    resources[customer] = {
      Type: 'AWS::EC2::CustomerGateway',
      Properties: {
        Type: 'ipsec.1',
        IpAddress: ref(inputs.customerGatewayIp),
        BgpAsn: ref(inputs.customerGatewayAsn),
        Tags: ec2Tags(ctx, 'Data centre VPN device', 'Customer gateway'),
      },
    };
    resources[id] = {
      Type: 'AWS::EC2::VPNConnection',
      DependsOn: attachment,
      Properties: {
        Type: 'ipsec.1',
        CustomerGatewayId: ref(customer),
        VpnGatewayId: ref(gateway),
        StaticRoutesOnly: vpn.staticRoutesOnly,
        Tags: ec2Tags(ctx, vpn.name, vpn.id),
      },
    };
    vpn.onPremisesCidrs.forEach((cidr, i) => {
      if (vpn.staticRoutesOnly)
        resources[ctx.ids.claim(`${id}Route${i + 1}`)] = {
          Type: 'AWS::EC2::VPNConnectionRoute',
          Properties: { VpnConnectionId: ref(id), DestinationCidrBlock: cidr },
        };
      for (const { table } of inputs.privateRouteTables)
        resources[ctx.ids.claim(`${table}OnPremises${i + 1}`)] = {
          Type: 'AWS::EC2::Route',
          DependsOn: attachment,
          Properties: { RouteTableId: ref(table), DestinationCidrBlock: cidr, GatewayId: ref(gateway) },
        };
    });
  } else if (dx && inputs.privateRouteTables.length > 0) {
    // Direct Connect announces the data centre's routes over BGP; the private route tables learn them.
    resources[ctx.ids.claim('VpnGatewayRoutePropagation')] = {
      Type: 'AWS::EC2::VPNGatewayRoutePropagation',
      DependsOn: attachment,
      Properties: {
        RouteTableIds: inputs.privateRouteTables.map(({ table }) => ref(table)),
        VpnGatewayId: ref(gateway),
      },
    };
  }
  return resources;
}
