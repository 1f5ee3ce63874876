import { useMemo } from 'react';
import { monthlyByService } from '../../../core/pricing/estimate';
import { formatUsd } from '../../../core/util/money';
import { selectAnalysis } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import { describeDerivations, describePriceSource } from './estimate-view';

/** The monthly total, big, with the yearly figure, missing-price warning and where the prices come from. */
export function EstimatePanel() {
  const analysis = useAppStore(selectAnalysis);
  const region = useAppStore((s) => s.project.options.region);
  const priceEntry = useAppStore((s) => s.snapshots[s.project.options.region]);
  const hasDesign = useAppStore((s) => s.project.topology.nodes.length > 0);
  const estimate = analysis?.estimate ?? null;
  const services = useMemo(() => (estimate ? monthlyByService(estimate) : []), [estimate]);

  let body;
  if (priceEntry?.status === 'error') {
    body = (
      <div className="estimate__problem" role="alert">
        <p>Prices for {region} could not be loaded, so nothing is priced.</p>
        <ul>
          {priceEntry.issues.map((i, n) => (
            <li key={n}>
              {i.message} <span className="muted">{i.hint}</span>
            </li>
          ))}
        </ul>
      </div>
    );
  } else if (!estimate) {
    body = <p className="muted">Loading prices for {region}…</p>;
  } else if (!hasDesign) {
    body = <p className="muted">Nothing to price yet: import an inventory to plan the design.</p>;
  } else {
    const { totals } = estimate;
    body = (
      <>
        <div className="estimate__total" data-testid="monthly-total">
          {formatUsd(totals.monthlyUsd)}
        </div>
        <div className="estimate__per">per month · On-Demand · {estimate.region}</div>
        <div className="estimate__yearly">
          <span data-testid="yearly-total">{formatUsd(totals.yearlyUsd)}</span> a year
        </div>
        {totals.linesWithoutPrice > 0 && (
          <p className="estimate__warning" role="status" data-testid="unpriced-warning">
            {totals.linesWithoutPrice} line{totals.linesWithoutPrice === 1 ? '' : 's'} without a price: the
            totals are a lower bound.
          </p>
        )}
        <p
          className="estimate__source"
          title={describeDerivations(estimate.priceSource)}
          data-testid="price-source"
        >
          {describePriceSource(estimate.priceSource, totals.linesWithDerivedPrice)}
        </p>
        {services.length > 0 && (
          <table className="estimate__services">
            <tbody>
              {services.map((s) => (
                <tr key={s.service}>
                  <td>{s.service}</td>
                  <td className="num">{formatUsd(s.monthlyUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  }

  return (
    <section className="panel estimate" aria-labelledby="estimate-heading">
      <header className="panel__header">
        <h2 id="estimate-heading">Estimate</h2>
      </header>
      {body}
    </section>
  );
}
