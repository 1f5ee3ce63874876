import type { z } from 'zod';
import type { Channel, ChannelOutput, Channels } from '../../core/ipc/contract';
import type { LintCfn } from '../services/cfn-lint';
import type { PrintPdf, RasterisePng } from '../services/pdf-page';
import type { RecentFilesStore } from '../services/recent-files';

export type HostMode = 'desktop' | 'browser';

/** What differs between the desktop (Electron) host and the browser-mode HTTP host. */
export interface HostContext {
  mode: HostMode;
  version: string;
  /** Folder holding pricing-data/<region>.json snapshots. */
  pricingDataDir: string;
  /**
   * Folder of live price refreshes (`archplan pricing refresh` writes <region>-<fetchedAt>.json there);
   * the newest one of a region is preferred over the bundled snapshot. Absent: bundled prices only.
   */
  refreshedPricingDir?: string | null;
  /** Browser mode: the only folder projects are opened from and saved to. Null on the desktop. */
  workspaceDir: string | null;
  /** Desktop: recently opened or saved projects. Null in browser mode (its "recent" list is the workspace). */
  recentFiles: RecentFilesStore | null;
  /** Desktop: the native Open dialog; resolves to null when the user cancels. */
  pickOpenPath?: () => Promise<string | null>;
  /** Desktop: the native Save dialog, pre-filled with `suggestedName`; null when the user cancels. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Desktop: the native folder picker for an export (it can create a folder); null when the user cancels. */
  pickExportDir?: () => Promise<string | null>;
  /** Desktop: the native Save dialog for a diagram image (SVG or PNG), pre-filled; null when the user cancels. */
  pickDiagramPath?: (suggestedName: string, format: 'svg' | 'png') => Promise<string | null>;
  /**
   * The autosave recovery file (project.autosave / project.recovery): in the user data folder on the
   * desktop, a hidden file in the workspace in browser mode. Null or absent: autosave is off.
   */
  recoveryFile?: string | null;
  /**
   * Prints the proposal PDF. Desktop: Electron's own Chromium in a hidden, sandboxed window
   * (main/print-to-pdf.ts). Browser mode: a Chromium-family browser on the machine (main/services/pdf.ts).
   */
  printPdf: PrintPdf;
  /**
   * Draws the diagram as a PNG for the DOCX (readers that cannot show SVG). Browser mode: the same
   * Chromium that prints the PDF. Absent: the DOCX carries the SVG and a plain frame.
   */
  rasterisePng?: RasterisePng;
  /**
   * Runs cfn-lint over the CloudFormation stacks before they are written (an error blocks the
   * export). Absent, or cfn-lint not installed: the export runs the project's own specification
   * check only, and the pack's README says so.
   */
  lintCfn?: LintCfn;
  /** Where details of unexpected failures go (stderr by default); never shown to the user. */
  log?: (message: string) => void;
}

/** A channel's input after its zod schema has parsed it. */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;

export type ChannelHandler<C extends Channel> = (input: ParsedInput<C>) => Promise<ChannelOutput<C>>;

/** One handler per channel of the contract. */
export type Handlers = { [C in Channel]: ChannelHandler<C> };

export function logToStderr(message: string): void {
  process.stderr.write(`[archplan] ${message}\n`);
}
