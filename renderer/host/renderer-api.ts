import type { HostApi } from '../../core/ipc/contract';
import type { AppCommand } from './app-commands';

export type HostMode = 'desktop' | 'browser';

/** The renderer's whole view of its host: the contract's channels plus menu commands (desktop only). */
export interface RendererApi extends HostApi {
  readonly mode: HostMode;
  /** Subscribes to application-menu commands; returns the unsubscribe. Browser mode has no menu. */
  onMenuCommand(listener: (command: AppCommand) => void): () => void;
}
