import { useMemo } from 'react';
import { listPinChoices, type PinChoice } from '../../../core/sizing/pin-choices';
import { priceContextFor, selectSnapshot } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import type { InventoryRow } from './inventory-rows';

const GROUP_LABEL: Readonly<Record<PinChoice['group'], string>> = {
  fits: 'Meet the requirement (cheapest first)',
  'too-small': 'Smaller than the requirement',
  'previous-generation': 'Previous generation',
};

/**
 * Pin another instance type: every type priced for the server's licence, with its hourly price
 * (all vCPUs active), grouped by whether it meets the requirement. "Sizing chooses" clears the pin.
 */
export function PinSelect({
  row,
  busy,
  onPin,
}: {
  row: InventoryRow;
  busy: boolean;
  onPin: (type: string | null) => void;
}) {
  const server = useAppStore((s) => s.project.inventory.servers.find((x) => x.id === row.serverId));
  const snapshot = useAppStore(selectSnapshot);
  const choices = useMemo(
    () =>
      server && snapshot && row.requiredVcpu !== null && row.requiredMemoryGib !== null
        ? listPinChoices(
            server,
            { vcpu: row.requiredVcpu, memoryGib: row.requiredMemoryGib },
            priceContextFor(snapshot),
          )
        : [],
    [server, snapshot, row.requiredVcpu, row.requiredMemoryGib],
  );
  const groups = (['fits', 'too-small', 'previous-generation'] as const).map((g) => ({
    group: g,
    items: choices.filter((c) => c.group === g),
  }));
  return (
    <label className="inventory__pin">
      Instance type:{' '}
      <select
        value={row.pinnedInstanceType ?? ''}
        disabled={busy || choices.length === 0}
        onChange={(e) => onPin(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        data-testid={`inventory-pin-${row.serverId}`}
      >
        <option value="">
          Sizing chooses{row.recommendedInstanceType ? ` (${row.recommendedInstanceType})` : ''}
        </option>
        {groups.map(
          (g) =>
            g.items.length > 0 && (
              <optgroup key={g.group} label={GROUP_LABEL[g.group]}>
                {g.items.map((c) => (
                  <option key={c.instanceType} value={c.instanceType}>
                    {c.instanceType} — {c.vcpu} vCPU, {c.memoryGib} GiB — ${c.hourlyUsd}/h
                    {c.derivedPrice ? ' †' : ''}
                  </option>
                ))}
              </optgroup>
            ),
        )}
      </select>
      {row.pinnedInstanceType !== null && row.pinMeetsRequirement === false && (
        <span className="inventory__warn"> below the requirement</span>
      )}
    </label>
  );
}
