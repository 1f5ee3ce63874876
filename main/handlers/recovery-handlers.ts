import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ChannelOutput } from '../../core/ipc/contract';
import { parseProject } from '../../core/project/load-project';
import { writeFileAtomic } from '../services/atomic-write';
import type { HostContext, ParsedInput } from './host-context';
import { describeFileError, errorCode, hostError } from './host-issues';

type AutosaveOutput = ChannelOutput<'project.autosave'>;
type RecoveryOutput = ChannelOutput<'project.recovery'>;

export interface RecoveryHandlers {
  'project.autosave': (input: ParsedInput<'project.autosave'>) => Promise<AutosaveOutput>;
  'project.recovery': (input: ParsedInput<'project.recovery'>) => Promise<RecoveryOutput>;
}

export const RECOVERY_FORMAT = 'archplan-recovery';

/** The recovery file: the project as the app had it, which file it belongs to, and when it was written. */
const envelopeSchema = z.object({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(1),
  savedAt: z.string().max(40),
  path: z.string().max(1024).nullable(),
  project: z.unknown(),
});

/**
 * project.autosave / project.recovery: the renderer writes the open, unsaved project here every 30 s;
 * on the next launch it reads it back and offers to recover it. One recovery file per host (one
 * window), written atomically, so a crash mid-write leaves the previous autosave whole. Removed when
 * the work is saved or the architect declines to recover it.
 */
export function createRecoveryHandlers(
  ctx: HostContext,
  now: () => Date = () => new Date(),
): RecoveryHandlers {
  const file = ctx.recoveryFile ?? null;
  const off = () =>
    hostError(
      'recovery.unavailable',
      'This host keeps no recovery file.',
      'Save the project often (Ctrl+S); autosave is not available here.',
    );
  return {
    async 'project.autosave'({ project, path }) {
      if (!file) return off();
      const savedAt = now().toISOString();
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomic(
          file,
          JSON.stringify({ format: RECOVERY_FORMAT, version: 1, savedAt, path, project }),
        );
      } catch (e) {
        return hostError(
          'recovery.write-failed',
          `Could not write the autosave recovery file ${file}: ${describeFileError(e)}.`,
          'Your work is still open; save it (Ctrl+S) and free some disk space.',
          { file },
        );
      }
      return { status: 'saved', savedAt };
    },

    async 'project.recovery'({ action }) {
      if (!file) return action === 'read' ? { status: 'none' } : { status: 'discarded' };
      if (action === 'discard') {
        try {
          await rm(file, { force: true });
        } catch (e) {
          return hostError(
            'recovery.discard-failed',
            `Could not remove the recovery file ${file}: ${describeFileError(e)}.`,
            'Remove it by hand; it only matters on the next launch.',
            { file },
          );
        }
        return { status: 'discarded' };
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if (errorCode(e) === 'ENOENT') return { status: 'none' };
        return hostError(
          'recovery.unreadable',
          `Could not read the recovery file ${file}: ${describeFileError(e)}.`,
          'Discard it, or copy it aside and open it as a project.',
          { file },
        );
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        raw = null;
      }
      const envelope = envelopeSchema.safeParse(raw);
      if (!envelope.success)
        return hostError(
          'recovery.damaged',
          `The recovery file ${file} is damaged and cannot be recovered.`,
          'Discard it; your saved projects are not affected.',
          { file },
        );
      const parsed = parseProject(JSON.stringify(envelope.data.project), 'recovery file');
      if (!parsed.ok) return { status: 'error', issues: parsed.issues };
      return {
        status: 'found',
        savedAt: envelope.data.savedAt,
        path: envelope.data.path,
        project: parsed.value,
        issues: parsed.issues,
      };
    },
  };
}
