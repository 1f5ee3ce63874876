import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context';

/** Opens a <dialog> modally while `visible`, closes it otherwise. */
function useModal(visible: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);
  return ref;
}

/** Before unsaved changes are lost (New, Open, Import): Save, Don't save, or Cancel. */
export function UnsavedDialog() {
  const prompt = useAppStore((s) => s.unsavedPrompt);
  const answer = useAppStore((s) => s.answerUnsaved);
  const ref = useModal(prompt !== null);
  return (
    <dialog
      ref={ref}
      className="open-dialog"
      // Escape closes the dialog: that is Cancel.
      onCancel={() => answer('cancel')}
      aria-labelledby="unsaved-title"
      data-testid="unsaved-dialog"
    >
      <h2 id="unsaved-title">Unsaved changes</h2>
      <p>{prompt?.message}</p>
      <div className="open-dialog__actions">
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => answer('save')}
          data-testid="unsaved-save"
        >
          Save
        </button>
        <button type="button" onClick={() => answer('discard')} data-testid="unsaved-discard">
          Don’t save
        </button>
        <span className="status-bar__spacer" />
        <button type="button" onClick={() => answer('cancel')} data-testid="unsaved-cancel">
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/** On launch, when the last session left unsaved work in the recovery file: recover it or discard it. */
export function RecoveryDialog() {
  const offer = useAppStore((s) => s.recoveryOffer);
  const accept = useAppStore((s) => s.acceptRecovery);
  const decline = useAppStore((s) => s.declineRecovery);
  const ref = useModal(offer !== null);
  const when = offer ? offer.savedAt.slice(0, 16).replace('T', ' ') : '';
  return (
    <dialog
      ref={ref}
      className="open-dialog"
      onCancel={(e) => e.preventDefault()}
      aria-labelledby="recovery-title"
      data-testid="recovery-dialog"
    >
      <h2 id="recovery-title">Recover unsaved work?</h2>
      {offer && (
        <p>
          <strong>{offer.project.project.name}</strong>
          {offer.path ? ` (${offer.path})` : ' (never saved)'} had changes that were not saved when the app
          last closed. They were autosaved at {when} UTC: {offer.project.inventory.servers.length} servers,{' '}
          {offer.project.topology.nodes.length} diagram nodes.
        </p>
      )}
      <div className="open-dialog__actions">
        <button type="button" className="primary" autoFocus onClick={accept} data-testid="recovery-accept">
          Recover
        </button>
        <span className="status-bar__spacer" />
        <button type="button" onClick={() => void decline()} data-testid="recovery-discard">
          Discard it
        </button>
      </div>
    </dialog>
  );
}
