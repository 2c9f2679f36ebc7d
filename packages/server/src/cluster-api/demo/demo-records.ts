/**
 * The demo cluster a first start makes: small, deterministic, and the same records for v1
 * and v2 (documents in v2's field names; see shared-records.ts). Numbers are the records'
 * `n` (their v1 id, the last part of their v2 id).
 */
export interface DemoRecord {
  readonly n: number;
  readonly document: Record<string, unknown>;
}

const GiB = 1024 ** 3;

export const DEMO_NODES: readonly DemoRecord[] = [1, 2, 3].map((n) => ({
  n,
  document: {
    ip: `10.10.0.${10 + n}`,
    hostName: `cohesity-node-${n}`,
    clusterPartitionId: 3,
    clusterPartitionName: 'primary',
    nodeSoftwareVersion: '7.1.2_u3_release-20241231_bb47fe77',
    productModel: 'C4600',
    cohesityNodeSerial: `DEMO000${n}`,
    nodeIncarnationId: 5_000 + n,
    slotNumber: n,
    diskCount: 6,
    isMarkedForRemoval: false,
    inMaintenanceMode: false,
    maxPhysicalCapacityBytes: 8_000 * GiB,
  },
}));

export const DEMO_STORAGE_DOMAINS: readonly DemoRecord[] = [
  { n: 1, document: { name: 'DefaultStorageDomain', clusterPartitionId: 3, clusterPartitionName: 'primary' } },
  { n: 2, document: { name: 'LongTermRetention', clusterPartitionId: 3, clusterPartitionName: 'primary' } },
];

const dailyPolicy = (days: number) => ({
  regular: {
    incremental: { schedule: { unit: 'Days', daySchedule: { frequency: 1 } } },
    retention: { unit: 'Days', duration: days },
  },
});

export const DEMO_POLICIES: readonly DemoRecord[] = [
  { n: 1, document: { name: 'Gold', description: 'Daily, kept 90 days', backupPolicy: dailyPolicy(90) } },
  { n: 2, document: { name: 'Silver', description: 'Daily, kept 30 days', backupPolicy: dailyPolicy(30) } },
  { n: 3, document: { name: 'Bronze', description: 'Daily, kept 7 days', backupPolicy: dailyPolicy(7) } },
];

/** Protection sources as a flat list; `parentId` makes the tree (a vCenter and its VMs). */
export interface DemoSource {
  readonly id: number;
  readonly parentId?: number;
  readonly name: string;
  readonly environment: 'kVMware' | 'kPhysical' | 'kGenericNas';
  readonly type: string;
  readonly sizeBytes: number;
}

export const DEMO_SOURCES: readonly DemoSource[] = [
  { id: 1, name: 'vcenter.demo.local', environment: 'kVMware', type: 'kVCenter', sizeBytes: 0 },
  { id: 2, parentId: 1, name: 'web-01', environment: 'kVMware', type: 'kVirtualMachine', sizeBytes: 60 * GiB },
  { id: 3, parentId: 1, name: 'web-02', environment: 'kVMware', type: 'kVirtualMachine', sizeBytes: 60 * GiB },
  { id: 4, parentId: 1, name: 'db-01', environment: 'kVMware', type: 'kVirtualMachine', sizeBytes: 250 * GiB },
  { id: 5, name: 'files-01.demo.local', environment: 'kPhysical', type: 'kHost', sizeBytes: 120 * GiB },
  { id: 6, name: '\\\\nas.demo.local\\projects', environment: 'kGenericNas', type: 'kHost', sizeBytes: 500 * GiB },
];

const group = (n: number, name: string, environment: string, policy: number, sourceIds: number[]) => ({
  n,
  document: {
    name,
    environment,
    policyN: policy,
    storageDomainId: 1,
    priority: 'kMedium',
    isActive: true,
    isPaused: false,
    isDeleted: false,
    description: `Demo: ${name}`,
    sourceIds,
  },
});

/** `policyN` becomes the policy's id once the cluster's identity is known. */
export const DEMO_GROUPS: readonly DemoRecord[] = [
  group(1, 'VMware-Gold', 'kVMware', 1, [2, 3, 4]),
  group(2, 'Physical-Files', 'kPhysical', 2, [5]),
  group(3, 'NAS-Projects', 'kGenericNas', 3, [6]),
];

export const DEMO_VIEWS: readonly DemoRecord[] = [
  {
    n: 1,
    document: {
      name: 'home-dirs',
      storageDomainId: 1,
      storageDomainName: 'DefaultStorageDomain',
      protocolAccess: 'kSMBOnly',
    },
  },
  {
    n: 2,
    document: {
      name: 'backup-target',
      storageDomainId: 1,
      storageDomainName: 'DefaultStorageDomain',
      protocolAccess: 'kNFSOnly',
    },
  },
];

/** Days back, and whether that run failed, for each group's history. */
export const DEMO_RUN_HISTORY: ReadonlyArray<readonly [daysAgo: number, failed: boolean]> = [
  [5, false],
  [4, false],
  [3, true],
  [2, false],
  [1, false],
];

interface DemoAlert {
  code: string;
  category: string;
  state: string;
  severity: string;
  daysAgo: number;
  name: string;
  description: string;
  cause: string;
  help: string;
}

const DEMO_ALERTS: readonly DemoAlert[] = [
  {
    code: 'CE00610011',
    category: 'kBackupRestore',
    state: 'kOpen',
    severity: 'kWarning',
    daysAgo: 3,
    name: 'ProtectionGroupFailed',
    description: 'Protection group Physical-Files failed',
    cause: 'The agent on files-01.demo.local did not answer',
    help: 'Check that the agent runs and its port is open',
  },
  {
    code: 'CE00200004',
    category: 'kStorageUsage',
    state: 'kResolved',
    severity: 'kInfo',
    daysAgo: 2,
    name: 'StorageDomainUsageHigh',
    description: 'LongTermRetention is 70% full',
    cause: 'Retention grew',
    help: 'Add capacity or shorten retention',
  },
];

/** The alerts, in v1's field names (v2's `/alerts` shows the same). */
export const demoAlerts = (clusterId: number, clusterName: string, dayUsecs: number): DemoRecord[] =>
  DEMO_ALERTS.map((alert, i) => {
    const at = dayUsecs - alert.daysAgo * 86_400_000_000;
    return {
      n: i + 1,
      document: {
        alertCode: alert.code,
        alertCategory: alert.category,
        alertState: alert.state,
        severity: alert.severity,
        alertType: Number(alert.code.slice(4)),
        clusterId,
        clusterName,
        firstTimestampUsecs: at,
        latestTimestampUsecs: at,
        alertDocument: {
          alertName: alert.name,
          alertDescription: alert.description,
          alertCause: alert.cause,
          alertHelpText: alert.help,
        },
      },
    };
  });
