import { useLayoutEffect, useMemo } from 'react';
import { monthlyByService, monthlyByTier } from '../../../core/pricing/estimate';
import { purchaseOptionLabel } from '../../../core/pricing/purchase-options';
import { formatUsd } from '../../../core/util/money';
import { selectEstimate, selectSettledEstimate, selectSnapshot } from '../../store/analysis';
import { markTotalRendered } from '../../store/edit-timing';
import { useAppStore } from '../../store/store-context';
import { describeDerivations, describePriceSource, purchaseOptionRows } from './estimate-view';

/**
 * The monthly total, big, with the yearly figure and missing-price warning; it stays at the top of
 * the side panel so every edit's effect is in view. The breakdown (EstimateBreakdown) comes lower.
 */
export function EstimatePanel() {
  const estimate = useAppStore(selectEstimate);
  const region = useAppStore((s) => s.project.options.region);
  const priceEntry = useAppStore((s) => s.snapshots[s.project.options.region]);
  const hasDesign = useAppStore((s) => s.project.topology.nodes.length > 0);
  // The new total is on the page (not yet painted): the end of the bench's edit-to-total measure.
  useLayoutEffect(() => markTotalRendered(), [estimate]);

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
        <div className="estimate__per">
          per month · {purchaseOptionLabel(estimate.purchaseOption)} · {estimate.region}
        </div>
        <div className="estimate__yearly">
          <span data-testid="yearly-total">{formatUsd(totals.yearlyUsd)}</span> a year
          {totals.upfrontUsd !== '0.00' && (
            <>
              {' '}
              · <span data-testid="upfront-total">{formatUsd(totals.upfrontUsd)}</span> upfront ·{' '}
              {formatUsd(totals.effectiveMonthlyUsd)} a month effective
            </>
          )}
        </div>
        {totals.linesWithoutPrice > 0 && (
          <p className="estimate__warning" role="status" data-testid="unpriced-warning">
            {totals.linesWithoutPrice} line{totals.linesWithoutPrice === 1 ? '' : 's'} without a price: the
            totals are a lower bound.
          </p>
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

/** Where the prices come from, then the month by tier, by service and under each purchase option. */
export function EstimateBreakdown() {
  // The settled project: the breakdown (and its eight purchase options) follows an edit's total a task later.
  const estimate = useAppStore(selectSettledEstimate);
  const hasDesign = useAppStore((s) => s.settledProject.topology.nodes.length > 0);
  const snapshot = useAppStore(selectSnapshot);
  const topology = useAppStore((s) => s.settledProject.topology);
  const planOptions = useAppStore((s) => s.settledProject.options);
  const services = useMemo(() => (estimate ? monthlyByService(estimate) : []), [estimate]);
  const tiers = useMemo(() => (estimate ? monthlyByTier(estimate) : []), [estimate]);
  const options = useMemo(
    () => (snapshot && hasDesign ? purchaseOptionRows({ topology, options: planOptions }, snapshot) : []),
    [topology, planOptions, snapshot, hasDesign],
  );
  if (!estimate || !hasDesign) return null;
  const { totals } = estimate;
  return (
    <section className="panel estimate estimate--breakdown" aria-label="Estimate breakdown">
      <p
        className="estimate__source"
        title={describeDerivations(estimate.priceSource)}
        data-testid="price-source"
      >
        {describePriceSource(estimate.priceSource, totals.linesWithDerivedPrice)}
      </p>
      {tiers.length > 0 && (
        <table className="estimate__services" data-testid="tier-totals">
          <tbody>
            {tiers.map((t) => (
              <tr key={t.tier}>
                <td>{t.label}</td>
                <td className="num">
                  {formatUsd(t.monthlyUsd)}
                  {t.linesWithoutPrice > 0 ? ' +' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
      {options.length > 0 && (
        <table className="estimate__services" data-testid="purchase-options">
          <caption>Purchase options (effective monthly)</caption>
          <tbody>
            {options.map((o) => (
              <tr key={o.purchaseOption} title={o.unavailableReason ?? undefined}>
                <td>{o.label}</td>
                <td className="num">
                  {o.effectiveMonthlyUsd !== null
                    ? formatUsd(o.effectiveMonthlyUsd)
                    : 'needs a live price refresh'}
                  {o.savingVsOnDemandPercent !== null && o.purchaseOption !== 'on-demand'
                    ? ` (−${o.savingVsOnDemandPercent}%)`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
