import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/store-context';

/**
 * Export…: asks for the proposal's paper size (A4 unless the customer uses US Letter) and says where
 * the files go. The store's exportPlan does the rest and reports in the status bar.
 */
export function ExportDialog() {
  const visible = useAppStore((s) => s.exportDialogVisible);
  const hide = useAppStore((s) => s.hideExportDialog);
  const exportPlan = useAppStore((s) => s.exportPlan);
  const name = useAppStore((s) => s.project.project.name);
  const workspace = useAppStore((s) => s.appInfo?.workspace ?? null);
  const mode = useAppStore((s) => s.appInfo?.mode ?? null);
  const templateDir = useAppStore((s) => s.project.proposal.templateDir ?? '');
  const setTemplateDir = useAppStore((s) => s.setProposalTemplateDir);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);

  return (
    <dialog
      ref={dialogRef}
      className="open-dialog export-dialog"
      onClose={hide}
      aria-labelledby="export-dialog-title"
      data-testid="export-dialog"
    >
      <h2 id="export-dialog-title">Export {name}</h2>
      <p className="export-dialog__what">
        Five CloudFormation stacks with their parameters and a deployment runbook; the proposal as HTML, PDF
        and Word (DOCX); the architecture diagram; the estimate (JSON and CSV), sizing and security checks;
        and the project itself.
      </p>
      <label className="export-dialog__brand">
        Proposal template folder <span className="muted">(optional; saved with the project)</span>
        <input
          type="text"
          key={templateDir}
          defaultValue={templateDir}
          placeholder="Built-in look"
          spellCheck={false}
          onBlur={(e) => setTemplateError(setTemplateDir(e.currentTarget.value)[0]?.message ?? null)}
          data-testid="export-template-dir"
        />
      </label>
      <p className="muted export-dialog__brand-hint">
        {mode === 'browser'
          ? 'A folder on the machine running the browser-mode host'
          : 'A folder on this computer'}{' '}
        with brand.json, a logo, brand.css and any proposal templates to replace (README, “Branding the
        proposal”). A folder that cannot be used stops the export and says why.
      </p>
      {templateError && (
        <p className="export-dialog__error" role="alert">
          {templateError}
        </p>
      )}
      <p className="muted export-dialog__where">
        {mode === 'browser' && workspace
          ? `Written to a folder named after the project (…-export) in the workspace ${workspace}. Files of the same name there are replaced.`
          : 'You choose the folder next. Files of the same name in it are replaced.'}
      </p>
      <p className="export-dialog__question">Paper size for the proposal PDF:</p>
      <div className="open-dialog__actions">
        {/* A4 first and focused: the default everywhere but North America. */}
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => void exportPlan('A4')}
          data-testid="export-a4"
        >
          A4
        </button>
        <button type="button" onClick={() => void exportPlan('Letter')} data-testid="export-letter">
          US Letter
        </button>
        <span className="status-bar__spacer" />
        <button type="button" onClick={hide} data-testid="export-cancel">
          Cancel
        </button>
      </div>
    </dialog>
  );
}
