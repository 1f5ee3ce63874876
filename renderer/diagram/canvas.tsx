import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  type OnNodeDrag,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
} from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { monthlyByResource } from '../../core/pricing/estimate';
import { flagsByResource } from '../features/findings/findings-view';
import { selectAnalysis } from '../store/analysis';
import { useAppStore } from '../store/store-context';
import { adoptDerivedNodes } from './adopt-nodes';
import { GroupNode } from './group-node';
import { glyphColour } from './node-glyph';
import { ResourceNode } from './resource-node';
import { type ArchFlowNode, buildFlowEdges, buildFlowNodes } from './to-flow';

const nodeTypes = { 'aws-group': GroupNode, 'aws-resource': ResourceNode } satisfies NodeTypes;
const EMPTY_COSTS = new Map<string, string>();
const EMPTY_FLAGS = new Map<string, never>();
const MINIMAP_SIZE = { width: 160, height: 100 } as const;
const FIT_OPTIONS = { padding: 0.06, maxZoom: 1 } as const;

function minimapColour(node: ArchFlowNode): string {
  return node.type === 'aws-resource' ? glyphColour(node.data.kind) : 'rgba(140, 79, 255, 0.06)';
}

/** The design on the canvas: derived from the project; drags go back to the store as layout moves. */
function DesignFlow() {
  const topology = useAppStore((s) => s.project.topology);
  const layout = useAppStore((s) => s.project.layout);
  const analysis = useAppStore(selectAnalysis);
  const selectedId = useAppStore((s) => s.selectedNodeId);
  const revealRequest = useAppStore((s) => s.revealRequest);
  const selectNode = useAppStore((s) => s.selectNode);
  const moveNodes = useAppStore((s) => s.moveNodes);
  const { fitView } = useReactFlow();

  const costs = useMemo(() => (analysis ? monthlyByResource(analysis.estimate) : EMPTY_COSTS), [analysis]);
  const flags = useMemo(() => (analysis ? flagsByResource(analysis.checks) : EMPTY_FLAGS), [analysis]);
  const derived = useMemo(
    () => buildFlowNodes(topology, layout, { monthlyByResource: costs, flags, selectedId }),
    [topology, layout, costs, flags, selectedId],
  );
  const edges = useMemo(() => buildFlowEdges(topology, layout), [topology, layout]);

  // React Flow owns node positions while a drag is under way; the project catches up on drop.
  const [nodes, setNodes] = useState<ArchFlowNode[]>(derived);
  const [adopted, setAdopted] = useState(derived);
  if (adopted !== derived) {
    setAdopted(derived);
    setNodes((previous) => adoptDerivedNodes(derived, previous));
  }

  const onNodesChange = (changes: NodeChange<ArchFlowNode>[]): void => {
    // Selection lives in the store (findings select nodes too), so React Flow's own select changes are dropped.
    const applicable = changes.filter((c) => c.type !== 'select' && c.type !== 'remove');
    if (applicable.length > 0) setNodes((current) => applyNodeChanges(applicable, current));
  };
  const onNodeDragStop: OnNodeDrag<ArchFlowNode> = (_event, _node, dragged) => {
    moveNodes(dragged.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })));
  };

  useEffect(() => {
    if (revealRequest)
      void fitView({ nodes: [{ id: revealRequest.nodeId }], duration: 400, maxZoom: 1.2, padding: 0.5 });
  }, [revealRequest, fitView]);

  return (
    <ReactFlow<ArchFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeClick={(_event, node) => selectNode(node.id)}
      onPaneClick={() => selectNode(null)}
      nodesConnectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={FIT_OPTIONS}
      minZoom={0.1}
      maxZoom={2}
      proOptions={{ hideAttribution: false }}
    >
      <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#cfd8dc" />
      <MiniMap<ArchFlowNode>
        pannable
        zoomable
        nodeColor={minimapColour}
        nodeStrokeColor="#90a4ae"
        nodeBorderRadius={2}
        style={MINIMAP_SIZE}
      />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

export function Canvas() {
  const loadSerial = useAppStore((s) => s.loadSerial);
  const isEmpty = useAppStore((s) => s.project.topology.nodes.length === 0);
  return (
    <div className="canvas" data-testid="canvas">
      {isEmpty ? (
        <div className="canvas__empty">
          <p className="canvas__empty-title">No design yet</p>
          <p>Import the customer's inventory (CSV) to size the servers and draw the AWS design.</p>
        </div>
      ) : (
        // A different project starts a fresh flow: new viewport, fitted to the new design.
        <ReactFlowProvider key={loadSerial}>
          <DesignFlow />
        </ReactFlowProvider>
      )}
    </div>
  );
}
