/**
 * Realistic inventory samples generated from one description of an estate, so the RVTools export,
 * its CSV tabs and the Migration Hub import CSV in examples/ describe the same servers and can be
 * regenerated exactly (`node --import tsx scripts/generate-inventory-samples.ts`). The same builders
 * make the 10,000-VM RVTools workbook for `npm run bench` and the large-file tests.
 */
import { buildXlsx } from '../core/inventory/xlsx-write';
import type { CellValue } from '../core/inventory/table';

export interface EstateVm {
  name: string;
  os: string;
  vcpu: number;
  memoryMib: number;
  /** Disk capacities in MiB. */
  disksMib: number[];
  /** CPU use at export, % of the VM's MHz. */
  cpuPct: number;
  cpuAvgPct: number;
  cpuMaxPct: number;
  /** Memory actively used and consumed at export, % of its size. */
  memActivePct: number;
  memConsumedPct: number;
  iopsMax: number;
  annotation: string;
  applications: string[];
  power: 'poweredOn' | 'poweredOff' | 'suspended';
  template: boolean;
  cluster: string;
  host: string;
  folder: string;
  tags: string;
}

const W2019 = 'Microsoft Windows Server 2019 (64-bit)';
const W2016 = 'Microsoft Windows Server 2016 (64-bit)';
const GIB = 1024;

/** The RPA estate of the examples, as a VMware administrator would see it. */
export function exampleEstate(): EstateVm[] {
  const vms: EstateVm[] = [];
  const base = {
    power: 'poweredOn' as const,
    template: false,
    cluster: 'CL-PROD-01',
    folder: 'RPA/Production',
    tags: 'env:prod',
  };
  const bots: [number, number, number, number, number][] = [
    // vCPU, cpu% at export, avg, max, memory active%
    [8, 52, 38, 81, 62],
    [8, 58, 41, 86, 60],
    [8, 63, 44, 90, 66],
    [8, 44, 33, 72, 55],
    [8, 49, 36, 79, 58],
    [8, 55, 40, 84, 64],
    [4, 71, 52, 95, 54],
    [4, 74, 55, 97, 57],
    [4, 28, 17, 49, 48],
    [4, 31, 20, 55, 50],
  ];
  bots.forEach(([vcpu, cpu, avg, max, mem], i) => {
    const n = String(i + 1).padStart(2, '0');
    vms.push({
      ...base,
      name: `IQBOT-PRD-${n}`,
      os: i < 6 ? W2016 : W2019,
      vcpu,
      memoryMib: 16 * GIB,
      disksMib: [100 * GIB, 50 * GIB],
      cpuPct: cpu,
      cpuAvgPct: avg,
      cpuMaxPct: max,
      memActivePct: mem,
      memConsumedPct: 96,
      iopsMax: 420 + i * 15,
      annotation: 'Automation Anywhere Bot Runner (unattended)',
      applications: ['Automation Anywhere Bot Agent 21.210'],
      host: `esx0${(i % 4) + 1}.corp.example.internal`,
      tags: `env:prod, concurrent_automations:${i === 0 ? 2 : 1}`,
    });
  });
  for (const [i, cpu] of [38, 33].entries())
    vms.push({
      ...base,
      name: `CTRLROOM-PRD-0${i + 1}`,
      os: W2019,
      vcpu: 8,
      memoryMib: 32 * GIB,
      disksMib: [100 * GIB, 200 * GIB],
      cpuPct: cpu,
      cpuAvgPct: cpu - 14,
      cpuMaxPct: cpu + 30,
      memActivePct: 58,
      memConsumedPct: 97,
      iopsMax: 900,
      annotation: 'A360 Control Room - web and API tier',
      applications: ['Automation Anywhere Control Room 21.210', 'Internet Information Services 10'],
      host: `esx0${i + 1}.corp.example.internal`,
      tags: 'env:prod, tier:control',
    });
  for (const [i, cpu] of [41, 12].entries())
    vms.push({
      ...base,
      name: `SQLPRD0${i + 1}`,
      os: W2019,
      vcpu: 16,
      memoryMib: 128 * GIB,
      disksMib: [100 * GIB, 1000 * GIB, 300 * GIB, 100 * GIB],
      cpuPct: cpu,
      cpuAvgPct: Math.round(cpu * 0.6),
      cpuMaxPct: Math.min(99, cpu + 35),
      memActivePct: 82,
      memConsumedPct: 99,
      iopsMax: i === 0 ? 7800 : 2400,
      annotation: 'SQL Server 2019 Enterprise - Control Room database (Always On AG)',
      applications: ['Microsoft SQL Server 2019 Enterprise'],
      cluster: 'CL-PROD-DB',
      host: `esxdb0${i + 1}.corp.example.internal`,
      folder: 'Databases',
      tags: 'env:prod, tier:data',
    });
  vms.push({
    ...base,
    name: 'WEB-PRD-01',
    os: W2019,
    vcpu: 4,
    memoryMib: 8 * GIB,
    disksMib: [80 * GIB],
    cpuPct: 22,
    cpuAvgPct: 15,
    cpuMaxPct: 48,
    memActivePct: 45,
    memConsumedPct: 90,
    iopsMax: 300,
    annotation: 'Customer self-service portal (IIS)',
    applications: ['Internet Information Services 10'],
    host: 'esx03.corp.example.internal',
    folder: 'Web',
    tags: 'env:prod',
  });
  vms.push({
    ...base,
    name: 'APP-INTEG-01',
    os: W2019,
    vcpu: 4,
    memoryMib: 16 * GIB,
    disksMib: [100 * GIB, 100 * GIB],
    cpuPct: 18,
    cpuAvgPct: 9,
    cpuMaxPct: 40,
    memActivePct: 38,
    memConsumedPct: 88,
    iopsMax: 350,
    annotation: 'Integration services for the registry application',
    applications: ['Registry Integration Service 4.2'],
    host: 'esx04.corp.example.internal',
    folder: 'Applications',
    tags: 'env:prod',
  });
  vms.push({
    ...base,
    name: 'FS-PRD-01',
    os: W2016,
    vcpu: 2,
    memoryMib: 8 * GIB,
    disksMib: [80 * GIB, 2048 * GIB],
    cpuPct: 6,
    cpuAvgPct: 4,
    cpuMaxPct: 22,
    memActivePct: 30,
    memConsumedPct: 85,
    iopsMax: 600,
    annotation: 'File server: RPA input and output shares',
    applications: ['File Server Resource Manager'],
    host: 'esx02.corp.example.internal',
    folder: 'Infrastructure',
    tags: 'env:prod',
  });
  vms.push({
    ...base,
    name: 'MON-01',
    os: 'Ubuntu Linux (64-bit)',
    vcpu: 2,
    memoryMib: 4 * GIB,
    disksMib: [60 * GIB],
    cpuPct: 11,
    cpuAvgPct: 8,
    cpuMaxPct: 30,
    memActivePct: 40,
    memConsumedPct: 70,
    iopsMax: 120,
    annotation: 'Zabbix monitoring',
    applications: ['Zabbix Server 6.0'],
    host: 'esx01.corp.example.internal',
    folder: 'Infrastructure',
    tags: 'env:prod',
  });
  vms.push({
    ...base,
    name: 'IQBOT-PRD-11',
    os: W2019,
    vcpu: 4,
    memoryMib: 16 * GIB,
    disksMib: [100 * GIB],
    cpuPct: 0,
    cpuAvgPct: 0,
    cpuMaxPct: 0,
    memActivePct: 0,
    memConsumedPct: 0,
    iopsMax: 0,
    annotation: 'Automation Anywhere Bot Runner - spare, powered off',
    applications: ['Automation Anywhere Bot Agent 21.210'],
    power: 'poweredOff',
    host: 'esx04.corp.example.internal',
  });
  vms.push({
    ...base,
    name: 'TPL-WIN2019-GOLD',
    os: W2019,
    vcpu: 2,
    memoryMib: 8 * GIB,
    disksMib: [80 * GIB],
    cpuPct: 0,
    cpuAvgPct: 0,
    cpuMaxPct: 0,
    memActivePct: 0,
    memConsumedPct: 0,
    iopsMax: 0,
    annotation: 'Windows Server 2019 gold image',
    applications: [],
    power: 'poweredOff',
    template: true,
    host: 'esx01.corp.example.internal',
    folder: 'Templates',
  });
  return vms;
}

/** `count` VMs cycling through the example estate's shapes, with unique names: for the 10,000-VM bench. */
export function largeEstate(count: number): EstateVm[] {
  const shapes = exampleEstate().filter((v) => !v.template);
  const out: EstateVm[] = [];
  for (let i = 0; i < count; i++) {
    const s = shapes[i % shapes.length] as EstateVm;
    out.push({ ...s, name: `${s.name}-${String(i).padStart(5, '0')}`, cpuPct: (s.cpuPct + (i % 17)) % 100 });
  }
  return out;
}

const HOST_MHZ = 2600;

// prettier-ignore
export const VINFO_COLUMNS = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Config status', 'DNS Name', 'Connection state', 'Guest state',
  'Heartbeat', 'Consolidation Needed', 'PowerOn', 'Suspended To Memory', 'Suspend time', 'Suspend Interval',
  'Creation date', 'Change Version', 'CPUs', 'Overall Cpu Readiness', 'Memory', 'Active Memory', 'NICs', 'Disks',
  'Total disk capacity MiB', 'Fixed Passthru HotPlug', 'min Required EVC Mode Key', 'Latency Sensitivity',
  'Op Notification Timeout', 'EnableUUID', 'CBT', 'Primary IP Address', 'Network #1', 'Network #2', 'Network #3',
  'Network #4', 'Network #5', 'Network #6', 'Network #7', 'Network #8', 'Num Monitors', 'Video Ram KiB',
  'Resource pool', 'Folder ID', 'Folder', 'vApp', 'DAS protection', 'FT State', 'FT Role', 'FT Latency',
  'FT Bandwidth', 'FT Sec. Latency', 'Vm Failover In Progress', 'Provisioned MiB', 'In Use MiB', 'Unshared MiB',
  'HA Restart Priority', 'HA Isolation Response', 'HA VM Monitoring', 'Cluster rule(s)', 'Cluster rule name(s)',
  'Boot Required', 'Boot delay', 'Boot retry delay', 'Boot retry enabled', 'Boot BIOS setup', 'Reboot PowerOff',
  'EFI Secure boot', 'Firmware', 'HW version', 'HW upgrade status', 'HW upgrade policy', 'HW target', 'Path',
  'Log directory', 'Snapshot directory', 'Suspend directory', 'Annotation', 'Backup status', 'ClusterInvariantVMMId',
  'Last backup', 'Datacenter', 'Cluster', 'Host', 'OS according to the configuration file',
  'OS according to the VMware Tools', 'Customization Info', 'Guest Detailed Data', 'VM ID', 'SMBIOS UUID', 'VM UUID',
  'VI SDK Server type', 'VI SDK API Version', 'VI SDK Server', 'VI SDK UUID',
];
// prettier-ignore
const VM_TAIL = [
  'Annotation', 'Backup status', 'ClusterInvariantVMMId', 'Last backup', 'Datacenter', 'Cluster', 'Host', 'Folder',
  'OS according to the configuration file', 'OS according to the VMware Tools', 'VM ID', 'VM UUID', 'VI SDK Server',
  'VI SDK UUID',
];
// prettier-ignore
export const VCPU_COLUMNS = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Sockets', 'Cores p/s', 'Max', 'Overall', 'Level',
  'Shares', 'Reservation', 'Entitlement', 'DRS Entitlement', 'Limit', 'Hot Add', 'Hot Remove', 'Numa Hotadd Exposed',
  ...VM_TAIL,
];
// prettier-ignore
export const VMEMORY_COLUMNS = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Size MiB', 'Memory Reservation Locked To Max', 'Overhead', 'Max',
  'Consumed', 'Consumed Overhead', 'Private', 'Shared', 'Swapped', 'Ballooned', 'Active', 'Entitlement',
  'DRS Entitlement', 'Level', 'Shares', 'Reservation', 'Limit', 'Hot Add', ...VM_TAIL,
];
// prettier-ignore
export const VDISK_COLUMNS = [
  'VM', 'Powerstate', 'Template', 'SRM Placeholder', 'Disk', 'Disk Key', 'Disk UUID', 'Disk Path', 'Capacity MiB',
  'Raw', 'Disk Mode', 'Sharing mode', 'Thin', 'Eagerly Scrub', 'Split', 'Write Through', 'Level', 'Shares',
  'Reservation', 'Limit', 'Controller', 'Label', 'SCSI Unit #', 'Unit #', 'Shared Bus', 'Path', 'Raw LUN ID',
  'Raw Comp. Mode', 'Internal Sort Column', ...VM_TAIL,
];

function uuid(i: number, salt: number): string {
  const h = (n: number) => ((n * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0');
  const a = h(i + 1);
  const b = h(i + 7919);
  const c = h(i + 104729);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c}${a.slice(0, 4)}`;
}

function row(columns: readonly string[], values: Record<string, CellValue>): CellValue[] {
  return columns.map((c) => values[c] ?? null);
}

/** The four tabs the import reads, with every column RVTools 4.x writes, as rows (header first). */
export function rvtoolsTabs(
  vms: readonly EstateVm[],
): Record<'vInfo' | 'vCPU' | 'vMemory' | 'vDisk', CellValue[][]> {
  const vInfo: CellValue[][] = [[...VINFO_COLUMNS]];
  const vCPU: CellValue[][] = [[...VCPU_COLUMNS]];
  const vMemory: CellValue[][] = [[...VMEMORY_COLUMNS]];
  const vDisk: CellValue[][] = [[...VDISK_COLUMNS]];
  vms.forEach((vm, i) => {
    const on = vm.power === 'poweredOn';
    const id = `vm-${1000 + i}`;
    const vmUuid = uuid(i, 1);
    const total = vm.disksMib.reduce((a, b) => a + b, 0);
    const tail: Record<string, CellValue> = {
      Annotation: vm.annotation,
      'Backup status': on ? 'OK' : null,
      Datacenter: 'DC-MUMBAI',
      Cluster: vm.cluster,
      Host: vm.host,
      Folder: vm.folder,
      'OS according to the configuration file': vm.os,
      'OS according to the VMware Tools': on ? vm.os : null,
      'VM ID': id,
      'VM UUID': vmUuid,
      'VI SDK Server': 'vcenter01.corp.example.internal',
      'VI SDK UUID': 'b1946ac9-2cbd-4c2f-9f5e-7a3cbd0c1f55',
    };
    const common = { VM: vm.name, Powerstate: vm.power, Template: vm.template, 'SRM Placeholder': false };
    vInfo.push(
      row(VINFO_COLUMNS, {
        ...common,
        ...tail,
        'Config status': 'green',
        'DNS Name': on ? `${vm.name.toLowerCase()}.corp.example.internal` : null,
        'Connection state': 'connected',
        'Guest state': on ? 'running' : 'notRunning',
        Heartbeat: on ? 'green' : 'gray',
        'Consolidation Needed': false,
        PowerOn: on ? '2026/09/14 03:12:45' : null,
        'Creation date': '2023/02/01 10:00:00',
        CPUs: vm.vcpu,
        'Overall Cpu Readiness': on ? 0.4 : 0,
        Memory: vm.memoryMib,
        'Active Memory': on ? Math.round((vm.memoryMib * vm.memActivePct) / 100) : 0,
        NICs: 1,
        Disks: vm.disksMib.length,
        'Total disk capacity MiB': total,
        'Latency Sensitivity': 'normal',
        EnableUUID: true,
        CBT: true,
        'Primary IP Address': on ? `10.40.${Math.floor(i / 250) % 250}.${(i % 250) + 4}` : null,
        'Network #1': 'VLAN-140-PROD',
        'Num Monitors': 1,
        'Video Ram KiB': 8192,
        'Resource pool': 'Resources',
        'Folder ID': 'group-v101',
        'DAS protection': true,
        'FT State': 'notConfigured',
        'Provisioned MiB': total + vm.memoryMib,
        'In Use MiB': Math.round(total * 0.62) + (on ? vm.memoryMib : 0),
        'Unshared MiB': Math.round(total * 0.62),
        'HA Restart Priority': 'medium',
        'HA Isolation Response': 'none',
        'HA VM Monitoring': 'vmMonitoringDisabled',
        'EFI Secure boot': true,
        Firmware: 'efi',
        'HW version': 'vmx-19',
        Path: `[DS-PROD-01] ${vm.name}/${vm.name}.vmx`,
      }),
    );
    const cores = vm.vcpu >= 2 ? 2 : 1;
    vCPU.push(
      row(VCPU_COLUMNS, {
        ...common,
        ...tail,
        CPUs: vm.vcpu,
        Sockets: vm.vcpu / cores,
        'Cores p/s': cores,
        Max: vm.vcpu * HOST_MHZ,
        Overall: on ? Math.round((vm.vcpu * HOST_MHZ * vm.cpuPct) / 100) : 0,
        Level: 'normal',
        Shares: vm.vcpu * 1000,
        Reservation: 0,
        Entitlement: on ? vm.vcpu * HOST_MHZ : 0,
        Limit: -1,
        'Hot Add': false,
        'Hot Remove': false,
      }),
    );
    vMemory.push(
      row(VMEMORY_COLUMNS, {
        ...common,
        ...tail,
        'Size MiB': vm.memoryMib,
        'Memory Reservation Locked To Max': false,
        Overhead: on ? 94 : 0,
        Max: vm.memoryMib,
        Consumed: on ? Math.round((vm.memoryMib * vm.memConsumedPct) / 100) : 0,
        'Consumed Overhead': on ? 48 : 0,
        Private: on ? Math.round((vm.memoryMib * vm.memConsumedPct) / 100) : 0,
        Shared: 0,
        Swapped: 0,
        Ballooned: 0,
        Active: on ? Math.round((vm.memoryMib * vm.memActivePct) / 100) : 0,
        Level: 'normal',
        Shares: vm.memoryMib * 10,
        Reservation: 0,
        Limit: -1,
        'Hot Add': false,
      }),
    );
    vm.disksMib.forEach((cap, d) =>
      vDisk.push(
        row(VDISK_COLUMNS, {
          ...common,
          ...tail,
          Disk: `Hard disk ${d + 1}`,
          'Disk Key': 2000 + d,
          'Disk UUID': uuid(i * 8 + d, 2),
          'Disk Path': `[DS-PROD-0${(d % 3) + 1}] ${vm.name}/${vm.name}${d === 0 ? '' : `_${d}`}.vmdk`,
          'Capacity MiB': cap,
          Raw: false,
          'Disk Mode': 'persistent',
          'Sharing mode': 'sharingNone',
          Thin: d > 0,
          'Eagerly Scrub': false,
          Split: false,
          'Write Through': false,
          Level: 'normal',
          Shares: 1000,
          Limit: -1,
          Controller: 'SCSI controller 0',
          Label: `Hard disk ${d + 1}`,
          'SCSI Unit #': d,
          'Unit #': d,
          'Shared Bus': 'noSharing',
          'Internal Sort Column': `${vm.name}-${d}`,
        }),
      ),
    );
  });
  return { vInfo, vCPU, vMemory, vDisk };
}

/** An RVTools-shaped workbook: the four tabs plus vMetaData, as "Export all to Excel" writes them. */
export function buildRvtoolsXlsx(vms: readonly EstateVm[]): Uint8Array {
  const tabs = rvtoolsTabs(vms);
  return buildXlsx([
    { name: 'vInfo', rows: tabs.vInfo, freezeHeader: true },
    { name: 'vCPU', rows: tabs.vCPU, freezeHeader: true },
    { name: 'vMemory', rows: tabs.vMemory, freezeHeader: true },
    { name: 'vDisk', rows: tabs.vDisk, freezeHeader: true },
    {
      name: 'vMetaData',
      rows: [
        ['RVTools major version', 'RVTools version', 'xlsx creation datetime', 'Server'],
        [4, '4.6.1', '2026/11/20 09:30:00', 'vcenter01.corp.example.internal'],
      ],
    },
  ]);
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  const s = typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The same tabs as RVTools' "Export all to csv": RVTools_tab<tab>.csv, comma-separated, UTF-8 with a BOM. */
export function rvtoolsCsvFiles(vms: readonly EstateVm[]): { name: string; text: string }[] {
  const tabs = rvtoolsTabs(vms);
  return (Object.keys(tabs) as (keyof typeof tabs)[]).map((tab) => ({
    name: `RVTools_tab${tab}.csv`,
    text: `\uFEFF${tabs[tab].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`,
  }));
}

// prettier-ignore
export const MIGRATION_HUB_HEADER = [
  'ExternalId', 'SMBiosId', 'IPAddress', 'MACAddress', 'HostName', 'VMware.MoRefId', 'VMware.VCenterId',
  'CPU.NumberOfProcessors', 'CPU.NumberOfCores', 'CPU.NumberOfLogicalCores', 'OS.Name', 'OS.Version', 'VMware.VMName',
  'RAM.TotalSizeInMB', 'RAM.UsedSizeInMB.Avg', 'RAM.UsedSizeInMB.Max', 'CPU.UsagePct.Avg', 'CPU.UsagePct.Max',
  'DiskReadsPerSecondInKB.Avg', 'DiskWritesPerSecondInKB.Avg', 'DiskReadsPerSecondInKB.Max',
  'DiskWritesPerSecondInKB.Max', 'DiskReadsOpsPerSecond.Avg', 'DiskWritesOpsPerSecond.Avg',
  'DiskReadsOpsPerSecond.Max', 'DiskWritesOpsPerSecond.Max', 'NetworkReadsPerSecondInKB.Avg',
  'NetworkWritesPerSecondInKB.Avg', 'NetworkReadsPerSecondInKB.Max', 'NetworkWritesPerSecondInKB.Max',
  'Applications', 'ApplicationWave', 'Tags', 'ServerId',
];

/** The estate's powered-on servers as a Migration Hub import CSV (AWS's import_template.csv columns). */
export function migrationHubCsv(vms: readonly EstateVm[]): string {
  const lines = [MIGRATION_HUB_HEADER.map(csvCell).join(',')];
  vms
    .filter((v) => v.power === 'poweredOn' && !v.template)
    .forEach((vm, i) => {
      const osName = vm.os.replace(/ \(64-bit\)$/, '');
      const [name, version] = /windows/i.test(osName)
        ? ['Microsoft Windows Server', osName.replace(/^Microsoft Windows Server /, '')]
        : ['Ubuntu', '22.04'];
      const reads = Math.round(vm.iopsMax * 0.65);
      const values: Record<string, CellValue> = {
        ExternalId: `CMDB-${10001 + i}`,
        IPAddress: `10.40.0.${i + 4}`,
        MACAddress: `00:50:56:9a:${(16 + i).toString(16).padStart(2, '0')}:3c`,
        HostName: `${vm.name.toLowerCase()}.corp.example.internal`,
        'VMware.MoRefId': `vm-${1000 + i}`,
        'VMware.VCenterId': 'b1946ac9-2cbd-4c2f-9f5e-7a3cbd0c1f55',
        'CPU.NumberOfProcessors': vm.vcpu / 2,
        'CPU.NumberOfCores': vm.vcpu / 2,
        'CPU.NumberOfLogicalCores': vm.vcpu,
        'OS.Name': name,
        'OS.Version': version,
        'VMware.VMName': vm.name,
        'RAM.TotalSizeInMB': vm.memoryMib,
        'RAM.UsedSizeInMB.Avg': Math.round((vm.memoryMib * vm.memActivePct) / 100),
        'RAM.UsedSizeInMB.Max': Math.round((vm.memoryMib * Math.min(99, vm.memActivePct + 18)) / 100),
        'CPU.UsagePct.Avg': vm.cpuAvgPct,
        'CPU.UsagePct.Max': vm.cpuMaxPct,
        'DiskReadsPerSecondInKB.Avg': reads * 8,
        'DiskWritesPerSecondInKB.Avg': (vm.iopsMax - reads) * 8,
        'DiskReadsPerSecondInKB.Max': reads * 32,
        'DiskWritesPerSecondInKB.Max': (vm.iopsMax - reads) * 32,
        'DiskReadsOpsPerSecond.Avg': Math.round(reads / 4),
        'DiskWritesOpsPerSecond.Avg': Math.round((vm.iopsMax - reads) / 4),
        'DiskReadsOpsPerSecond.Max': reads,
        'DiskWritesOpsPerSecond.Max': vm.iopsMax - reads,
        'NetworkReadsPerSecondInKB.Avg': 240 + i * 10,
        'NetworkWritesPerSecondInKB.Avg': 180 + i * 7,
        'NetworkReadsPerSecondInKB.Max': 4200 + i * 100,
        'NetworkWritesPerSecondInKB.Max': 3100 + i * 90,
        Applications: vm.applications.join(', '),
        ApplicationWave: /SQL|CTRL/.test(vm.name) ? 'Wave 2' : 'Wave 1',
        Tags: vm.tags,
      };
      lines.push(MIGRATION_HUB_HEADER.map((c) => csvCell(values[c] ?? null)).join(','));
    });
  return `${lines.join('\r\n')}\r\n`;
}
