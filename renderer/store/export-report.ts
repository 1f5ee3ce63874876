import type { ChannelOutput } from '../../core/ipc/contract';
import type { Issue } from '../../core/model/issue';
import type { StatusTone } from './ui-slice';

export type ExportedPlan = Extract<ChannelOutput<'export.plan'>, { status: 'exported' }>;

/**
 * The status-bar report of a finished export: the folder and every file written; when the PDF was
 * skipped, why (the HTML proposal is there to print by hand); and the warnings the files carry.
 */
export function describeExport(result: ExportedPlan): { tone: StatusTone; message: string; issues: Issue[] } {
  const n = result.files.length;
  const written = `${n} file${n === 1 ? '' : 's'} to ${result.dir}: ${result.files.join(', ')}`;
  if (result.pdf.status === 'skipped') {
    return {
      tone: 'warning',
      message: `Exported ${written}. No proposal PDF: ${result.pdf.reason}`,
      issues: result.issues,
    };
  }
  const warned = result.issues.some((i) => i.severity !== 'notice');
  return { tone: warned ? 'warning' : 'success', message: `Exported ${written}.`, issues: result.issues };
}
