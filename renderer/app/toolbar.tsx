import { HaComparison } from '../features/ha-comparison/ha-comparison';
import type { AppCommand } from '../host/app-commands';
import { selectSnapshot } from '../store/analysis';
import { hasSomethingToExport } from '../store/export-slice';
import { baseName } from '../store/project-edits';
import { useAppStore } from '../store/store-context';

/** File commands on the left; the open project, its file and its region on the right. */
export function Toolbar({
  onCommand,
  shortcutKey,
}: {
  onCommand: (command: AppCommand) => void;
  shortcutKey: string;
}) {
  const name = useAppStore((s) => s.project.project.name);
  const dirty = useAppStore((s) => s.dirty);
  const filePath = useAppStore((s) => s.filePath);
  const region = useAppStore((s) => s.project.options.region);
  const location = useAppStore((s) => selectSnapshot(s)?.location ?? null);
  const busy = useAppStore((s) => s.busy !== null);
  const exportable = useAppStore(hasSomethingToExport);

  return (
    <header className="toolbar" role="toolbar" aria-label="Project">
      <span className="toolbar__brand">Architecture Planner</span>
      <div className="toolbar__buttons">
        <button
          type="button"
          data-testid="toolbar-new"
          onClick={() => onCommand('new-project')}
          disabled={busy}
          title={`New project (${shortcutKey}+N)`}
        >
          New
        </button>
        <button
          type="button"
          data-testid="toolbar-open"
          onClick={() => onCommand('open-project')}
          disabled={busy}
          title={`Open a project (${shortcutKey}+O)`}
        >
          Open…
        </button>
        <button
          type="button"
          data-testid="toolbar-save"
          onClick={() => onCommand('save-project')}
          disabled={busy}
          title={`Save (${shortcutKey}+S)`}
        >
          Save
        </button>
        <button
          type="button"
          data-testid="toolbar-save-as"
          onClick={() => onCommand('save-project-as')}
          disabled={busy}
          title={`Save as (${shortcutKey}+Shift+S)`}
        >
          Save As…
        </button>
        <button
          type="button"
          data-testid="toolbar-export"
          onClick={() => onCommand('export-plan')}
          disabled={busy || !exportable}
          title={
            exportable
              ? `Export CloudFormation, the proposal PDF and the data files (${shortcutKey}+E)`
              : 'Import an inventory first: there is nothing to export yet'
          }
        >
          Export…
        </button>
        <HaComparison />
        <span className="toolbar__sep" aria-hidden="true" />
        <button
          type="button"
          className="primary"
          data-testid="toolbar-import"
          onClick={() => onCommand('import-inventory')}
          disabled={busy}
          title="Import the customer's inventory: the template (CSV/XLSX), a Migration Hub import CSV or an RVTools export"
        >
          Import inventory…
        </button>
      </div>
      <div className="toolbar__project">
        <span className="toolbar__name" data-testid="project-name" title={filePath ?? 'Not saved yet'}>
          {name}
          {dirty && (
            <span className="toolbar__dirty" title="Unsaved changes" aria-label="unsaved changes">
              ●
            </span>
          )}
        </span>
        <span className="toolbar__file">{filePath ? baseName(filePath) : 'not saved'}</span>
        <span className="toolbar__region" data-testid="project-region" title={location ?? undefined}>
          {region}
          {location ? ` · ${location}` : ''}
        </span>
      </div>
    </header>
  );
}
