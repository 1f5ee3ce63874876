import { useMemo, useState } from 'react';
import { compareScenarios, matchingScenario } from '../../../core/edit/scenarios';
import { PURCHASE_OPTIONS, type PlanOptions, SQL_HA_PATTERNS } from '../../../core/model/options';
import { purchaseOptionLabel } from '../../../core/pricing/purchase-options';
import { HA_PATTERNS } from '../../../core/topology/ha-patterns/index';
import { formatUsd } from '../../../core/util/money';
import { priceContextFor, selectSnapshot } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import './scenarios.css';

const SAME = '';

/**
 * Scenarios: named variants of the design kept in the project, compared side by side (monthly,
 * yearly, upfront, failing checks). A new one is the design as it is, or a variant of it with another
 * HA pattern (re-planned) or purchase option.
 */
export function ScenariosPanel() {
  const project = useAppStore((s) => s.project);
  const snapshot = useAppStore(selectSnapshot);
  const busy = useAppStore((s) => s.busy !== null);
  const saveScenario = useAppStore((s) => s.saveScenario);
  const deriveScenario = useAppStore((s) => s.deriveScenario);
  const openScenario = useAppStore((s) => s.openScenario);
  const updateScenario = useAppStore((s) => s.updateScenario);
  const deleteScenario = useAppStore((s) => s.deleteScenario);
  const [name, setName] = useState('');
  const [ha, setHa] = useState<PlanOptions['sqlHa'] | typeof SAME>(SAME);
  const [purchase, setPurchase] = useState<PlanOptions['purchaseOption'] | typeof SAME>(SAME);
  const hasDesign = project.topology.nodes.length > 0;
  const scenarios = project.scenarios;
  // Compared only while there is something to compare: each column prices a whole design.
  const rows = useMemo(
    () => (snapshot && scenarios.length > 0 ? compareScenarios(project, priceContextFor(snapshot)) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the comparison reads only these parts
    [snapshot, scenarios, project.topology, project.options, project.suppressions],
  );
  const current = useMemo(
    () => (scenarios.length > 0 ? matchingScenario(project) : null),
    [project, scenarios],
  );

  const add = (): void => {
    const options: Partial<PlanOptions> = {
      ...(ha !== SAME ? { sqlHa: ha } : {}),
      ...(purchase !== SAME ? { purchaseOption: purchase } : {}),
    };
    const suggested =
      name.trim() ||
      [ha !== SAME ? HA_PATTERNS[ha].title : null, purchase !== SAME ? purchaseOptionLabel(purchase) : null]
        .filter(Boolean)
        .join(', ');
    const done =
      Object.keys(options).length === 0
        ? Promise.resolve(saveScenario(suggested))
        : deriveScenario(suggested || 'Variant', options);
    void done.then((ok) => {
      if (ok) {
        setName('');
        setHa(SAME);
        setPurchase(SAME);
      }
    });
  };

  return (
    <section className="panel scenarios" aria-labelledby="scenarios-heading" data-testid="scenarios">
      <header className="panel__header">
        <h2 id="scenarios-heading">Scenarios</h2>
        {current && <span className="panel__meta">open: {current.name}</span>}
      </header>
      {!hasDesign ? (
        <p className="panel__empty">Import an inventory first; then keep variants of the design here.</p>
      ) : (
        <>
          <div className="scenarios__form">
            <input
              type="text"
              value={name}
              placeholder="Name (e.g. AG, On-Demand)"
              aria-label="Scenario name"
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="scenario-name"
            />
            <select
              value={ha}
              aria-label="HA pattern of the variant"
              onChange={(e) => setHa(e.currentTarget.value as typeof ha)}
              data-testid="scenario-ha"
            >
              <option value={SAME}>HA: as designed</option>
              {SQL_HA_PATTERNS.map((p) => (
                <option key={p} value={p}>
                  {HA_PATTERNS[p].title}
                </option>
              ))}
            </select>
            <select
              value={purchase}
              aria-label="Purchase option of the variant"
              onChange={(e) => setPurchase(e.currentTarget.value as typeof purchase)}
              data-testid="scenario-purchase"
            >
              <option value={SAME}>Pricing: as designed</option>
              {PURCHASE_OPTIONS.map((p) => (
                <option key={p} value={p}>
                  {purchaseOptionLabel(p)}
                </option>
              ))}
            </select>
            <button type="button" onClick={add} disabled={busy} data-testid="scenario-add">
              Keep as scenario
            </button>
          </div>
          {rows.length > 0 && (
            <div className="scenarios__scroll">
              {/* One column per variant, so their figures sit side by side. */}
              <table className="scenarios__table" data-testid="scenario-table">
                <thead>
                  <tr>
                    <th scope="col" aria-label="Figure" />
                    {rows.map((r) => (
                      <th
                        key={r.id ?? 'current'}
                        scope="col"
                        className={r.id === null ? 'is-current' : undefined}
                        data-testid={`scenario-col-${r.id ?? 'current'}`}
                      >
                        {r.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Monthly</th>
                    {rows.map((r) => (
                      <td
                        key={r.id ?? 'current'}
                        className={`num${r.id === null ? ' is-current' : ''}`}
                        data-testid={`scenario-monthly-${r.id ?? 'current'}`}
                      >
                        {formatUsd(r.totals.monthlyUsd)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">Yearly</th>
                    {rows.map((r) => (
                      <td key={r.id ?? 'current'} className={`num${r.id === null ? ' is-current' : ''}`}>
                        {formatUsd(r.totals.yearlyUsd)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">Upfront</th>
                    {rows.map((r) => (
                      <td key={r.id ?? 'current'} className={`num${r.id === null ? ' is-current' : ''}`}>
                        {formatUsd(r.totals.upfrontUsd)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">Failing checks</th>
                    {rows.map((r) => (
                      <td
                        key={r.id ?? 'current'}
                        className={`num${r.id === null ? ' is-current' : ''}`}
                        title={r.failingChecks.join(', ') || 'None'}
                      >
                        {r.failingChecks.length}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">SQL HA</th>
                    {rows.map((r) => (
                      <td
                        key={r.id ?? 'current'}
                        className={`scenarios__sub${r.id === null ? ' is-current' : ''}`}
                      >
                        {HA_PATTERNS[r.sqlHa].title}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">Pricing</th>
                    {rows.map((r) => (
                      <td
                        key={r.id ?? 'current'}
                        className={`scenarios__sub${r.id === null ? ' is-current' : ''}`}
                      >
                        {purchaseOptionLabel(r.purchaseOption)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row" aria-label="Actions" />
                    {rows.map((r) => (
                      <td key={r.id ?? 'current'} className="scenarios__actions">
                        {r.id === null ? (
                          <span className="scenarios__sub">open now</span>
                        ) : (
                          <>
                            <button
                              type="button"
                              onClick={() => openScenario(r.id as string)}
                              title="Make this scenario the open design (Undo goes back)"
                              data-testid={`scenario-open-${r.id}`}
                            >
                              Open
                            </button>
                            <button
                              type="button"
                              onClick={() => updateScenario(r.id as string)}
                              title="Overwrite this scenario with the open design"
                            >
                              Update
                            </button>
                            <button
                              type="button"
                              onClick={() => deleteScenario(r.id as string)}
                              title={`Delete the scenario ${r.name}`}
                            >
                              Delete
                            </button>
                          </>
                        )}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
