import type { Cluster } from 'cohesity-sdk/models';
import { api } from '../api.js';
import { LoadError, Page, useLoad } from '../components.js';

interface Health {
  status: string;
  store: string;
  faults: string;
}

export function ClusterPage() {
  const { data, error } = useLoad(async () => {
    const [cluster, health] = await Promise.all([api<Cluster>('GET', '/v2/clusters'), api<Health>('GET', '/healthz')]);
    return { cluster, health };
  });
  const rows: [string, unknown][] = data
    ? [
        ['Name', data.cluster.name],
        ['ID', data.cluster.id],
        ['Incarnation ID', data.cluster.incarnationId],
        ['Software version', data.cluster.swVersion],
        ['Type', data.cluster.type],
        ['Size', data.cluster.clusterSize],
        ['Store', data.health.store],
        ['Fault injection', data.health.faults],
      ]
    : [];
  return (
    <Page title="Cluster">
      <LoadError error={error} />
      <dl class="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
    </Page>
  );
}
