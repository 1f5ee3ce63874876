import { Fragment, type ReactNode, useMemo, useState } from 'react';
import { SERVER_ROLES, SQL_EDITIONS, type ServerRole, type SqlEdition } from '../../../core/model/inventory';
import { selectAnalysis } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import { PinSelect } from './pin-select';
import { TemplateLinks } from './template-links';
import {
  type InventoryRow,
  type SortKey,
  type SortOrder,
  buildInventoryRows,
  deltaText,
  nextSortOrder,
  sortInventoryRows,
  sourceLabel,
} from './inventory-rows';
import './inventory.css';

interface SortButton {
  key: SortKey;
  label: string;
  title: string;
}

/**
 * Current figures per server beside the recommendation, in a side panel: name/role and
 * instance/price share a cell (two lines), each with its own sort button, so the table fits without
 * scrolling sideways. A row expands to the rationale, the alternatives and the pin menu.
 */
interface Column {
  id: string;
  numeric: boolean;
  /** Width in pixels: the table lays out fixed, so an expanded row wraps inside the panel. */
  width: number;
  sorts: readonly SortButton[];
}

const COLUMNS: readonly Column[] = [
  {
    id: 'server',
    numeric: false,
    width: 112,
    sorts: [
      { key: 'name', label: 'Server', title: 'Server name as in the customer file' },
      {
        key: 'role',
        label: 'role',
        title: 'What the server does (editable; italic = inferred from the file)',
      },
    ],
  },
  {
    id: 'vcpu',
    numeric: true,
    width: 38,
    sorts: [{ key: 'vcpu', label: 'vCPU', title: 'vCPUs on premises' }],
  },
  {
    id: 'memory',
    numeric: true,
    width: 34,
    sorts: [{ key: 'memoryGib', label: 'GiB', title: 'Memory on premises (GiB)' }],
  },
  {
    id: 'storage',
    numeric: true,
    width: 40,
    sorts: [{ key: 'storageGib', label: 'Disk', title: 'Storage on premises (GiB)' }],
  },
  {
    id: 'cpu',
    numeric: true,
    width: 38,
    sorts: [
      {
        key: 'cpuPct',
        label: 'CPU',
        title: 'CPU utilisation sizing used (%); * = a fallback figure, hover for which',
      },
    ],
  },
  {
    id: 'mem',
    numeric: true,
    width: 38,
    sorts: [
      {
        key: 'memoryPct',
        label: 'Mem',
        title: 'Memory utilisation sizing used (%); SQL Server keeps its memory',
      },
    ],
  },
  {
    id: 'sql',
    numeric: false,
    width: 44,
    sorts: [{ key: 'sqlEdition', label: 'SQL', title: 'SQL Server edition (editable)' }],
  },
  {
    id: 'instance',
    numeric: false,
    width: 98,
    sorts: [
      {
        key: 'instanceType',
        label: 'Recommended',
        title:
          'Recommended EC2 instance type and its vCPU (active/total) and memory; expand a row (▸) for why, and to pin another type',
      },
    ],
  },
  {
    id: 'price',
    numeric: true,
    width: 52,
    sorts: [
      {
        key: 'hourlyUsd',
        label: '$/h',
        title:
          'On-Demand USD per hour as priced, Windows (and SQL Server) licence included, Optimize CPUs applied; † = derived price',
      },
    ],
  },
];

const TOGGLE_WIDTH = 16;

const ROLE_LABEL: Readonly<Record<ServerRole, string>> = {
  bot: 'bot runner',
  'control-room': 'control room',
  sql: 'SQL Server',
  web: 'web',
  app: 'app',
  other: 'other',
};

const EDITION_LABEL: Readonly<Record<SqlEdition, string>> = {
  none: '—',
  express: 'Express',
  web: 'Web',
  standard: 'Std',
  enterprise: 'Ent',
};

const EDITION_TITLE: Readonly<Record<SqlEdition, string>> = {
  none: 'No SQL Server',
  express: 'SQL Server Express (free)',
  web: 'SQL Server Web, licence included',
  standard: 'SQL Server Standard, licence included',
  enterprise: 'SQL Server Enterprise, licence included',
};

const CONFIDENCE_LABEL = { high: 'high', medium: 'med', low: 'low' } as const;

const CONFIDENCE_TITLE = {
  high: 'High confidence: CPU and memory measured at the chosen percentile',
  medium: 'Medium confidence: a figure was missing or a fallback was used',
  low: 'Low confidence: little or no utilisation data; sized close to on premises',
} as const;

/** "0.59" → "0.590", "5.354" → "5.354": three decimals keep the column aligned; the tooltip has the exact price. */
function trimPrice(usd: string): string {
  const n = Number(usd);
  return n >= 100 ? n.toFixed(0) : n.toFixed(3);
}

function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 10) / 10}%`;
}

/** The customer's servers with the instance type the sizing recommends for each; sortable, editable. */
export function InventoryTable({ headerAction }: { headerAction?: ReactNode }) {
  // The settled project: 500 rows re-render after an edit's total is on screen, not before.
  const servers = useAppStore((s) => s.settledProject.inventory.servers);
  const importedFrom = useAppStore((s) => s.settledProject.inventory.importedFrom);
  const topology = useAppStore((s) => s.settledProject.topology);
  const percentile = useAppStore((s) => s.settledProject.options.percentile);
  const busy = useAppStore((s) => s.busy !== null);
  const editServer = useAppStore((s) => s.editServer);
  const analysis = useAppStore(selectAnalysis);
  const [order, setOrder] = useState<SortOrder | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => {
    const built = buildInventoryRows(servers, analysis?.sizing ?? null, topology);
    return order ? sortInventoryRows(built, order) : built;
  }, [servers, analysis, topology, order]);
  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel inventory" aria-labelledby="inventory-heading">
      <header className="panel__header">
        <h2 id="inventory-heading">Inventory</h2>
        <span className="panel__meta">
          {servers.length} server{servers.length === 1 ? '' : 's'}
          {importedFrom ? ` · ${importedFrom.fileName}` : ''}
        </span>
        {servers.length > 0 && <TemplateLinks compact />}
        {headerAction}
      </header>
      {analysis?.botRunners && (
        <p
          className={`inventory__runners${analysis.botRunners.extra > 0 ? ' inventory__runners--short' : ''}`}
          data-testid="inventory-runners"
        >
          {analysis.botRunners.rationale}
        </p>
      )}
      {servers.length === 0 ? (
        <div className="panel__empty">
          <p>
            No servers yet. Use “Import inventory…” with the customer’s file: the inventory template (CSV or
            XLSX), a Migration Hub import CSV, or an RVTools export (XLSX, or its vInfo/vCPU/vMemory/vDisk
            CSVs). The format is detected.
          </p>
          <TemplateLinks />
        </div>
      ) : (
        <div className="inventory__scroll">
          <table className="inventory__table inventory__table--fixed" data-testid="inventory-table">
            <colgroup>
              <col style={{ width: TOGGLE_WIDTH }} />
              {COLUMNS.map((c) => (
                <col key={c.id} style={{ width: c.width }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th className="inventory__toggle-head" aria-label="Expand" />
                {COLUMNS.map((c) => {
                  const sorted = order && c.sorts.some((b) => b.key === order.key) ? order.direction : null;
                  return (
                    <th
                      key={c.id}
                      className={c.numeric ? 'num' : undefined}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {c.sorts.map((b, n) => (
                        <button
                          key={b.key}
                          type="button"
                          className={`inventory__sort${n > 0 ? ' inventory__sort--second' : ''}`}
                          title={`${b.title}. Click to sort.`}
                          onClick={() => setOrder((o) => nextSortOrder(o, b.key))}
                          data-testid={`sort-${b.key}`}
                        >
                          {b.label}
                          {order?.key === b.key && (
                            <span className="inventory__arrow" aria-hidden="true">
                              {order.direction === 'asc' ? '▲' : '▼'}
                            </span>
                          )}
                        </button>
                      ))}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const open = expanded.has(r.serverId);
                return (
                  <Fragment key={r.serverId}>
                    <tr
                      data-testid={`inventory-row-${r.serverId}`}
                      className={open ? 'inventory__row--open' : undefined}
                    >
                      <td className="inventory__toggle">
                        <button
                          type="button"
                          aria-expanded={open}
                          aria-label={`${open ? 'Hide' : 'Show'} why ${r.name} is sized this way`}
                          title={
                            open ? 'Hide the rationale' : 'Show the rationale, alternatives and pin menu'
                          }
                          onClick={() => toggle(r.serverId)}
                          data-testid={`inventory-expand-${r.serverId}`}
                        >
                          {open ? '▾' : '▸'}
                        </button>
                      </td>
                      <td className="inventory__server" title={r.name}>
                        <div className="inventory__name">{r.name}</div>
                        <select
                          className={`inventory__select${r.roleInferred ? ' inventory__select--inferred' : ''}`}
                          value={r.role}
                          disabled={busy}
                          aria-label={`Role of ${r.name}`}
                          title={
                            r.roleInferred
                              ? `${ROLE_LABEL[r.role]}: inferred from the file; change it if it is wrong`
                              : ROLE_LABEL[r.role]
                          }
                          onChange={(e) =>
                            void editServer(r.serverId, { role: e.currentTarget.value as ServerRole })
                          }
                          data-testid={`inventory-role-${r.serverId}`}
                        >
                          {SERVER_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABEL[role]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="num">{r.vcpu}</td>
                      <td className="num">{r.memoryGib}</td>
                      <td className="num">{r.storageGib}</td>
                      <td className="num" title={sourceLabel(r.cpuSource, percentile)}>
                        {percent(r.cpuPct)}
                        {r.cpuSource !== null && r.cpuSource !== percentile && (
                          <sup className="inventory__fallback">*</sup>
                        )}
                      </td>
                      <td
                        className="num"
                        title={
                          r.role === 'sql'
                            ? 'SQL Server keeps its memory'
                            : sourceLabel(r.memorySource, percentile)
                        }
                      >
                        {r.role === 'sql' ? 'kept' : percent(r.memoryPct)}
                        {r.role !== 'sql' && r.memorySource !== null && r.memorySource !== percentile && (
                          <sup className="inventory__fallback">*</sup>
                        )}
                      </td>
                      <td>
                        <select
                          className="inventory__select"
                          value={r.sqlEdition}
                          disabled={busy}
                          aria-label={`SQL Server edition of ${r.name}`}
                          title={EDITION_TITLE[r.sqlEdition]}
                          onChange={(e) =>
                            void editServer(r.serverId, { sqlEdition: e.currentTarget.value as SqlEdition })
                          }
                          data-testid={`inventory-sql-${r.serverId}`}
                        >
                          {SQL_EDITIONS.map((ed) => (
                            <option key={ed} value={ed} title={EDITION_TITLE[ed]}>
                              {EDITION_LABEL[ed]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="inventory__instance" title={r.rationale ?? undefined}>
                        <div className="inventory__type" data-testid="inventory-instance-type">
                          {r.instanceType ?? (analysis ? 'no fit' : '…')}
                          {r.pinnedInstanceType !== null && (
                            <span
                              className="inventory__pin-mark"
                              title="Pinned by the architect"
                              aria-label="pinned"
                            >
                              {' '}
                              ●
                            </span>
                          )}
                        </div>
                        <div className="inventory__sub">
                          {r.chosenVcpu !== null
                            ? `${r.activeVcpu !== null && r.activeVcpu < r.chosenVcpu ? `${r.activeVcpu}/${r.chosenVcpu}` : r.chosenVcpu} vCPU · ${r.chosenMemoryGib} GiB`
                            : ''}
                        </div>
                        {r.designInstanceType !== null && (
                          <div
                            className="inventory__design"
                            title="SQL Server replicas all run the largest type sized for any of them, so each can take over the primary's load."
                          >
                            design: {r.designInstanceType}
                          </div>
                        )}
                      </td>
                      <td
                        className="num"
                        title={
                          r.derivedPrice
                            ? 'Derived licence-included price (see the provenance line under the estimate)'
                            : undefined
                        }
                      >
                        <div>
                          {r.hourlyUsd !== null
                            ? `${trimPrice(r.hourlyUsd)}${r.derivedPrice ? '†' : ''}`
                            : '—'}
                        </div>
                        {r.confidence && (
                          <span
                            className={`inventory__confidence inventory__confidence--${r.confidence}`}
                            title={CONFIDENCE_TITLE[r.confidence]}
                          >
                            {CONFIDENCE_LABEL[r.confidence]}
                          </span>
                        )}
                      </td>
                    </tr>
                    {open && (
                      <DetailRow
                        row={r}
                        busy={busy}
                        onPin={(type) => void editServer(r.serverId, { pinnedInstanceType: type })}
                      />
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The expanded row: the sentence, current vs required vs recommended, every step, alternatives, the pin menu. */
function DetailRow({
  row: r,
  busy,
  onPin,
}: {
  row: InventoryRow;
  busy: boolean;
  onPin: (type: string | null) => void;
}) {
  return (
    <tr className="inventory__detail" data-testid={`inventory-detail-${r.serverId}`}>
      <td />
      <td colSpan={COLUMNS.length}>
        <p className="inventory__rationale" data-testid={`inventory-rationale-${r.serverId}`}>
          {r.rationale ?? 'Prices are loading…'}
        </p>
        <table className="inventory__compare">
          <thead>
            <tr>
              <th />
              <th>vCPU</th>
              <th>Memory</th>
              <th>Per hour</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>On premises</th>
              <td>{r.vcpu}</td>
              <td>{r.memoryGib} GiB</td>
              <td />
            </tr>
            <tr>
              <th>Required</th>
              <td>{r.requiredVcpu ?? '—'}</td>
              <td>{r.requiredMemoryGib !== null ? `${r.requiredMemoryGib} GiB` : '—'}</td>
              <td />
            </tr>
            <tr>
              <th>{r.pinnedInstanceType ? 'Pinned' : 'Recommended'}</th>
              <td>
                {r.chosenVcpu === null
                  ? '—'
                  : r.activeVcpu !== null && r.activeVcpu < r.chosenVcpu
                    ? `${r.activeVcpu} active of ${r.chosenVcpu}`
                    : r.chosenVcpu}
              </td>
              <td>{r.chosenMemoryGib !== null ? `${r.chosenMemoryGib} GiB` : '—'}</td>
              <td>{r.hourlyUsd !== null ? `$${r.hourlyUsd}${r.derivedPrice ? ' (derived)' : ''}` : '—'}</td>
            </tr>
          </tbody>
        </table>
        {r.details.length > 0 && (
          <ul className="inventory__steps">
            {r.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
        {r.alternatives.length > 0 && (
          <p className="inventory__alternatives">
            {r.pinnedInstanceType ? 'Instead: ' : 'Alternatives: '}
            {r.alternatives.map((a, i) => (
              <Fragment key={a.instanceType}>
                {i > 0 && ' · '}
                <button
                  type="button"
                  className="inventory__alt"
                  disabled={busy}
                  title={`Pin ${a.instanceType}`}
                  onClick={() => onPin(a.instanceType)}
                >
                  {a.instanceType}
                </button>{' '}
                <span className="inventory__delta">{deltaText(a.monthlyDeltaUsd)}</span>
              </Fragment>
            ))}
          </p>
        )}
        <PinSelect row={r} busy={busy} onPin={onPin} />
      </td>
    </tr>
  );
}
