import { attestationRule } from '../attestation-rule';

export const net09CustomAdminPorts = attestationRule({
  id: 'NET-09',
  title: 'Default administration ports are changed on the servers',
  category: 'network',
  severity: 'low',
  why: 'The case study binds remote administration to the VPN and changes the default ports “to the custom port”, so scans for 3389 and 22 find nothing even inside the network.',
  source: 'case study',
  // No Security Hub, CIS, cfn-nag or checkov control: the listener port is set inside Windows.
  controls: {},
  fix: 'Change the RDP listener port (and SQL Server’s, if agreed) on the servers, update the security groups and network ACLs to match, then sign off.',
  verify:
    'On each server, HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\\PortNumber holds the agreed port.',
  outsideDesign: 'A setting inside Windows after deployment: the architect confirms it with the customer.',
});
