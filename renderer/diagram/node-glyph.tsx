import { memo } from 'react';
import { RESOURCE_ICONS, SQL_INSTANCE_ICON } from './aws-icons';
import type { ResourceKind } from './to-flow';

/** AWS category colours (Architecture Icons): compute orange, networking purple, storage green… for the minimap. */
const COLOURS: Readonly<Record<ResourceKind, string>> = {
  'ec2-instance': '#ED7100',
  'load-balancer': '#8C4FFF',
  'nat-gateway': '#8C4FFF',
  'internet-gateway': '#8C4FFF',
  's3-bucket': '#7AA116',
  'kms-key': '#DD344C',
  'waf-web-acl': '#DD344C',
  'vpn-connection': '#8C4FFF',
  'direct-connect': '#8C4FFF',
  'route53-zone': '#8C4FFF',
  'directory-service': '#DD344C',
  'fsx-windows': '#7AA116',
  'rds-sql-server': '#C925D1',
  cloudtrail: '#E7157B',
  guardduty: '#DD344C',
  'config-recorder': '#E7157B',
  'patch-manager': '#E7157B',
  'secrets-manager-secret': '#DD344C',
  cloudwatch: '#E7157B',
  'vpc-endpoint': '#8C4FFF',
};

export function glyphColour(kind: ResourceKind): string {
  return COLOURS[kind];
}

/** The resource's official AWS icon (decorative: the node's text says what it is). */
function NodeGlyphView({ kind, database = false }: { kind: ResourceKind; database?: boolean }) {
  return (
    <img
      className="arch-glyph"
      src={database ? SQL_INSTANCE_ICON : RESOURCE_ICONS[kind]}
      width={32}
      height={32}
      alt=""
      draggable={false}
      decoding="async"
    />
  );
}

export const NodeGlyph = memo(NodeGlyphView);
