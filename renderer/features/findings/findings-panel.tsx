import { useMemo } from 'react';
import type { CheckResult } from '../../../core/security/evaluate';
import { selectAnalysis } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import { summarizeFindings, toneOf } from './findings-view';

function FindingItem({ check, onSelect }: { check: CheckResult; onSelect: (nodeId: string) => void }) {
  const first = check.resources[0];
  const content = (
    <>
      <span className={`severity severity--${toneOf(check.severity)}`}>{check.severity}</span>
      <span className="finding__title">
        <span className="finding__rule">{check.ruleId}</span> {check.title}
      </span>
      <span className="finding__detail">{check.detail}</span>
    </>
  );
  return (
    <li className="finding" data-testid={`finding-${check.ruleId}`}>
      {first !== undefined ? (
        <button
          type="button"
          className="finding__button"
          onClick={() => onSelect(first)}
          title="Show on the canvas"
        >
          {content}
        </button>
      ) : (
        <div className="finding__button">{content}</div>
      )}
    </li>
  );
}

/** Security and resilience checks over the design: counts, then each failing check; a click shows its resource. */
export function FindingsPanel() {
  const analysis = useAppStore(selectAnalysis);
  const hasDesign = useAppStore((s) => s.project.topology.nodes.length > 0);
  const selectNode = useAppStore((s) => s.selectNode);
  const summary = useMemo(() => (analysis ? summarizeFindings(analysis.checks) : null), [analysis]);
  const reveal = (nodeId: string): void => selectNode(nodeId, { reveal: true });

  return (
    <section className="panel findings" aria-labelledby="findings-heading">
      <header className="panel__header">
        <h2 id="findings-heading">Findings</h2>
        {summary && hasDesign && (
          <span className="findings__counts" data-testid="findings-counts">
            <span className="count count--fail">{summary.counts.fail} fail</span>
            <span className="count count--manual">{summary.counts.manual} manual</span>
            <span className="count count--pass">{summary.counts.pass} pass</span>
            {summary.counts.suppressed > 0 && (
              <span className="count">{summary.counts.suppressed} suppressed</span>
            )}
          </span>
        )}
      </header>
      <ul className="findings__list" data-testid="findings-list">
        {!hasDesign && <li className="muted findings__note">Checks run once there is a design.</li>}
        {hasDesign && summary?.failing.length === 0 && (
          <li className="findings__note findings__note--ok">No failing checks.</li>
        )}
        {hasDesign && summary?.failing.map((c) => <FindingItem key={c.ruleId} check={c} onSelect={reveal} />)}
      </ul>
      {hasDesign && summary && summary.manual.length > 0 && (
        <details className="findings__manual">
          <summary>{summary.manual.length} to confirm with the customer</summary>
          <ul>
            {summary.manual.map((c) => (
              <li key={c.ruleId}>
                <span className="finding__rule">{c.ruleId}</span> {c.title}
                <div className="finding__detail">{c.detail}</div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
