import { type ReactNode, useId, useState } from 'react';
import type { Issue } from '../../../core/model/issue';

/** The messages about one field (or the whole node when `field` is omitted), errors first. */
export function FieldMessages({ issues, field }: { issues: readonly Issue[]; field?: string }) {
  const shown = issues.filter((i) =>
    field === undefined ? true : i.path?.field === field || i.path?.field?.startsWith(`${field}[`),
  );
  if (shown.length === 0) return null;
  return (
    <ul
      className="inspector__messages"
      data-testid={field ? `inspector-messages-${field}` : 'inspector-messages'}
    >
      {shown.map((i, n) => (
        <li key={n} className={`inspector__message inspector__message--${i.severity}`}>
          {i.message}
          {i.hint && <span className="inspector__hint"> {i.hint}</span>}
        </li>
      ))}
    </ul>
  );
}

export function Row({ label, children, htmlFor }: { label: string; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="inspector__row">
      <label className="inspector__label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="inspector__value">{children}</div>
    </div>
  );
}

/** A text box that commits on Enter or when it loses focus; Escape restores the value. */
export function TextField({
  label,
  value,
  onCommit,
  testId,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  testId?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  // A new value from the store (undo, another edit) replaces the draft.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = (): void => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <Row label={label} htmlFor={id}>
      <input
        id={id}
        type="text"
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value);
        }}
        data-testid={testId}
      />
    </Row>
  );
}

/** A number box that commits on Enter or blur; text that is not a number is not committed. */
export function NumberField({
  label,
  value,
  onCommit,
  testId,
  min,
  max,
  step,
  inline = false,
}: {
  label: string;
  value: number | null;
  onCommit: (value: number | null) => void;
  testId?: string;
  min?: number;
  max?: number;
  step?: number;
  inline?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value === null ? '' : String(value));
  }
  const commit = (): void => {
    const text = draft.trim();
    const next = text === '' ? null : Number(text);
    if (next !== null && !Number.isFinite(next)) return;
    if (next !== value) onCommit(next);
  };
  const input = (
    <input
      id={id}
      type="number"
      value={draft}
      min={min}
      max={max}
      step={step}
      aria-label={inline ? label : undefined}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(value === null ? '' : String(value));
      }}
      data-testid={testId}
    />
  );
  return inline ? (
    input
  ) : (
    <Row label={label} htmlFor={id}>
      {input}
    </Row>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  disabled,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <Row label={label} htmlFor={id}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as T)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  testId,
  title,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  title?: string;
}) {
  return (
    <label className="inspector__check" title={title}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        data-testid={testId}
      />{' '}
      {label}
    </label>
  );
}

/** "storageGib" → "Storage GiB", "kmsKeyId" → "KMS key": field names for the generic editor. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => {
      const lower = w.toLowerCase();
      if (['gib', 'gb'].includes(lower)) return 'GiB';
      if (['kms', 'ssl', 'asn', 'ip', 'waf', 'az', 'iops', 'sql', 'vpc'].includes(lower))
        return lower.toUpperCase();
      if (lower === 'mibps') return 'MiB/s';
      if (lower === 'id') return '';
      return lower;
    })
    .filter(Boolean)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
