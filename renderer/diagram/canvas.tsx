import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  type OnConnect,
  type OnNodeDrag,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useEffect, useMemo, useState } from 'react';
import { containerAt } from '../../core/edit/containment';
import { absoluteBoxes, leafSize } from '../../core/edit/layout-edits';
import { PALETTE, isPaletteItem } from '../../core/edit/palette';
import { isGroupKind } from '../../core/model/topology';
import { monthlyByResource } from '../../core/pricing/estimate';
import { flagsByResource } from '../features/findings/findings-view';
import type { AppCommand } from '../host/app-commands';
import { selectChecks, selectSettledEstimate } from '../store/analysis';
import type { NodeDrop } from '../store/edit-slice';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { adoptDerivedNodes } from './adopt-nodes';
import { CanvasBar, PALETTE_MIME } from './canvas-bar';
import { GroupNode } from './group-node';
import { glyphColour } from './node-glyph';
import { ResourceNode } from './resource-node';
import {
  type ArchFlowEdge,
  type ArchFlowNode,
  buildFlowEdges,
  buildFlowNodes,
  createFlowNodeCache,
} from './to-flow';

const nodeTypes = { 'aws-group': GroupNode, 'aws-resource': ResourceNode } satisfies NodeTypes;
const EMPTY_COSTS = new Map<string, string>();
const MINIMAP_SIZE = { width: 160, height: 100 } as const;
const FIT_OPTIONS = { padding: 0.06, maxZoom: 1 } as const;
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
/** Above this many nodes the canvas renders only the nodes and edges in view. */
const LARGE_DESIGN_NODES = 200;

function minimapColour(node: ArchFlowNode): string {
  return node.type === 'aws-resource' ? glyphColour(node.data.kind) : 'rgba(140, 79, 255, 0.06)';
}

/**
 * The design on the canvas, derived from the project. React Flow owns positions only while a drag is
 * under way; on drop the store gets the moves (a node dropped in another group moves into it, and the
 * model's containment follows), selections, connections and palette drops.
 */
function DesignFlow() {
  const store = useAppStoreApi();
  // The settled project (settle-project.ts): an edit's total shows first, the canvas follows a task later.
  const topology = useAppStore((s) => s.settledProject.topology);
  const layout = useAppStore((s) => s.settledProject.layout);
  const estimate = useAppStore(selectSettledEstimate);
  const checks = useAppStore(selectChecks);
  const selectedNodeIds = useAppStore((s) => s.selectedNodeIds);
  const selectedEdgeIds = useAppStore((s) => s.selectedEdgeIds);
  const revealRequest = useAppStore((s) => s.revealRequest);
  const layoutSerial = useAppStore((s) => s.layoutSerial);
  const fitSerial = useAppStore((s) => s.fitSerial);
  const { fitView, screenToFlowPosition } = useReactFlow();
  // One cache per flow, kept across renders (state, not a ref: it is read while rendering).
  const [cache] = useState(createFlowNodeCache);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const costs = useMemo(() => (estimate ? monthlyByResource(estimate) : EMPTY_COSTS), [estimate]);
  const flags = useMemo(() => flagsByResource(checks), [checks]);
  const selectedSet = useMemo(() => new Set(selectedNodeIds), [selectedNodeIds]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdgeIds), [selectedEdgeIds]);
  const boxes = useMemo(() => absoluteBoxes(topology, layout), [topology, layout]);
  const derived = useMemo(
    () =>
      buildFlowNodes(
        topology,
        layout,
        {
          monthlyByResource: costs,
          flags,
          selectedId: null,
          selectedIds: selectedSet,
          dropTargetId: dropTarget,
        },
        cache,
      ),
    [topology, layout, costs, flags, selectedSet, dropTarget, cache],
  );
  const edges = useMemo(
    () => buildFlowEdges(topology, layout, selectedEdgeSet),
    [topology, layout, selectedEdgeSet],
  );

  // React Flow owns node positions while a drag is under way; the project catches up on drop.
  const [nodes, setNodes] = useState<ArchFlowNode[]>(derived);
  const [adopted, setAdopted] = useState(derived);
  if (adopted !== derived) {
    setAdopted(derived);
    setNodes((previous) => adoptDerivedNodes(derived, previous));
  }

  const onNodesChange = (changes: NodeChange<ArchFlowNode>[]): void => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length > 0) {
      const s = store.getState();
      const next = new Set(s.selectedNodeIds);
      for (const c of selects)
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      s.setSelection([...next], s.selectedEdgeIds);
    }
    // Selection lives in the store (findings select nodes too); removals go through Delete (the store).
    const applicable = changes.filter((c) => c.type !== 'select' && c.type !== 'remove');
    if (applicable.length > 0) setNodes((current) => applyNodeChanges(applicable, current));
  };

  const onEdgesChange = (changes: EdgeChange<ArchFlowEdge>[]): void => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    const s = store.getState();
    const next = new Set(s.selectedEdgeIds);
    for (const c of selects)
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    s.setSelection(s.selectedNodeIds, [...next]);
  };

  /** Where a dragged resource would land: its centre on the canvas, and the group that may hold it there. */
  const landing = (node: ArchFlowNode) => {
    const model = topology.nodes.find((n) => n.id === node.id);
    if (!model || isGroupKind(model.kind)) return null;
    const parentBox = model.parentId !== null ? boxes.get(model.parentId) : undefined;
    const size = leafSize(model);
    const centre = {
      x: (parentBox?.x ?? 0) + node.position.x + (node.width ?? size.width) / 2,
      y: (parentBox?.y ?? 0) + node.position.y + (node.height ?? size.height) / 2,
    };
    const into = containerAt(topology, boxes, centre, model.kind, new Set([model.id]));
    return { model, centre, into, size };
  };

  const onNodeDrag: OnNodeDrag<ArchFlowNode> = (_event, node) => {
    const l = landing(node);
    const target = l && l.into && l.into.id !== l.model.parentId ? l.into.id : null;
    if (target !== dropTarget) setDropTarget(target);
  };

  const onNodeDragStop: OnNodeDrag<ArchFlowNode> = (_event, _node, dragged) => {
    setDropTarget(null);
    const drops: NodeDrop[] = [];
    for (const n of dragged) {
      const l = landing(n);
      if (!l) {
        const model = topology.nodes.find((m) => m.id === n.id);
        drops.push({ id: n.id, parentId: model?.parentId ?? null, x: n.position.x, y: n.position.y });
        continue;
      }
      const into = l.into === undefined ? undefined : (l.into?.id ?? null);
      if (into === undefined || into === l.model.parentId) {
        // Not a place it may go, or its own group: an ordinary move (refused moves snap back below).
        drops.push({ id: n.id, parentId: l.model.parentId, x: n.position.x, y: n.position.y });
        continue;
      }
      const box = into !== null ? boxes.get(into) : undefined;
      drops.push({
        id: n.id,
        parentId: into,
        x: l.centre.x - l.size.width / 2 - (box?.x ?? 0),
        y: l.centre.y - l.size.height / 2 - (box?.y ?? 0),
      });
    }
    if (!store.getState().dropNodes(drops)) setNodes((current) => adoptDerivedNodes(derived, current));
  };

  const onConnect: OnConnect = (connection) => {
    if (connection.source && connection.target)
      store.getState().connect(connection.source, connection.target);
  };

  const onDragOver = (event: DragEvent): void => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };

  const onDrop = (event: DragEvent): void => {
    const item = event.dataTransfer.getData(PALETTE_MIME);
    if (!isPaletteItem(item)) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const entry = PALETTE[item];
    const into = containerAt(topology, boxes, at, entry.kind);
    const s = store.getState();
    if (into === undefined) {
      s.report('error', `A ${entry.label} cannot go there. ${entry.description}`);
      return;
    }
    const box = into !== null ? boxes.get(into.id) : undefined;
    const size = { width: 200, height: 64 };
    s.addFromPalette(item, {
      parentId: into?.id ?? null,
      x: at.x - (box?.x ?? 0) - size.width / 2,
      y: at.y - (box?.y ?? 0) - size.height / 2,
    });
  };

  useEffect(() => {
    if (revealRequest)
      void fitView({ nodes: [{ id: revealRequest.nodeId }], duration: 400, maxZoom: 1.2, padding: 0.5 });
  }, [revealRequest, fitView]);
  useEffect(() => {
    if (layoutSerial > 0 || fitSerial > 0) void fitView({ ...FIT_OPTIONS, duration: 300 });
  }, [layoutSerial, fitSerial, fitView]);

  return (
    <div className="canvas__flow" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas-flow">
      <ReactFlow<ArchFlowNode, ArchFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onPaneClick={() => store.getState().setSelection([])}
        connectionMode={ConnectionMode.Loose}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        nodeDragThreshold={3}
        // Large designs: only what is in view is in the page, so panning a zoomed-in canvas stays smooth.
        onlyRenderVisibleElements={nodes.length > LARGE_DESIGN_NODES}
        edgesFocusable={false}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.05}
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
    </div>
  );
}

export function Canvas({
  onCommand,
  shortcutKey,
}: {
  onCommand: (command: AppCommand) => void;
  shortcutKey: string;
}) {
  const loadSerial = useAppStore((s) => s.loadSerial);
  const isEmpty = useAppStore((s) => s.project.topology.nodes.length === 0);
  return (
    <div className="canvas-frame">
      {!isEmpty && <CanvasBar onCommand={onCommand} shortcutKey={shortcutKey} />}
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
    </div>
  );
}
