import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Canvas } from '../diagram/canvas';
import { EstimatePanel } from '../features/estimate/estimate-panel';
import { FindingsPanel } from '../features/findings/findings-panel';
import { InventoryTable } from '../features/inventory/inventory-table';
import { type AppCommand, commandForShortcut } from '../host/app-commands';
import type { RendererApi } from '../host/renderer-api';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { ExportDialog } from './export-dialog';
import { OpenDialog } from './open-dialog';
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
  const runCommand = (command: AppCommand): void => {
    const s = store.getState();
    if (s.busy !== null) return;
    switch (command) {
      case 'new-project':
        if (s.confirmDiscard('Start a new project')) s.newProject();
        return;
      case 'open-project':
        if (!s.confirmDiscard('Open another project')) return;
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
        if (s.confirmDiscard('Import a new inventory')) importInput.current?.click();
        return;
      case 'export-plan':
        s.showExportDialog();
        return;
    }
  };

  const onCommand = useEffectEvent((command: AppCommand) => runCommand(command));
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    const command = commandForShortcut(event);
    const { openDialogVisible, exportDialogVisible } = store.getState();
    if (command === null || openDialogVisible || exportDialogVisible) return;
    event.preventDefault();
    runCommand(command);
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
    await store.getState().importInventoryFiles(files);
  };

  return (
    <div
      className="app"
      style={{
        gridTemplateColumns: leftCollapsed
          ? '28px 0 minmax(320px, 1fr) 300px'
          : `${leftWidth}px 6px minmax(320px, 1fr) 300px`,
      }}
    >
      <Toolbar onCommand={runCommand} shortcutKey={isMac ? '⌘' : 'Ctrl'} />
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
        <Canvas />
      </main>
      <aside className="app__right">
        <EstimatePanel />
        <FindingsPanel />
      </aside>
      <StatusBar />
      <OpenDialog />
      <ExportDialog />
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
