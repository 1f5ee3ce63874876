import { mkdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ChannelOutput } from '../../core/ipc/contract';
import { analyzeProject } from '../../core/plan/plan-project';
import type { Project } from '../../core/project/schema';
import { writePlanOutputs } from '../services/plan-export';
import type { HostContext, ParsedInput } from './host-context';
import { type HostErrorResult, describeFileError, errorCode, hostError } from './host-issues';
import { exportFolderName, resolveWorkspaceFolder } from './project-paths';
import type { SnapshotLoader } from './snapshot-loader';

type ExportOutput = ChannelOutput<'export.plan'>;

export interface ExportHandlers {
  'export.plan': (input: ParsedInput<'export.plan'>) => Promise<ExportOutput>;
}

type Target = { ok: true; dir: string } | { ok: false; output: HostErrorResult | { status: 'cancelled' } };

/**
 * export.plan: every plan file of the project as the renderer has it now (saved or not), through the
 * same writer as `archplan plan` (main/services/plan-export.ts), priced from the host's shared
 * snapshot loader. Desktop: into a folder the user picks. Browser mode: into
 * <workspace>/<project name>-export/, replacing files of the same name (each one atomically).
 */
export function createExportHandlers(ctx: HostContext, snapshots: SnapshotLoader): ExportHandlers {
  async function desktopTarget(): Promise<Target> {
    if (!ctx.pickExportDir)
      return {
        ok: false,
        output: hostError(
          'export.no-dialog',
          'This host cannot show a folder picker.',
          'Export from the CLI instead: archplan plan <inventory> --out <folder>.',
        ),
      };
    const picked = await ctx.pickExportDir();
    if (!picked) return { ok: false, output: { status: 'cancelled' } };
    if (!isAbsolute(picked))
      return {
        ok: false,
        output: hostError(
          'export.folder-not-absolute',
          `"${picked}" is not a full path.`,
          'Choose the folder again.',
          { file: picked },
        ),
      };
    const dir = resolve(picked);
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      return {
        ok: false,
        output: hostError(
          'export.folder-failed',
          `Could not use the folder ${dir}: ${describeFileError(e)}.`,
          'Choose another folder, or check that you may write to it.',
          { file: dir },
        ),
      };
    }
    return { ok: true, dir };
  }

  async function browserTarget(project: Project): Promise<Target> {
    if (!ctx.workspaceDir) throw new Error('Browser mode needs a workspace folder.');
    const folder = exportFolderName(project.project.name);
    try {
      const r = await resolveWorkspaceFolder(ctx.workspaceDir, folder);
      if (!r.ok) return { ok: false, output: { status: 'error', issues: r.issues } };
      // The sub-folder too: a link there would carry the CloudFormation files out of the workspace.
      const cfn = await resolveWorkspaceFolder(ctx.workspaceDir, `${folder}/cloudformation`);
      if (!cfn.ok) return { ok: false, output: { status: 'error', issues: cfn.issues } };
      return { ok: true, dir: r.value.absolute };
    } catch (e) {
      if (errorCode(e) === undefined) throw e;
      return {
        ok: false,
        output: hostError(
          'export.folder-failed',
          `Could not create the export folder ${folder} in the workspace ${ctx.workspaceDir}: ${describeFileError(e)}.`,
          'Check that you may write to the workspace folder and that the disk has space, then export again.',
          { file: folder },
        ),
      };
    }
  }

  return {
    async 'export.plan'({ project, paper }) {
      const name = project.project.name;
      if (project.inventory.servers.length === 0)
        return hostError(
          'export.empty-project',
          `${name} has no servers yet, so there is nothing to export.`,
          "Import the customer's inventory first (Import CSV…).",
        );
      // Prices first: a region without prices should not make the architect choose a folder for nothing.
      const prices = await snapshots.priceContext(project.options.region);
      if (!prices.ok) return { status: 'error', issues: prices.issues };
      const analysis = analyzeProject(project, prices.value, {
        comparePurchaseOptions: true,
        compareHaPatterns: true,
        today: new Date().toISOString().slice(0, 10),
      });
      const target = ctx.mode === 'desktop' ? await desktopTarget() : await browserTarget(project);
      if (!target.ok) return target.output;
      const written = await writePlanOutputs(target.dir, project, analysis, {
        paper,
        generatedAt: new Date().toISOString(),
        printPdf: ctx.printPdf,
        ...(ctx.rasterisePng ? { rasterisePng: ctx.rasterisePng } : {}),
        ...(ctx.lintCfn ? { lintCfn: ctx.lintCfn } : {}),
      });
      if (!written.ok) return { status: 'error', issues: written.issues };
      return {
        status: 'exported',
        dir: target.dir,
        files: written.value.files,
        pdf: written.value.pdf,
        issues: written.issues,
      };
    },
  };
}
