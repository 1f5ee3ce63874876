import type { ResourceKind } from './to-flow';

/**
 * A simple stand-in for the official AWS icons (a later issue brings those): the service's short name
 * on its AWS category colour — compute orange, networking purple, storage green, security red.
 */
const GLYPHS: Readonly<Record<ResourceKind, { label: string; colour: string }>> = {
  'ec2-instance': { label: 'EC2', colour: '#ED7100' },
  'load-balancer': { label: 'ALB', colour: '#8C4FFF' },
  'nat-gateway': { label: 'NAT', colour: '#8C4FFF' },
  'internet-gateway': { label: 'IGW', colour: '#8C4FFF' },
  's3-bucket': { label: 'S3', colour: '#3F8624' },
  'kms-key': { label: 'KMS', colour: '#DD344C' },
  'waf-web-acl': { label: 'WAF', colour: '#DD344C' },
  'vpn-connection': { label: 'VPN', colour: '#8C4FFF' },
  'direct-connect': { label: 'DX', colour: '#8C4FFF' },
  'route53-zone': { label: 'R53', colour: '#8C4FFF' },
  'directory-service': { label: 'AD', colour: '#DD344C' },
  'fsx-windows': { label: 'FSx', colour: '#3F8624' },
  'rds-sql-server': { label: 'RDS', colour: '#C925D1' },
  cloudtrail: { label: 'CT', colour: '#E7157B' },
  guardduty: { label: 'GD', colour: '#DD344C' },
  'config-recorder': { label: 'CFG', colour: '#E7157B' },
  'patch-manager': { label: 'SSM', colour: '#E7157B' },
  'secrets-manager-secret': { label: 'SM', colour: '#DD344C' },
  cloudwatch: { label: 'CW', colour: '#E7157B' },
  'vpc-endpoint': { label: 'VPCE', colour: '#8C4FFF' },
};

export function glyphColour(kind: ResourceKind): string {
  return GLYPHS[kind].colour;
}

export function NodeGlyph({ kind }: { kind: ResourceKind }) {
  const glyph = GLYPHS[kind];
  return (
    <svg className="arch-glyph" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="0" y="0" width="32" height="32" rx="4" fill={glyph.colour} />
      <text
        x="16"
        y="20.5"
        textAnchor="middle"
        fontSize={glyph.label.length > 2 ? 10 : 12}
        fontWeight="700"
        fill="#fff"
        fontFamily="inherit"
      >
        {glyph.label}
      </text>
    </svg>
  );
}
