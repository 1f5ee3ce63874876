import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from '../app-protocol';

/**
 * Electron security checklist #17: only our own page may call the host. The message must come from
 * the main frame (not an iframe) of our window, and that frame must show app://renderer content —
 * so a page that somehow got navigated, or an embedded frame, gets nothing.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.detached || frame.parent !== null) return false;
  const main = contents.mainFrame;
  if (frame !== main && (frame.processId !== main.processId || frame.frameToken !== main.frameToken))
    return false;
  return isAppUrl(frame.url);
}
