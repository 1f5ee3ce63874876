import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GroupFlowNode } from './to-flow';

/** VPC, Availability Zone or subnet: a titled frame sized by the layout; it drags by its title bar. */
function GroupNodeView({ data, selected }: NodeProps<GroupFlowNode>) {
  const modifier =
    data.kind === 'subnet'
      ? `arch-group--subnet-${data.tier === 'public' ? 'public' : 'private'}`
      : `arch-group--${data.kind}`;
  return (
    <div className={`arch-group ${modifier}${selected ? ' is-selected' : ''}`}>
      <div className="arch-group__title">
        <span className="arch-group__label">{data.title}</span>
        <span className="arch-group__sub">{data.subtitle}</span>
      </div>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
