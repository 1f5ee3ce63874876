import type { DesignContext } from './design-context';
import { NODE, SG } from './design-ids';
import { fromCidr, tcp } from './security-groups';

/** The customer gateway's BGP ASN when the customer has not given one (a private ASN). */
export const DEFAULT_CUSTOMER_ASN = 65000;

/**
 * The link to the customer's data centre (options.connectivity): a Site-to-Site VPN (virtual private
 * gateway, customer gateway, two tunnels, static routes to the on-premises ranges) or Direct Connect
 * (a dedicated or hosted connection and a private virtual interface to the same gateway). Either way,
 * the on-premises ranges are the only sources allowed to RDP (3389) to the servers; without a link
 * nothing may, and administrators use Systems Manager Session Manager.
 */
export function addHybrid(
  ctx: DesignContext,
  targets: { rdpGroups: readonly string[]; adminTargets: readonly string[] },
): void {
  const { connectivity } = ctx.options;
  if (connectivity.kind === 'none' || connectivity.onPremisesCidrs.length === 0) return;
  const cidrs = connectivity.onPremisesCidrs;
  const id = connectivity.kind === 'vpn' ? NODE.vpn : NODE.directConnect;
  if (connectivity.kind === 'vpn') {
    ctx.nodes.push({
      id,
      name: 'Site-to-Site VPN to the data centre',
      parentId: null,
      kind: 'vpn-connection',
      // The customer's public VPN address is a deployment parameter; the design does not know it.
      customerGatewayIp: '',
      customerGatewayAsn: DEFAULT_CUSTOMER_ASN,
      onPremisesCidrs: [...cidrs],
      staticRoutesOnly: true,
    });
  } else {
    ctx.nodes.push({
      id,
      name: 'Direct Connect to the data centre',
      parentId: null,
      kind: 'direct-connect',
      connectionType: 'hosted',
      bandwidth: connectivity.directConnectBandwidth,
      location: `A Direct Connect location in ${ctx.options.region} (agreed with the customer)`,
      onPremisesCidrs: [...cidrs],
    });
  }
  for (const group of targets.rdpGroups)
    for (const cidr of cidrs)
      ctx.securityGroups.ingress(group, tcp(3389, fromCidr(cidr), `RDP from the data centre ${cidr}`));
  for (const target of targets.adminTargets)
    ctx.addEdge({ source: id, target, kind: 'hybrid', label: 'Admin RDP 3389' });
}

/** Instance groups the data centre may RDP to: every Windows tier that exists. */
export function rdpGroups(ctx: DesignContext, sqlOnEc2: boolean): string[] {
  return [SG.controlRoom, SG.bot, SG.app, ...(sqlOnEc2 ? [SG.sql] : [])].filter((g) =>
    ctx.securityGroups.has(g),
  );
}
