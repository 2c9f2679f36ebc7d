import type { Privilege } from 'cohesity-sdk/models';
import type { Operation } from './spec.js';

type PrivilegePair = readonly [view: Privilege, modify: Privilege];

/**
 * Which of the cluster's privileges guard each tag (the SDK's API class) of both documents:
 * reading needs the first, changing the second. The one place that says so.
 */
const PRIVILEGES_BY_TAG: ReadonlyArray<readonly [PrivilegePair, readonly string[]]> = [
  [
    ['PROTECTION_VIEW', 'PROTECTION_MODIFY'],
    [
      'ProtectionGroup',
      'ProtectedObject',
      'Object',
      'Agent',
      'DataTiering',
      'Failover',
      'ProtectionJobs',
      'ProtectionObjects',
      'ProtectionRuns',
      'CloneRefreshTasks',
      'Search',
    ],
  ],
  [
    ['PROTECTION_POLICY_VIEW', 'PROTECTION_POLICY_MODIFY'],
    ['Policy', 'ProtectionPolicies'],
  ],
  [
    ['PROTECTION_VIEW', 'PROTECTION_SOURCE_MODIFY'],
    ['Source', 'Registration', 'ProtectionSources'],
  ],
  [
    ['RESTORE_VIEW', 'RESTORE_MODIFY'],
    ['Recovery', 'CloudRetrieveTask', 'RestoreTasks', 'RemoteRestore'],
  ],
  [
    ['STORAGE_VIEW', 'STORAGE_MODIFY'],
    ['View', 'Views', 'SMBFileOpens', 'AntivirusService', 'AntivirusServiceGroup'],
  ],
  [
    ['STORAGE_DOMAIN_VIEW', 'STORAGE_DOMAIN_MODIFY'],
    ['StorageDomain', 'ViewBoxes'],
  ],
  [
    ['ALERT_VIEW', 'ALERT_MODIFY'],
    ['Alert', 'Alerts', 'Notifications'],
  ],
  [
    ['CLUSTER_REMOTE_VIEW', 'CLUSTER_REMOTE_MODIFY'],
    ['RemoteClusters', 'RemoteCluster'],
  ],
  [
    ['CLUSTER_EXTERNAL_TARGET_VIEW', 'CLUSTER_EXTERNAL_TARGET_MODIFY'],
    ['ExternalTarget', 'RemoteStorage', 'Vaults'],
  ],
  [
    ['PRINCIPAL_VIEW', 'PRINCIPAL_MODIFY'],
    ['User', 'Role', 'Privilege', 'Principals', 'Groups', 'Roles', 'Privileges', 'Preferences', 'MFA'],
  ],
  [
    ['AD_LDAP_VIEW', 'AD_LDAP_MODIFY'],
    ['ActiveDirectory', 'LDAP', 'KerberosProvider', 'IdentityProvider', 'Keystone', 'LdapProvider', 'Idps'],
  ],
  [
    ['ORGANIZATION_VIEW', 'ORGANIZATION_MODIFY'],
    ['Tenant', 'Tenants'],
  ],
  [['VLAN_VIEW', 'VLAN_MODIFY'], ['Vlan']],
  [['SCHEDULER_VIEW', 'SCHEDULER_MODIFY'], ['Scheduler']],
  [['ANALYTICS_VIEW', 'ANALYTICS_MODIFY'], ['Analytics']],
  [
    ['REPORTS_VIEW', 'CLUSTER_MODIFY'],
    ['Reports', 'CustomReporting', 'Dashboard', 'Stats', 'Statistics', 'Monitoring'],
  ],
  [
    ['CLUSTER_VIEW', 'APPS_MANAGEMENT'],
    ['App', 'AppInstance'],
  ],
  [
    ['CLUSTER_VIEW', 'CLUSTER_UPGRADE'],
    ['BaseosPatchManagement', 'PatchManagement', 'Packages'],
  ],
  [['CLUSTER_VIEW', 'CLUSTER_SUPPORT'], ['Support']],
  [
    ['CLUSTER_VIEW', 'DATA_SECURITY'],
    ['KeyManagementSystem', 'KmsConfiguration', 'GetKMSStatusResponse'],
  ],
  [
    ['CLUSTER_VIEW', 'TAGS_MANAGE'],
    ['Tag', 'Tags'],
  ],
  // Everything else is the cluster's own configuration.
  [
    ['CLUSTER_VIEW', 'CLUSTER_MODIFY'],
    [
      'Platform',
      'AccessToken',
      'AccessTokens',
      'AuditLog',
      'Audit',
      'Firewall',
      'HeliosOnPrem',
      'IPs',
      'NodeGroup',
      'Routes',
      'Security',
      'Syslog',
      'Templates',
      'Banner',
      'Certificates',
      'Cluster',
      'ClusterPartitions',
      'Clusters',
      'Interface',
      'InterfaceGroup',
      'Ip',
      'License',
      'LicenseAgreement',
      'Network',
      'Nodes',
      'StaticRoute',
    ],
  ],
];

const FALLBACK: PrivilegePair = ['CLUSTER_VIEW', 'CLUSTER_MODIFY'];

const byTag = new Map<string, PrivilegePair>(
  PRIVILEGES_BY_TAG.flatMap(([pair, tags]) => tags.map((tag) => [tag, pair] as const)),
);

/** Whether a tag is named above (a test checks every tag of both documents is). */
export const hasPrivilegeRow = (tag: string): boolean => byTag.has(tag);

/**
 * The privilege an operation needs: GETs read, anything else changes. Running a protection
 * group is an operator's act, as on a cluster.
 */
export function privilegeFor(operation: Pick<Operation, 'method' | 'tags' | 'operationId'>): Privilege {
  const [view, modify] = byTag.get(operation.tags[0] ?? '') ?? FALLBACK;
  if (operation.method === 'GET') return view;
  if (RUN_OPERATIONS.has(operation.operationId)) return 'PROTECTION_JOB_OPERATE';
  return modify;
}

const RUN_OPERATIONS = new Set(['createProtectionGroupRun', 'createRunProtectionJob']);
