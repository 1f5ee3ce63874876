import { isAbsolute, resolve } from 'node:path';
import type { ChannelOutput } from '../../core/ipc/contract';
import { writeFileAtomic } from '../services/atomic-write';
import type { HostContext, ParsedInput } from './host-context';
import { describeFileError, hostError } from './host-issues';
import { resolveWorkspacePath } from './project-paths';

type DiagramOutput = ChannelOutput<'export.diagram'>;

export interface DiagramHandlers {
  'export.diagram': (input: ParsedInput<'export.diagram'>) => Promise<DiagramOutput>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes to write, checked to be what they claim: SVG text, or a PNG sent as base64. */
function decode(format: 'svg' | 'png', content: string): Uint8Array | string | null {
  if (format === 'svg') return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(content) ? content : null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(content)) return null;
  const bytes = Buffer.from(content, 'base64');
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? bytes : null;
}

/**
 * export.diagram: writes the diagram the renderer drew (core's SVG, or the PNG rasterised from it).
 * Desktop: where the user chooses in a Save dialog. Browser mode: into the workspace under the file
 * name given (the app itself downloads it through the browser; this keeps the channel whole).
 */
export function createDiagramHandlers(ctx: HostContext): DiagramHandlers {
  return {
    async 'export.diagram'({ format, fileName, content }) {
      const bytes = decode(format, content);
      if (bytes === null)
        return hostError(
          'export.diagram-invalid',
          `The diagram sent is not ${format === 'svg' ? 'an SVG document' : 'a PNG image'}.`,
          'Export the diagram again from the app.',
        );
      let target: string;
      let display: string;
      if (ctx.mode === 'desktop') {
        if (!ctx.pickDiagramPath)
          return hostError(
            'export.no-dialog',
            'This host cannot show a Save dialog.',
            'Export from the browser mode.',
          );
        const picked = await ctx.pickDiagramPath(fileName, format);
        if (!picked) return { status: 'cancelled' };
        if (!isAbsolute(picked))
          return hostError(
            'export.folder-not-absolute',
            `"${picked}" is not a full path.`,
            'Choose the file again.',
          );
        target = resolve(picked);
        display = target;
      } else {
        if (!ctx.workspaceDir) throw new Error('Browser mode needs a workspace folder.');
        const r = await resolveWorkspacePath(ctx.workspaceDir, fileName, 'write');
        if (!r.ok) return { status: 'error', issues: r.issues };
        target = r.value.absolute;
        display = target;
      }
      try {
        await writeFileAtomic(target, bytes);
      } catch (e) {
        return hostError(
          'export.diagram-failed',
          `Could not write ${display}: ${describeFileError(e)}.`,
          'Choose another folder, or free some disk space.',
          { file: display },
        );
      }
      return { status: 'exported', path: display };
    },
  };
}
