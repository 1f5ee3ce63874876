import { type ReactNode, useMemo, useState } from 'react';
import { selectAnalysis } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import {
  type SortKey,
  type SortOrder,
  buildInventoryRows,
  nextSortOrder,
  sortInventoryRows,
} from './inventory-rows';

interface SortButton {
  key: SortKey;
  label: string;
  title: string;
}

/**
 * Ten figures per server in a side panel: name/role and instance/price share a cell (two lines),
 * each with its own sort button, so the table fits without scrolling sideways.
 */
interface Column {
  id: string;
  numeric: boolean;
  sorts: readonly SortButton[];
}

const COLUMNS: readonly Column[] = [
  {
    id: 'server',
    numeric: false,
    sorts: [
      { key: 'name', label: 'Server', title: 'Server name as in the customer file' },
      { key: 'role', label: 'role', title: 'What the server does' },
    ],
  },
  { id: 'vcpu', numeric: true, sorts: [{ key: 'vcpu', label: 'vCPU', title: 'vCPUs on premises' }] },
  {
    id: 'memory',
    numeric: true,
    sorts: [{ key: 'memoryGib', label: 'GiB', title: 'Memory on premises (GiB)' }],
  },
  {
    id: 'storage',
    numeric: true,
    sorts: [{ key: 'storageGib', label: 'Disk', title: 'Storage on premises (GiB)' }],
  },
  {
    id: 'cpu',
    numeric: true,
    sorts: [{ key: 'cpuP95Pct', label: 'CPU', title: '95th-percentile CPU utilisation (%)' }],
  },
  {
    id: 'mem',
    numeric: true,
    sorts: [{ key: 'memoryP95Pct', label: 'Mem', title: '95th-percentile memory utilisation (%)' }],
  },
  { id: 'sql', numeric: false, sorts: [{ key: 'sqlEdition', label: 'SQL', title: 'SQL Server edition' }] },
  {
    id: 'instance',
    numeric: false,
    sorts: [
      {
        key: 'instanceType',
        label: 'Instance',
        title: 'Recommended EC2 instance type (sizing); hover a row for the rationale',
      },
      {
        key: 'hourlyUsd',
        label: '$/h',
        title:
          'On-Demand USD per hour as priced, Windows (and SQL Server) licence included; † = derived price',
      },
    ],
  },
];

const ROLE_LABEL: Readonly<Record<string, string>> = {
  bot: 'bot runner',
  'control-room': 'control room',
  sql: 'SQL Server',
  web: 'web',
  app: 'app',
  other: 'other',
};

function percent(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

/** The customer's servers with the instance type the sizing recommends for each; sortable by any column. */
export function InventoryTable({ headerAction }: { headerAction?: ReactNode }) {
  const servers = useAppStore((s) => s.project.inventory.servers);
  const importedFrom = useAppStore((s) => s.project.inventory.importedFrom);
  const topology = useAppStore((s) => s.project.topology);
  const analysis = useAppStore(selectAnalysis);
  const [order, setOrder] = useState<SortOrder | null>(null);
  const rows = useMemo(() => {
    const built = buildInventoryRows(servers, analysis?.sizing ?? null, topology);
    return order ? sortInventoryRows(built, order) : built;
  }, [servers, analysis, topology, order]);

  return (
    <section className="panel inventory" aria-labelledby="inventory-heading">
      <header className="panel__header">
        <h2 id="inventory-heading">Inventory</h2>
        <span className="panel__meta">
          {servers.length} server{servers.length === 1 ? '' : 's'}
          {importedFrom ? ` · ${importedFrom.fileName}` : ''}
        </span>
        {headerAction}
      </header>
      {servers.length === 0 ? (
        <p className="panel__empty">
          No servers yet. Use “Import CSV…” with one row per server: name, role, os, vcpu, memory_gib,
          storage_gib, cpu_p95_pct, memory_p95_pct, sql_edition.
        </p>
      ) : (
        <div className="inventory__scroll">
          <table className="inventory__table" data-testid="inventory-table">
            <thead>
              <tr>
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
              {rows.map((r) => (
                <tr key={r.serverId} data-testid={`inventory-row-${r.serverId}`}>
                  <td className="inventory__server" title={`${r.name} (${ROLE_LABEL[r.role] ?? r.role})`}>
                    <div className="inventory__name">{r.name}</div>
                    <div className="inventory__sub">{ROLE_LABEL[r.role] ?? r.role}</div>
                  </td>
                  <td className="num">{r.vcpu}</td>
                  <td className="num">{r.memoryGib}</td>
                  <td className="num">{r.storageGib}</td>
                  <td className="num">{percent(r.cpuP95Pct)}</td>
                  <td className="num">{percent(r.memoryP95Pct)}</td>
                  <td>{r.sqlEdition === 'none' ? '—' : r.sqlEdition}</td>
                  <td className="inventory__instance" title={r.rationale ?? undefined}>
                    <div className="inventory__type" data-testid="inventory-instance-type">
                      {r.instanceType ?? (analysis ? 'no fit' : '…')}
                    </div>
                    <div
                      className="inventory__sub"
                      title={
                        r.derivedPrice
                          ? 'Derived licence-included price (see the provenance line under the estimate)'
                          : undefined
                      }
                    >
                      {r.hourlyUsd !== null ? `$${r.hourlyUsd}/h${r.derivedPrice ? ' †' : ''}` : '—'}
                    </div>
                    {r.designInstanceType !== null && (
                      <div
                        className="inventory__design"
                        title="SQL Server availability-group replicas all run the largest type sized for any of them, so each can take over the primary's load."
                      >
                        design: {r.designInstanceType}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
