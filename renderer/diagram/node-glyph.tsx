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
