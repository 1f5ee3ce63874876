import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { GROUP_ICONS } from './aws-icons';
import type { GroupFlowNode } from './to-flow';

function groupIcon(data: GroupFlowNode['data']): string | null {
  if (data.kind === 'vpc') return GROUP_ICONS.vpc;
  if (data.kind === 'subnet')
    return data.tier === 'public' ? GROUP_ICONS.publicSubnet : GROUP_ICONS.privateSubnet;
  return null;
}

/**
 * VPC, Availability Zone, subnet or a box of services, framed the AWS way (group icon in the corner,
 * coloured border); sized by the layout; it drags by its title bar, and lights up when a dragged node
 * would drop into it.
 */
function GroupNodeView({ data, selected }: NodeProps<GroupFlowNode>) {
  const modifier =
    data.kind === 'subnet'
      ? `arch-group--subnet-${data.tier === 'public' ? 'public' : 'private'}`
      : `arch-group--${data.kind}`;
  const icon = groupIcon(data);
  return (
    <div
      className={`arch-group ${modifier}${selected ? ' is-selected' : ''}${data.dropTarget ? ' is-drop-target' : ''}`}
    >
      <div className="arch-group__title">
        {icon && (
          <img className="arch-group__icon" src={icon} width={24} height={24} alt="" draggable={false} />
        )}
        <span className="arch-group__label">{data.title}</span>
        <span className="arch-group__sub">{data.subtitle}</span>
      </div>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
