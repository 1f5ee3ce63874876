import { useState } from 'react';
import type { Issue } from '../../core/model/issue';
import { baseName } from '../store/project-edits';
import { useAppStore } from '../store/store-context';

function where(issue: Issue): string {
  const parts: string[] = [];
  if (issue.path?.row !== undefined) parts.push(`row ${issue.path.row}`);
  if (issue.path?.column) parts.push(`column ${issue.path.column}`);
  if (issue.path?.field && issue.path.row === undefined) parts.push(issue.path.field);
  return parts.join(', ');
}

function IssueLine({ issue }: { issue: Issue }) {
  const at = where(issue);
  return (
    <li className={`issue issue--${issue.severity}`} data-testid="status-issue">
      <span className={`issue__severity issue__severity--${issue.severity}`}>{issue.severity}</span>
      {at && <span className="issue__where">{at}</span>}
      <span className="issue__message">{issue.message}</span>
      {issue.hint && <span className="issue__hint">{issue.hint}</span>}
      <span className="issue__code">{issue.code}</span>
    </li>
  );
}

/** The latest message and the issues behind it (each naming its row and column); errors open by default. */
export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const busy = useAppStore((s) => s.busy);
  const dirty = useAppStore((s) => s.dirty);
  const filePath = useAppStore((s) => s.filePath);
  const clearStatus = useAppStore((s) => s.clearStatus);
  const [toggled, setToggled] = useState<{ serial: number; open: boolean } | null>(null);

  const issues = status?.issues ?? [];
  const open =
    status !== null &&
    issues.length > 0 &&
    (toggled?.serial === status.serial ? toggled.open : status.tone === 'error');

  return (
    <footer
      className={`status-bar status-bar--${status?.tone ?? 'info'}`}
      data-testid="status-bar"
      role="status"
      aria-live="polite"
    >
      {open && (
        <ul className="status-bar__issues" aria-label="Issues">
          {issues.map((issue, n) => (
            <IssueLine key={n} issue={issue} />
          ))}
        </ul>
      )}
      <div className="status-bar__line">
        {busy !== null ? (
          <span className="status-bar__busy">
            <span className="spinner" aria-hidden="true" /> {busy}
          </span>
        ) : (
          <span className="status-bar__message" data-testid="status-message">
            {status?.message ?? 'Ready.'}
          </span>
        )}
        {status !== null && issues.length > 0 && (
          <button
            type="button"
            className="link"
            onClick={() => setToggled({ serial: status.serial, open: !open })}
            aria-expanded={open}
          >
            {open ? 'Hide' : 'Show'} {issues.length} issue{issues.length === 1 ? '' : 's'}
          </button>
        )}
        {status !== null && (
          <button type="button" className="link" onClick={clearStatus} aria-label="Dismiss message">
            Dismiss
          </button>
        )}
        <span className="status-bar__spacer" />
        <span className="status-bar__file">
          {dirty ? 'Unsaved changes' : filePath ? `Saved · ${baseName(filePath)}` : 'Not saved'}
        </span>
      </div>
    </footer>
  );
}
