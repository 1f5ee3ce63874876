import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context';

/**
 * Browser mode's Open: the projects in the host's workspace, or a file from disk read by the browser
 * (saving that one writes it into the workspace under its name). The desktop uses the native dialog.
 */
export function OpenDialog() {
  const visible = useAppStore((s) => s.openDialogVisible);
  const recent = useAppStore((s) => s.recentFiles);
  const workspace = useAppStore((s) => s.appInfo?.workspace ?? null);
  const hide = useAppStore((s) => s.hideOpenDialog);
  const openProject = useAppStore((s) => s.openProject);
  const openProjectText = useAppStore((s) => s.openProjectText);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);

  const openPath = (path: string): void => {
    hide();
    void openProject(path);
  };

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const text = await file.text();
    hide();
    openProjectText(file.name, text);
  };

  return (
    <dialog
      ref={dialogRef}
      className="open-dialog"
      onClose={hide}
      aria-labelledby="open-dialog-title"
      data-testid="open-dialog"
    >
      <h2 id="open-dialog-title">Open a project</h2>
      {workspace && <p className="muted open-dialog__workspace">Workspace: {workspace}</p>}
      {recent.status === 'loading' && <p className="muted">Listing the workspace…</p>}
      {recent.status === 'error' && (
        <ul className="open-dialog__errors" role="alert">
          {recent.issues.map((i, n) => (
            <li key={n}>
              {i.message} <span className="muted">{i.hint}</span>
            </li>
          ))}
        </ul>
      )}
      {recent.status === 'ready' && recent.files.length === 0 && (
        <p className="muted">No projects in the workspace yet.</p>
      )}
      {recent.status === 'ready' && recent.files.length > 0 && (
        <ul className="open-dialog__files" data-testid="open-dialog-files">
          {recent.files.map((f) => (
            <li key={f.path}>
              <button type="button" onClick={() => openPath(f.path)} data-testid={`open-file-${f.name}`}>
                <span className="open-dialog__name">{f.name}</span>
                <span className="open-dialog__date">{f.modifiedAt.slice(0, 16).replace('T', ' ')} UTC</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="open-dialog__actions">
        <button type="button" onClick={() => fileRef.current?.click()} data-testid="open-from-disk">
          Open from disk…
        </button>
        <span className="status-bar__spacer" />
        <button type="button" onClick={hide}>
          Cancel
        </button>
      </div>
      <input
        ref={fileRef}
        type="file"
        accept=".json,.archplan.json,application/json"
        hidden
        data-testid="open-input"
        onChange={(e) => {
          const input = e.currentTarget;
          void onFile(input.files?.[0]).finally(() => {
            input.value = '';
          });
        }}
      />
    </dialog>
  );
}
