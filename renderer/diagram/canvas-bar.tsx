import { type DragEvent, memo } from 'react';
import { PALETTE, PALETTE_ITEMS, type PaletteItem } from '../../core/edit/palette';
import type { AppCommand } from '../host/app-commands';
import { useAppStore } from '../store/store-context';
import { PALETTE_ICONS } from './aws-icons';

/** The drag payload type of a palette entry (its item id); nothing else on the page uses it. */
export const PALETTE_MIME = 'application/x-archplan-palette';

function PaletteButton({ item, disabled }: { item: PaletteItem; disabled: boolean }) {
  const addToDesign = useAppStore((s) => s.addToDesign);
  const entry = PALETTE[item];
  const onDragStart = (event: DragEvent): void => {
    event.dataTransfer.setData(PALETTE_MIME, item);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <button
      type="button"
      className="palette-item"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={onDragStart}
      onClick={() => addToDesign(item)}
      title={`${entry.label}: ${entry.description} (Click adds it where it usually goes, or into the selected group.)`}
      data-testid={`palette-${item}`}
    >
      <img src={PALETTE_ICONS[item]} alt="" draggable={false} />
      <span>{entry.label}</span>
    </button>
  );
}

/**
 * Above the canvas: the palette (drag an entry onto a subnet, or click it), undo/redo with what they
 * would undo, layout and fit, and the diagram export.
 */
function CanvasBarView({
  onCommand,
  shortcutKey,
}: {
  onCommand: (c: AppCommand) => void;
  shortcutKey: string;
}) {
  const busy = useAppStore((s) => s.busy !== null);
  const undoLabel = useAppStore((s) => s.history.past.at(-1)?.label ?? null);
  const redoLabel = useAppStore((s) => s.history.future.at(-1)?.label ?? null);
  return (
    <div className="canvas-bar" role="toolbar" aria-label="Diagram" data-testid="canvas-bar">
      <div className="canvas-bar__group" aria-label="Add a resource">
        {PALETTE_ITEMS.map((item) => (
          <PaletteButton key={item} item={item} disabled={busy} />
        ))}
      </div>
      <span className="canvas-bar__sep" aria-hidden="true" />
      <div className="canvas-bar__group">
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('undo')}
          disabled={busy || undoLabel === null}
          title={undoLabel ? `Undo: ${undoLabel} (${shortcutKey}+Z)` : 'Nothing to undo'}
          data-testid="undo"
        >
          ↶ Undo
        </button>
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('redo')}
          disabled={busy || redoLabel === null}
          title={redoLabel ? `Redo: ${redoLabel} (${shortcutKey}+Shift+Z)` : 'Nothing to redo'}
          data-testid="redo"
        >
          ↷ Redo
        </button>
      </div>
      <span className="canvas-bar__sep" aria-hidden="true" />
      <div className="canvas-bar__group">
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('auto-layout')}
          disabled={busy}
          title={`Lay the design out again; nodes you moved by hand stay where they are (${shortcutKey}+Shift+L)`}
          data-testid="auto-layout"
        >
          Auto-layout
        </button>
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('relayout-all')}
          disabled={busy}
          title="Lay out every node again, including the ones you moved by hand"
          data-testid="relayout-all"
        >
          Re-layout all
        </button>
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('fit-view')}
          title="Fit the whole diagram into view (Shift+1)"
          data-testid="fit-view"
        >
          Fit
        </button>
      </div>
      <span className="canvas-bar__sep" aria-hidden="true" />
      <div className="canvas-bar__group">
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('export-diagram-svg')}
          disabled={busy}
          title="Export the diagram as SVG (the proposal's drawing, with monthly costs)"
          data-testid="export-svg"
        >
          SVG
        </button>
        <button
          type="button"
          className="canvas-bar__button"
          onClick={() => onCommand('export-diagram-png')}
          disabled={busy}
          title="Export the diagram as a PNG image (twice the on-screen resolution)"
          data-testid="export-png"
        >
          PNG
        </button>
      </div>
    </div>
  );
}

export const CanvasBar = memo(CanvasBarView);
