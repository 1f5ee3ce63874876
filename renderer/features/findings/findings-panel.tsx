import { type FormEvent, useMemo, useState } from 'react';
import type { Issue } from '../../../core/model/issue';
import type { CheckResult } from '../../../core/security/evaluate';
import { selectChecks } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import {
  defaultReviewDate,
  describeControls,
  groupChecklist,
  STATUS_LABEL,
  summarizeFindings,
  toneOf,
} from './findings-view';
import './findings.css';

const today = (): string => new Date().toISOString().slice(0, 10);

function IssueList({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="checklist__issues" role="alert">
      {issues.map((i) => (
        <li key={`${i.code}-${i.message}`}>
          {i.message} {i.hint}
        </li>
      ))}
    </ul>
  );
}

/** Accept a failing check as a risk: why, who owns it, when it is reviewed again. */
function SuppressForm({ check, onDone }: { check: CheckResult; onDone: () => void }) {
  const suppress = useAppStore((s) => s.suppressCheck);
  const [justification, setJustification] = useState('');
  const [owner, setOwner] = useState('');
  const [reviewBy, setReviewBy] = useState(() => defaultReviewDate(today()));
  const [issues, setIssues] = useState<Issue[]>([]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const found = suppress({ ruleId: check.ruleId, justification, owner, reviewBy });
    setIssues(found);
    if (found.length === 0) onDone();
  };
  return (
    <form className="checklist__form" onSubmit={submit} data-testid={`suppress-form-${check.ruleId}`}>
      <label>
        Justification
        <textarea
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          placeholder="Why the risk is acceptable, and what limits it"
          data-testid="suppress-justification"
          rows={2}
        />
      </label>
      <label>
        Owner
        <input value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="suppress-owner" />
      </label>
      <label>
        Review by
        <input
          type="date"
          value={reviewBy}
          onChange={(e) => setReviewBy(e.target.value)}
          data-testid="suppress-review-by"
        />
      </label>
      <IssueList issues={issues} />
      <div className="checklist__actions">
        <button type="submit" data-testid="suppress-save">
          Accept risk
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Sign off an item the design cannot show: who confirmed it with the customer, when, how. */
function AttestForm({ check, onDone }: { check: CheckResult; onDone: () => void }) {
  const attest = useAppStore((s) => s.attestCheck);
  const [signedBy, setSignedBy] = useState('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const found = attest({ ruleId: check.ruleId, signedBy, date, note });
    setIssues(found);
    if (found.length === 0) onDone();
  };
  return (
    <form className="checklist__form" onSubmit={submit} data-testid={`attest-form-${check.ruleId}`}>
      <label>
        Confirmed by
        <input
          value={signedBy}
          onChange={(e) => setSignedBy(e.target.value)}
          data-testid="attest-signed-by"
        />
      </label>
      <label>
        Date
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="attest-date" />
      </label>
      <label>
        Evidence
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="How it was confirmed (meeting, ticket, screenshot)"
          rows={2}
          data-testid="attest-note"
        />
      </label>
      <IssueList issues={issues} />
      <div className="checklist__actions">
        <button type="submit" data-testid="attest-save">
          Sign off
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type OpenForm = { ruleId: string; kind: 'suppress' | 'attest' } | null;

/** What can be done about a check: fix it, accept it, sign it off, or undo an acceptance or sign-off. */
function CheckActions({
  check,
  open,
  setOpen,
}: {
  check: CheckResult;
  open: OpenForm;
  setOpen: (f: OpenForm) => void;
}) {
  const applyFix = useAppStore((s) => s.applyFix);
  const unsuppress = useAppStore((s) => s.unsuppressCheck);
  const withdraw = useAppStore((s) => s.withdrawAttestation);
  const formOpen = open?.ruleId === check.ruleId ? open.kind : null;
  if (formOpen === 'suppress') return <SuppressForm check={check} onDone={() => setOpen(null)} />;
  if (formOpen === 'attest') return <AttestForm check={check} onDone={() => setOpen(null)} />;
  return (
    <div className="checklist__actions">
      {check.status === 'fail' && check.fixable && (
        <button type="button" onClick={() => applyFix(check.ruleId)} data-testid={`fix-${check.ruleId}`}>
          Fix
        </button>
      )}
      {check.status === 'fail' && check.mode === 'automatic' && (
        <button
          type="button"
          onClick={() => setOpen({ ruleId: check.ruleId, kind: 'suppress' })}
          data-testid={`suppress-${check.ruleId}`}
        >
          Accept risk…
        </button>
      )}
      {check.status === 'suppressed' && (
        <button
          type="button"
          onClick={() => unsuppress(check.ruleId)}
          data-testid={`unsuppress-${check.ruleId}`}
        >
          Remove acceptance
        </button>
      )}
      {check.mode === 'attestation' && !check.attestation && (
        <button
          type="button"
          onClick={() => setOpen({ ruleId: check.ruleId, kind: 'attest' })}
          data-testid={`attest-${check.ruleId}`}
        >
          Sign off…
        </button>
      )}
      {check.attestation && (
        <button type="button" onClick={() => withdraw(check.ruleId)} data-testid={`withdraw-${check.ruleId}`}>
          Withdraw sign-off
        </button>
      )}
    </div>
  );
}

function FailingItem({
  check,
  onSelect,
  open,
  setOpen,
}: {
  check: CheckResult;
  onSelect: (nodeId: string) => void;
  open: OpenForm;
  setOpen: (f: OpenForm) => void;
}) {
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
      {check.fix && <div className="finding__fix">Fix: {check.fix}</div>}
      <CheckActions check={check} open={open} setOpen={setOpen} />
    </li>
  );
}

function ChecklistItem({
  check,
  open,
  setOpen,
}: {
  check: CheckResult;
  open: OpenForm;
  setOpen: (f: OpenForm) => void;
}) {
  const controls = describeControls(check.controls);
  return (
    <li className={`checklist__item checklist__item--${check.status}`} data-testid={`check-${check.ruleId}`}>
      <details>
        <summary>
          <span className={`chip chip--${check.status}`}>
            {check.attestation ? 'Signed off' : STATUS_LABEL[check.status]}
          </span>
          <span className="finding__rule">{check.ruleId}</span> {check.title}
          {check.mode === 'attestation' && <span className="checklist__mode">attestation</span>}
        </summary>
        <div className="checklist__body">
          <p className="finding__detail">{check.detail}</p>
          {check.suppression && (
            <p className="checklist__note" data-testid={`suppression-${check.ruleId}`}>
              Accepted by {check.suppression.owner} until {check.suppression.reviewBy}:{' '}
              {check.suppression.justification}
            </p>
          )}
          <p>
            <strong>Why.</strong> {check.why}
          </p>
          <p>
            <strong>Fix.</strong> {check.fix ?? 'Nothing to change.'}
          </p>
          <p>
            <strong>Verify.</strong> {check.verify}
          </p>
          {controls && <p className="checklist__controls">{controls}</p>}
        </div>
      </details>
      {check.status !== 'fail' && <CheckActions check={check} open={open} setOpen={setOpen} />}
    </li>
  );
}

/**
 * The security checklist over the design: counts, the failing checks most severe first (each with its
 * one-click fix and “accept risk”), then every rule grouped by category with sign-off for attestations.
 */
export function FindingsPanel() {
  const checks = useAppStore(selectChecks);
  const hasDesign = useAppStore((s) => s.project.topology.nodes.length > 0);
  const selectNode = useAppStore((s) => s.selectNode);
  const [open, setOpen] = useState<OpenForm>(null);
  const summary = useMemo(() => summarizeFindings(checks), [checks]);
  const groups = useMemo(() => groupChecklist(checks), [checks]);
  const reveal = (nodeId: string): void => selectNode(nodeId, { reveal: true });

  return (
    <section className="panel findings" aria-labelledby="findings-heading">
      <header className="panel__header">
        <h2 id="findings-heading">Security checklist</h2>
        {hasDesign && (
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
        {hasDesign && summary.failing.length === 0 && (
          <li className="findings__note findings__note--ok">No failing checks.</li>
        )}
        {hasDesign &&
          summary.failing.map((c) => (
            <FailingItem key={c.ruleId} check={c} onSelect={reveal} open={open} setOpen={setOpen} />
          ))}
      </ul>
      {hasDesign && (
        <div className="checklist" data-testid="checklist">
          {groups.map((g) => (
            <details
              key={g.category}
              className="checklist__group"
              data-testid={`checklist-${g.category}`}
              open={g.counts.fail > 0}
            >
              <summary>
                <span className="checklist__label">{g.label}</span>
                <span className="findings__counts" data-testid={`checklist-counts-${g.category}`}>
                  {g.counts.fail > 0 && <span className="count count--fail">{g.counts.fail} fail</span>}
                  {g.counts.manual > 0 && (
                    <span className="count count--manual">{g.counts.manual} manual</span>
                  )}
                  {g.counts.suppressed > 0 && <span className="count">{g.counts.suppressed} accepted</span>}
                  <span className="count count--pass">{g.counts.pass} pass</span>
                </span>
              </summary>
              <ul className="checklist__items">
                {g.checks.map((c) => (
                  <ChecklistItem key={c.ruleId} check={c} open={open} setOpen={setOpen} />
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
