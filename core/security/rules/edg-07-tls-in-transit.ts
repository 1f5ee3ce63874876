import { attestationRule } from '../attestation-rule';

export const edg07TlsInTransit = attestationRule({
  id: 'EDG-07',
  title: 'SQL Server connections are encrypted (Force Encryption)',
  category: 'encryption',
  severity: 'medium',
  why: 'The whitepaper: “Encrypt data in transit for all network traffic.” The design encrypts HTTPS to the load balancer and to the control room; the connection from the control room to SQL Server is encrypted only when SQL Server forces it.',
  source: 'whitepaper',
  // No Security Hub, CIS, cfn-nag or checkov control: Force Encryption is a SQL Server setting.
  controls: {},
  fix: 'Install a certificate on each SQL Server node, set Force Encryption = Yes in SQL Server Configuration Manager, restart the service, then sign off.',
  verify:
    'SELECT encrypt_option FROM sys.dm_exec_connections returns TRUE for the control room’s connections.',
  outsideDesign: 'A setting inside SQL Server: the architect confirms it with the DBA.',
});
