import { Handle, type NodeProps, Position } from '@xyflow/react';
import { Fragment, memo } from 'react';
import { NodeGlyph } from './node-glyph';
import { type ResourceFlowNode, SIDES, type Side, handleId } from './to-flow';

const POSITION: Readonly<Record<Side, Position>> = {
  top: Position.Top,
  right: Position.Right,
  bottom: Position.Bottom,
  left: Position.Left,
};

/** An AWS resource: glyph, name, role/type line, monthly cost, and a badge when a failing check names it. */
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
    >
      {SIDES.map((side) => (
        <Fragment key={side}>
          <Handle
            type="source"
            id={handleId(side, 'source')}
            position={POSITION[side]}
            isConnectable={false}
            className="arch-handle"
          />
          <Handle
            type="target"
            id={handleId(side, 'target')}
            position={POSITION[side]}
            isConnectable={false}
            className="arch-handle"
          />
        </Fragment>
      ))}
      <NodeGlyph kind={data.kind} />
      <div className="arch-resource__text">
        <div className="arch-resource__name">{data.name}</div>
        <div className="arch-resource__detail">{data.detail}</div>
        {data.cost !== null && <div className="arch-resource__cost">{data.cost}</div>}
      </div>
      {data.flag && (
        <span
          className={`arch-badge arch-badge--${data.flag.tone}`}
          data-testid={`node-flag-${id}`}
          aria-label={`Failing checks: ${data.flag.ruleIds.join(', ')}`}
        >
          !
        </span>
      )}
    </div>
  );
}

export const ResourceNode = memo(ResourceNodeView);
