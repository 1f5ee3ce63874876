import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { NodeGlyph } from './node-glyph';
import { type ResourceFlowNode, SIDES, type Side, handleId } from './to-flow';

const POSITION: Readonly<Record<Side, Position>> = {
  top: Position.Top,
  right: Position.Right,
  bottom: Position.Bottom,
  left: Position.Left,
};

/**
 * An AWS resource: official icon, name, role/type line, monthly cost, and a badge when a failing check
 * names it. Dragging from a side's dot to another resource connects them (the dots show on hover).
 */
function ResourceNodeView({ id, data, selected }: NodeProps<ResourceFlowNode>) {
  const tooltip = [
    data.name,
    data.detail,
    data.cost,
    data.flag ? `Failing checks: ${data.flag.ruleIds.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      className={`arch-resource arch-resource--${data.kind}${selected ? ' is-selected' : ''}${data.flag ? ` is-flagged-${data.flag.tone}` : ''}`}
      title={tooltip}
      data-testid={`node-${id}`}
    >
      {SIDES.map((side) => (
        <Handle
          key={side}
          type="source"
          id={handleId(side, 'source')}
          position={POSITION[side]}
          className="arch-handle"
        />
      ))}
      {SIDES.map((side) => (
        <Handle
          key={`${side}-t`}
          type="target"
          id={handleId(side, 'target')}
          position={POSITION[side]}
          className="arch-handle arch-handle--target"
        />
      ))}
      <NodeGlyph kind={data.kind} database={data.database} />
      <div className="arch-resource__text">
        <div className="arch-resource__name">{data.name}</div>
        <div className="arch-resource__detail">{data.detail}</div>
        {data.cost !== null && (
          <div className="arch-resource__cost" data-testid={`node-cost-${id}`}>
            {data.cost}
          </div>
        )}
      </div>
      {data.flag && (
        <span
          className={`arch-badge arch-badge--${data.flag.tone}`}
          data-testid={`node-flag-${id}`}
          aria-label={`Failing checks: ${data.flag.ruleIds.join(', ')}`}
          title={`Failing checks: ${data.flag.ruleIds.join(', ')}`}
        >
          {data.flag.ruleIds.length}
        </span>
      )}
    </div>
  );
}

export const ResourceNode = memo(ResourceNodeView);
