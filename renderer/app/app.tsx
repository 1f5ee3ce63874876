import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Canvas } from '../diagram/canvas';
import { exportDiagram } from '../diagram/export-diagram';
import { EstimateBreakdown, EstimatePanel } from '../features/estimate/estimate-panel';
import { FindingsPanel } from '../features/findings/findings-panel';
import { InspectorPanel } from '../features/inspector/inspector-panel';
import { downloadFile } from '../features/inventory/download-file';
import { InventoryTable } from '../features/inventory/inventory-table';
import { ScenariosPanel } from '../features/scenarios/scenarios-panel';
import { type AppCommand, EDIT_COMMANDS, commandForShortcut } from '../host/app-commands';
import type { RendererApi } from '../host/renderer-api';
import { AUTOSAVE_INTERVAL_MS } from '../store/recovery-slice';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { ExportDialog } from './export-dialog';
import { OpenDialog } from './open-dialog';
import { RecoveryDialog, UnsavedDialog } from './session-dialogs';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';

const LEFT_MIN = 280;
const LEFT_MAX = 900;
const LEFT_DEFAULT = 520;

/** Drag handle between the inventory and the canvas. */
function Splitter({ width, onWidth }: { width: number; onWidth: (width: number) => void }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the inventory panel"
      aria-valuenow={width}
      aria-valuemin={LEFT_MIN}
      aria-valuemax={LEFT_MAX}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, width };
      }}
      onPointerMove={(e) => {
        if (start.current)
          onWidth(Math.min(LEFT_MAX, Math.max(LEFT_MIN, start.current.width + e.clientX - start.current.x)));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onWidth(Math.max(LEFT_MIN, width - 24));
        if (e.key === 'ArrowRight') onWidth(Math.min(LEFT_MAX, width + 24));
      }}
    />
  );
}

/** The one window: toolbar, inventory | canvas | estimate and findings, status bar. */
export function App({ api }: { api: RendererApi }) {
  const store = useAppStoreApi();
  const region = useAppStore((s) => s.project.options.region);
  const dirty = useAppStore((s) => s.dirty);
  const ensurePrices = useAppStore((s) => s.ensurePrices);
  const importInput = useRef<HTMLInputElement>(null);
  const [leftWidth, setLeftWidth] = useState(LEFT_DEFAULT);
  const [leftCollapsed, setLeftCollapsed] = useState(false);
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

  /** Every route to a command (toolbar, menu, shortcut) goes through here, so all of them ask before discarding. */
  const runCommand = async (command: AppCommand): Promise<void> => {
    const s = store.getState();
    if (s.busy !== null || s.unsavedPrompt !== null) return;
    switch (command) {
      case 'new-project':
        if (await s.confirmDiscard('Start a new project')) s.newProject();
        return;
      case 'open-project':
        if (!(await s.confirmDiscard('Open another project'))) return;
        if (api.mode === 'desktop') void s.openProject();
        else void s.showOpenDialog();
        return;
      case 'save-project':
        void s.saveProject();
        return;
      case 'save-project-as':
        void s.saveProjectAs();
        return;
      case 'import-inventory':
        // The file picker must open in the click's own task, so the question comes after the choice.
        importInput.current?.click();
        return;
      case 'export-plan':
        s.showExportDialog();
        return;
      case 'export-diagram-svg':
      case 'export-diagram-png':
        void exportDiagram(store, api, command === 'export-diagram-svg' ? 'svg' : 'png', downloadFile);
        return;
      case 'undo':
        s.undo();
        return;
      case 'redo':
        s.redo();
        return;
      case 'cut':
        s.cutSelection();
        return;
      case 'copy':
        s.copySelection();
        return;
      case 'paste':
        s.paste();
        return;
      case 'duplicate':
        s.duplicateSelection();
        return;
      case 'delete-selection':
        s.deleteSelection();
        return;
      case 'select-all':
        s.selectAll();
        return;
      case 'clear-selection':
        s.setSelection([]);
        return;
      case 'fit-view':
        s.requestFitView();
        return;
      case 'auto-layout':
      case 'relayout-all':
        void s.autoLayout(command === 'auto-layout');
        return;
    }
  };
  const run = (command: AppCommand): void => void runCommand(command);

  const onCommand = useEffectEvent((command: AppCommand) => run(command));
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const command = commandForShortcut(event);
    const { openDialogVisible, exportDialogVisible, unsavedPrompt, recoveryOffer } = store.getState();
    if (command === null || openDialogVisible || exportDialogVisible || unsavedPrompt || recoveryOffer)
      return;
    // In a text field, Ctrl+Z, Ctrl+C, Delete… keep their meaning for the text.
    const target = event.target as HTMLElement | null;
    const typing =
      target !== null &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing && EDIT_COMMANDS.has(command)) return;
    event.preventDefault();
    run(command);
  });
  const onBeforeUnload = useEffectEvent((event: BeforeUnloadEvent) => {
    if (dirty && api.mode === 'browser') event.preventDefault();
  });

  useEffect(() => api.onMenuCommand((command) => onCommand(command)), [api]);
  useEffect(() => {
    const keyListener = (e: KeyboardEvent): void => onKeyDown(e);
    const unloadListener = (e: BeforeUnloadEvent): void => onBeforeUnload(e);
    window.addEventListener('keydown', keyListener);
    window.addEventListener('beforeunload', unloadListener);
    return () => {
      window.removeEventListener('keydown', keyListener);
      window.removeEventListener('beforeunload', unloadListener);
    };
  }, []);
  useEffect(() => {
    void store.getState().loadAppInfo();
    void store.getState().checkRecovery();
    // Unsaved work goes to the recovery file every 30 s (only when there is something new to write).
    const timer = window.setInterval(() => void store.getState().autosave(), AUTOSAVE_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [store]);
  useEffect(() => {
    void ensurePrices(region);
  }, [ensurePrices, region]);

  const onImportFiles = async (list: FileList | null): Promise<void> => {
    const chosen = list ? [...list] : [];
    if (chosen.length === 0) return;
    // Bytes, not text: the format (CSV, XLSX, ZIP of RVTools CSVs) is detected in core.
    const files = await Promise.all(
      chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    if (!(await store.getState().confirmDiscard('Import a new inventory'))) return;
    await store.getState().importInventoryFiles(files);
  };

  return (
    <div
      className="app"
      style={{
        gridTemplateColumns: leftCollapsed
          ? '28px 0 minmax(320px, 1fr) 320px'
          : `${leftWidth}px 6px minmax(320px, 1fr) 320px`,
      }}
    >
      <Toolbar onCommand={run} shortcutKey={isMac ? '⌘' : 'Ctrl'} />
      {leftCollapsed ? (
        <button
          type="button"
          className="app__rail"
          onClick={() => setLeftCollapsed(false)}
          title="Show the inventory"
          data-testid="inventory-expand"
        >
          Inventory ›
        </button>
      ) : (
        <>
          <aside className="app__left">
            <InventoryTable
              headerAction={
                <button
                  type="button"
                  className="panel__collapse"
                  onClick={() => setLeftCollapsed(true)}
                  title="Hide the inventory to give the canvas more room"
                  aria-label="Hide the inventory"
                >
                  ‹
                </button>
              }
            />
          </aside>
          <Splitter width={leftWidth} onWidth={setLeftWidth} />
        </>
      )}
      <main className="app__canvas">
        <Canvas onCommand={run} shortcutKey={isMac ? '⌘' : 'Ctrl'} />
      </main>
      <aside className="app__right">
        {/* The total stays in view while the rest scrolls: every edit's effect shows at once. */}
        <div className="app__right-top">
          <EstimatePanel />
        </div>
        <InspectorPanel />
        <FindingsPanel />
        <EstimateBreakdown />
        <ScenariosPanel />
      </aside>
      <StatusBar />
      <OpenDialog />
      <ExportDialog />
      <UnsavedDialog />
      <RecoveryDialog />
      <input
        ref={importInput}
        type="file"
        accept=".csv,.xlsx,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip"
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const input = e.currentTarget;
          void onImportFiles(input.files).finally(() => {
            // Clearing lets the architect re-import the same file after fixing it.
            input.value = '';
          });
        }}
      />
    </div>
  );
}
