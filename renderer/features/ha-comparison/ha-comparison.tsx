import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { type HaRowView, selectHaComparison } from './ha-comparison-view';
import { switchSqlHaPattern } from './replan';
import './ha-comparison.css';

/** The table itself: subscribed only while the dialog is open, so closed it costs nothing. */
function ComparisonTable({ onChosen }: { onChosen: () => void }) {
  const store = useAppStoreApi();
  const rows = useAppStore(selectHaComparison);
  const busy = useAppStore((s) => s.busy !== null);
  const hasSql = useAppStore((s) => s.project.inventory.servers.some((x) => x.role === 'sql'));
  const [open, setOpen] = useState<string | null>(null);
  if (!rows) return <p className="muted">Loading prices…</p>;
  const choose = async (row: HaRowView): Promise<void> => {
    if (await switchSqlHaPattern(store, row.pattern)) onChosen();
  };
  return (
    <>
      {!hasSql && (
        <p className="muted">The inventory has no SQL Server: every pattern gives the same design.</p>
      )}
      <table className="ha-table" data-testid="ha-compare-table">
        <thead>
          <tr>
            <th>Pattern</th>
            <th>HA</th>
            <th className="num">Monthly</th>
            <th className="num">vs current</th>
            <th className="num">Database tier</th>
            <th>RPO</th>
            <th>RTO</th>
            <th>Checklist</th>
            <th aria-label="Choose" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.pattern}
              className={r.selected ? 'is-current' : undefined}
              data-testid={`ha-row-${r.pattern}`}
            >
              <td>
                <button
                  type="button"
                  className="ha-table__title"
                  aria-expanded={open === r.pattern}
                  onClick={() => setOpen(open === r.pattern ? null : r.pattern)}
                  title="Show what happens on failure, licences, constraints and operations"
                >
                  {r.title}
                </button>
                <span className="ha-table__summary">{r.summary}</span>
                {!r.fits && <span className="ha-table__warn">Does not fit this inventory</span>}
                {open === r.pattern && (
                  <dl className="ha-table__details">
                    <dt>A server fails</dt>
                    <dd>{r.serverFailure}</dd>
                    <dt>An AZ fails</dt>
                    <dd>{r.azFailure}</dd>
                    <dt>Licences</dt>
                    <dd>{r.licences}</dd>
                    <dt>For this inventory</dt>
                    <dd>
                      {r.fitReasons.map((x) => (
                        <span key={x}>{x}</span>
                      ))}
                    </dd>
                    <dt>Constraints</dt>
                    <dd>
                      {r.constraints.map((x) => (
                        <span key={x}>{x}</span>
                      ))}
                    </dd>
                    <dt>Operations</dt>
                    <dd>
                      {r.operations.map((x) => (
                        <span key={x}>{x}</span>
                      ))}
                    </dd>
                  </dl>
                )}
              </td>
              <td>{r.highlyAvailable ? 'Yes' : 'No'}</td>
              <td
                className="num"
                title={r.lowerBound ? 'Some lines have no price: a lower bound' : undefined}
              >
                {r.monthly}
                {r.lowerBound ? ' +' : ''}
              </td>
              <td className={`num ha-delta ha-delta--${r.deltaTone}`}>{r.delta}</td>
              <td className="num">{r.database}</td>
              <td className="ha-table__text">{r.rpo}</td>
              <td className="ha-table__text">{r.rto}</td>
              <td className={r.failingChecks.length > 0 ? 'ha-table__fail' : 'ha-table__pass'}>
                {r.failingChecks.length > 0 ? r.failingChecks.join(' ') : 'All pass'}
              </td>
              <td>
                {r.selected ? (
                  <span className="ha-table__current">Current</span>
                ) : (
                  <button
                    type="button"
                    data-testid={`ha-choose-${r.pattern}`}
                    disabled={busy}
                    onClick={() => void choose(r)}
                    title={`Re-plan the design with ${r.title}; manual diagram moves are kept`}
                  >
                    Use this
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted ha-table__note">
        Whole-design monthly cost at the project&apos;s purchase option. “+” marks a total with unpriced lines
        (a lower bound). Choosing a pattern re-plans the design; diagram nodes you moved keep their place.
      </p>
    </>
  );
}

/** Toolbar button and dialog: the SQL Server HA patterns side by side, and a way to switch. */
export function HaComparison() {
  const [visible, setVisible] = useState(false);
  const busy = useAppStore((s) => s.busy !== null);
  const hasServers = useAppStore((s) => s.project.inventory.servers.length > 0);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);

  return (
    <>
      <button
        type="button"
        data-testid="ha-compare-open"
        onClick={() => setVisible(true)}
        disabled={busy || !hasServers}
        title={
          hasServers
            ? 'Compare the ways of making SQL Server highly available: cost, RPO/RTO, licences, checks'
            : 'Import an inventory first'
        }
      >
        SQL HA…
      </button>
      {/* In the body, not the toolbar: the toolbar's dark button styles must not reach the dialog. */}
      {createPortal(
        <dialog
          ref={dialogRef}
          className="open-dialog ha-dialog"
          onClose={() => setVisible(false)}
          aria-labelledby="ha-dialog-title"
          data-testid="ha-compare-dialog"
        >
          <h2 id="ha-dialog-title">SQL Server high availability</h2>
          {visible && <ComparisonTable onChosen={() => setVisible(false)} />}
          <div className="open-dialog__actions">
            <span className="status-bar__spacer" />
            <button type="button" onClick={() => setVisible(false)} data-testid="ha-compare-close">
              Close
            </button>
          </div>
        </dialog>,
        document.body,
      )}
    </>
  );
}
