import { memo, useId, useMemo } from 'react';
import { PARENT_RULES } from '../../../core/edit/containment';
import { validateNode, validateSecurityGroup } from '../../../core/edit/validate-node';
import type { Issue } from '../../../core/model/issue';
import type {
  Ec2Node,
  SecurityGroupRule,
  Topology,
  TopologyNode,
  Volume,
} from '../../../core/model/topology';
import { isGroupKind } from '../../../core/model/topology';
import { monthlyByResource } from '../../../core/pricing/estimate';
import type { CheckResult } from '../../../core/security/evaluate';
import { formatUsd } from '../../../core/util/money';
import { priceContextFor, selectChecks, selectEstimate, selectSnapshot } from '../../store/analysis';
import { useAppStore } from '../../store/store-context';
import { toneOf } from '../findings/findings-view';
import { CheckField, FieldMessages, NumberField, Row, SelectField, TextField, fieldLabel } from './fields';
import { type InstanceChoice, instanceChoices } from './instance-choices';
import './inspector.css';

const KIND_LABELS: Partial<Record<TopologyNode['kind'], string>> = {
  'ec2-instance': 'EC2 instance',
  'load-balancer': 'Load balancer',
  'nat-gateway': 'NAT gateway',
  's3-bucket': 'S3 bucket',
  'kms-key': 'KMS key',
  'vpn-connection': 'Site-to-Site VPN',
  'vpc-endpoint': 'VPC endpoint',
  'availability-zone': 'Availability Zone',
  'service-group': 'Group of services',
};

function kindLabel(kind: TopologyNode['kind']): string {
  return KIND_LABELS[kind] ?? fieldLabel(kind.replace(/-/g, ' '));
}

/** Several hundred priced types: memoised, so an edit re-renders the select, not every option. */
const InstanceOptions = memo(function InstanceOptions({ choices }: { choices: readonly InstanceChoice[] }) {
  return choices.map((c) => (
    <option key={c.instanceType} value={c.instanceType}>
      {`${c.instanceType} · ${c.vcpu} vCPU, ${c.memoryGib} GiB · ${formatUsd(c.monthlyUsd)}/mo${c.derivedPrice ? ' (derived)' : ''}${c.group === 'previous-generation' ? ' · previous gen' : ''}`}
    </option>
  ));
});

/** The instance type picker: every type the active snapshot prices for this node's licence, with its monthly price. */
function InstanceTypeField({ node, issues }: { node: Ec2Node; issues: readonly Issue[] }) {
  const snapshot = useAppStore(selectSnapshot);
  const setInstanceType = useAppStore((s) => s.setInstanceType);
  const choices = useMemo(
    () => (snapshot ? instanceChoices(node, priceContextFor(snapshot)) : []),
    // The choices depend on the licence and OS only, not on the rest of the node.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [snapshot, node.sqlEdition, node.sqlLicense, node.operatingSystem],
  );
  const known = choices.some((c) => c.instanceType === node.instanceType);
  const id = useId();
  return (
    <>
      <Row label="Instance type" htmlFor={id}>
        <select
          id={id}
          value={node.instanceType}
          disabled={!snapshot}
          onChange={(e) => setInstanceType(node.id, e.currentTarget.value)}
          data-testid="inspector-instance-type"
        >
          {!known && (
            <option value={node.instanceType}>{node.instanceType} (not priced in this snapshot)</option>
          )}
          <InstanceOptions choices={choices} />
        </select>
      </Row>
      <p className="inspector__note">
        On-Demand, 730 h, {node.operatingSystem === 'linux' ? 'Linux' : 'Windows'}
        {node.sqlEdition !== 'none' && node.sqlLicense === 'license-included'
          ? ` with SQL Server ${node.sqlEdition}`
          : ''}
        , from the{' '}
        {snapshot ? `${snapshot.region} snapshot of ${snapshot.builtAt.slice(0, 10)}` : 'price snapshot'}.
        {node.serverId !== null ? ' Choosing a type pins the inventory server to it.' : ''}
      </p>
      <FieldMessages issues={issues} field="instanceType" />
    </>
  );
}

function VolumesField({ node, issues }: { node: Ec2Node; issues: readonly Issue[] }) {
  const setVolumes = useAppStore((s) => s.setVolumes);
  const change = (index: number, patch: Partial<Volume>): void => {
    setVolumes(
      node.id,
      node.volumes.map((v, i) => (i === index ? { ...v, ...patch } : v)),
    );
  };
  return (
    <div className="inspector__block">
      <div className="inspector__block-title">Volumes</div>
      <table className="inspector__table" data-testid="inspector-volumes">
        <thead>
          <tr>
            <th>Drive</th>
            <th>GiB</th>
            <th>IOPS</th>
            <th>MiB/s</th>
            <th title="Encrypted">Enc.</th>
          </tr>
        </thead>
        <tbody>
          {node.volumes.map((v, i) => (
            <tr key={`${v.device}-${i}`}>
              <td title={`${v.device} · ${v.type}`}>{v.name}</td>
              <td>
                <NumberField
                  inline
                  label={`${v.name} size in GiB`}
                  value={v.sizeGib}
                  min={1}
                  onCommit={(n) => n !== null && change(i, { sizeGib: n })}
                  testId={`inspector-volume-${i}-size`}
                />
              </td>
              <td>
                <NumberField
                  inline
                  label={`${v.name} IOPS`}
                  value={v.iops}
                  onCommit={(n) => n !== null && change(i, { iops: n })}
                />
              </td>
              <td>
                <NumberField
                  inline
                  label={`${v.name} throughput`}
                  value={v.throughputMiBps}
                  onCommit={(n) => n !== null && change(i, { throughputMiBps: n })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${v.name} encrypted`}
                  checked={v.encrypted}
                  onChange={(e) => change(i, { encrypted: e.currentTarget.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldMessages issues={issues} field="volumes" />
    </div>
  );
}

function describeRule(topology: Topology, r: SecurityGroupRule): string {
  const ports =
    r.protocol === 'all'
      ? 'all traffic'
      : r.protocol === 'icmp'
        ? 'ICMP'
        : `${r.protocol.toUpperCase()} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}–${r.toPort}`}`;
  const source = r.source;
  const peer =
    source.kind === 'cidr'
      ? source.cidr
      : (topology.securityGroups.find((g) => g.id === source.securityGroupId)?.name ??
        source.securityGroupId);
  return `${ports} · ${peer}`;
}

/** The node's security groups with their rules; a rule can be removed (undo brings it back). */
function SecurityGroupsField({ topology, ids }: { topology: Topology; ids: readonly string[] }) {
  const updateSecurityGroup = useAppStore((s) => s.updateSecurityGroup);
  const groups = topology.securityGroups.filter((g) => ids.includes(g.id));
  if (groups.length === 0) return null;
  return (
    <div className="inspector__block" data-testid="inspector-security-groups">
      {groups.map((g) => {
        const issues = validateSecurityGroup(topology, g);
        return (
          <div key={g.id} className="inspector__sg">
            <div className="inspector__block-title" title={g.description}>
              Security group: {g.name}
            </div>
            {(['ingress', 'egress'] as const).map((list) => (
              <ul key={list} className="inspector__rules" aria-label={`${g.name} ${list}`}>
                {g[list].length === 0 && (
                  <li className="muted">{list === 'ingress' ? 'No inbound rules' : 'No outbound rules'}</li>
                )}
                {g[list].map((r, i) => (
                  <li key={i} title={r.description}>
                    <span className="inspector__dir">{list === 'ingress' ? 'in' : 'out'}</span>{' '}
                    {describeRule(topology, r)}
                    <button
                      type="button"
                      className="inspector__remove"
                      aria-label={`Remove ${list} rule ${i + 1} of ${g.name}`}
                      title="Remove this rule"
                      onClick={() => updateSecurityGroup({ ...g, [list]: g[list].filter((_, j) => j !== i) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ))}
            <FieldMessages issues={issues} />
          </div>
        );
      })}
    </div>
  );
}

/** Where the node sits: AZ and subnet pickers for resources that live in a subnet. */
function PlacementFields({ node, topology }: { node: Ec2Node | TopologyNode; topology: Topology }) {
  const setZone = useAppStore((s) => s.setZone);
  const dropNodes = useAppStore((s) => s.dropNodes);
  const rule = PARENT_RULES[node.kind];
  if (rule.kind !== 'subnet') return null;
  const subnets = topology.nodes.filter(
    (n): n is Extract<TopologyNode, { kind: 'subnet' }> => n.kind === 'subnet' && rule.tiers.includes(n.tier),
  );
  const parent = topology.nodes.find((n) => n.id === node.parentId);
  const zones = [...new Set(subnets.map((s) => s.zone))];
  const zone = parent?.kind === 'subnet' ? parent.zone : '';
  return (
    <>
      <SelectField
        label="Availability Zone"
        value={zone}
        options={zones.map((z) => ({ value: z, label: z }))}
        onChange={(z) => setZone(node.id, z)}
        testId="inspector-zone"
      />
      <SelectField
        label="Subnet"
        value={node.parentId ?? ''}
        options={subnets.map((s) => ({ value: s.id, label: `${s.name} (${s.cidr})` }))}
        onChange={(id) => dropNodes([{ id: node.id, parentId: id, x: 16, y: 44 }])}
        testId="inspector-subnet"
      />
    </>
  );
}

const SKIP_FIELDS = new Set(['id', 'kind', 'parentId', 'name', 'serverId', 'zone', 'instanceType']);

/** Plain fields (text, numbers, flags) of any node, for the kinds without their own editor. */
function GenericFields({ node, issues }: { node: TopologyNode; issues: readonly Issue[] }) {
  const updateNode = useAppStore((s) => s.updateNode);
  const entries = Object.entries(node).filter(([k]) => !SKIP_FIELDS.has(k));
  return (
    <>
      {entries.map(([key, value]) => {
        const label = fieldLabel(key);
        if (typeof value === 'boolean')
          return (
            <CheckField
              key={key}
              label={label}
              checked={value}
              onChange={(checked) => updateNode(node.id, { [key]: checked })}
              testId={`inspector-${key}`}
            />
          );
        if (typeof value === 'number')
          return (
            <div key={key}>
              <NumberField
                label={label}
                value={value}
                onCommit={(n) => n !== null && updateNode(node.id, { [key]: n }, `${node.id}:${key}`)}
                testId={`inspector-${key}`}
              />
              <FieldMessages issues={issues} field={key} />
            </div>
          );
        if (typeof value === 'string')
          return (
            <div key={key}>
              <TextField
                label={label}
                value={value}
                onCommit={(t) => updateNode(node.id, { [key]: t }, `${node.id}:${key}`)}
                testId={`inspector-${key}`}
              />
              <FieldMessages issues={issues} field={key} />
            </div>
          );
        return null;
      })}
    </>
  );
}

function NodeFindings({ checks, nodeId }: { checks: readonly CheckResult[]; nodeId: string }) {
  const failing = checks.filter((c) => c.status === 'fail' && c.resources.includes(nodeId));
  if (failing.length === 0) return null;
  return (
    <div className="inspector__block" data-testid="inspector-findings">
      <div className="inspector__block-title">Failing checks</div>
      <ul className="inspector__findings">
        {failing.map((c) => (
          <li key={c.ruleId}>
            <span className={`severity severity--${toneOf(c.severity)}`}>{c.severity}</span>{' '}
            <strong>{c.ruleId}</strong> {c.title}
            <div className="inspector__detail">{c.detail}</div>
            {c.fix && (
              <div className="inspector__fix" data-testid={`inspector-fix-${c.ruleId}`}>
                Fix: {c.fix}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The selected node's properties, editable, with the validation messages beside each field. */
export function InspectorPanel() {
  const selectedIds = useAppStore((s) => s.selectedNodeIds);
  const selectedId = useAppStore((s) => s.selectedNodeId);
  const topology = useAppStore((s) => s.project.topology);
  const estimate = useAppStore(selectEstimate);
  const checks = useAppStore(selectChecks);
  const snapshot = useAppStore(selectSnapshot);
  const updateNode = useAppStore((s) => s.updateNode);
  const deleteSelection = useAppStore((s) => s.deleteSelection);
  const duplicateSelection = useAppStore((s) => s.duplicateSelection);
  const node = selectedId !== null ? topology.nodes.find((n) => n.id === selectedId) : undefined;
  // Only this node's lines: summing all of a 500-node estimate on every edit would cost a frame.
  const cost = useMemo(
    () =>
      estimate && selectedId !== null
        ? monthlyByResource({
            ...estimate,
            lines: estimate.lines.filter((l) => l.resourceId === selectedId),
          }).get(selectedId)
        : undefined,
    [estimate, selectedId],
  );
  const instanceTypes = useMemo(
    () => (snapshot ? new Set(snapshot.instanceTypes.map((t) => t.instanceType)) : undefined),
    [snapshot],
  );
  const issues = useMemo(
    () => (node ? validateNode(topology, node, instanceTypes ? { instanceTypes } : {}) : []),
    [topology, node, instanceTypes],
  );

  let body;
  if (selectedIds.length > 1) {
    body = (
      <div>
        <p className="panel__empty">{selectedIds.length} nodes selected.</p>
        <div className="inspector__actions">
          <button type="button" onClick={() => duplicateSelection()}>
            Duplicate
          </button>
          <button type="button" onClick={() => deleteSelection()}>
            Delete
          </button>
        </div>
      </div>
    );
  } else if (!node) {
    body = (
      <p className="panel__empty">
        Select a node on the canvas to see and change its properties. Drag a resource from the palette above
        the canvas into a subnet to add one.
      </p>
    );
  } else {
    body = (
      <div className="inspector__body" data-testid="inspector-body">
        <div className="inspector__kind">
          {kindLabel(node.kind)}
          {cost !== undefined && (
            <span className="inspector__cost" data-testid="inspector-cost">
              {formatUsd(cost)}/mo
            </span>
          )}
        </div>
        <TextField
          label="Name"
          value={node.name}
          onCommit={(name) => updateNode(node.id, { name }, `${node.id}:name`)}
          testId="inspector-name"
        />
        <FieldMessages issues={issues} field="name" />
        {node.kind === 'ec2-instance' && <InstanceTypeField node={node} issues={issues} />}
        <PlacementFields node={node} topology={topology} />
        {node.kind === 'ec2-instance' ? (
          <>
            <CheckField
              label="Public IP address"
              checked={node.associatePublicIp}
              onChange={(v) => updateNode(node.id, { associatePublicIp: v })}
              testId="inspector-public-ip"
            />
            <CheckField
              label="IMDSv2 required"
              checked={node.imdsV2Required}
              onChange={(v) => updateNode(node.id, { imdsV2Required: v })}
            />
            <CheckField
              label="Auto recovery"
              checked={node.autoRecovery}
              onChange={(v) => updateNode(node.id, { autoRecovery: v })}
            />
            <VolumesField node={node} issues={issues} />
          </>
        ) : (
          !isGroupKind(node.kind) && <GenericFields node={node} issues={issues} />
        )}
        {'securityGroupIds' in node && (
          <SecurityGroupsField topology={topology} ids={node.securityGroupIds} />
        )}
        <FieldMessages
          issues={issues.filter(
            (i) => i.path?.field === undefined || !/^(name|instanceType|volumes)/.test(i.path.field),
          )}
        />
        <NodeFindings checks={checks} nodeId={node.id} />
        {!isGroupKind(node.kind) && (
          <div className="inspector__actions">
            <button type="button" onClick={() => duplicateSelection()} data-testid="inspector-duplicate">
              Duplicate
            </button>
            <button type="button" onClick={() => deleteSelection()} data-testid="inspector-delete">
              Delete
            </button>
          </div>
        )}
      </div>
    );
  }
  return (
    <section className="panel inspector" aria-labelledby="inspector-heading" data-testid="inspector">
      <header className="panel__header">
        <h2 id="inspector-heading">Inspector</h2>
        {node && selectedIds.length <= 1 && (
          <span className="panel__meta" title={node.id}>
            {node.id}
          </span>
        )}
      </header>
      {body}
    </section>
  );
}
