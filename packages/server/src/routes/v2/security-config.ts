import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type SecurityConfig,
  SecurityConfigSchema,
  type UpdateSecurityConfig,
  UpdateSecurityConfigSchema,
} from 'cohesity-sdk/models';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../audit.js';
import { requirePrivilege } from '../../auth/privileges.js';
import { invalidRequest } from '../../errors.js';
import type { Services } from '../../services.js';
import { CLUSTER_WIDE } from '../../tenants/tenant-isolation.js';
import { errorResponses } from '../route-schemas.js';

/** `current` with the values `update` gives for `current`'s own keys; any other key is ignored. */
function overlay<T extends object>(current: T, update: Partial<T> | undefined): T {
  const entries = Object.entries(current).map(([key, value]) => [key, update?.[key as keyof T] ?? value]);
  return Object.fromEntries(entries) as T;
}

/**
 * A PUT changes only what it names; every part left out keeps its value. Only the known
 * settings are taken: the schema lets unknown keys through, and they must reach neither
 * the store nor the audit log (a deeply nested one made both fail).
 */
function mergeSecurityConfig(current: SecurityConfig, update: UpdateSecurityConfig): SecurityConfig {
  return {
    authTokenTimeoutMinutes: update.authTokenTimeoutMinutes ?? current.authTokenTimeoutMinutes,
    inactivityTimeoutMSecs: update.inactivityTimeoutMSecs ?? current.inactivityTimeoutMSecs,
    sessionManagementEnabled: update.sessionManagementEnabled ?? current.sessionManagementEnabled,
    accountLockout: overlay(current.accountLockout, update.accountLockout),
    sessionConfiguration: overlay(current.sessionConfiguration, update.sessionConfiguration),
    passwordStrength: overlay(current.passwordStrength, update.passwordStrength),
    passwordLifetime: overlay(current.passwordLifetime, update.passwordLifetime),
  };
}

/** `GET|PUT /v2/security-config`; read on every use, so a change reaches every node at once. */
export async function securityConfigRoutes(app: FastifyInstance, services: Services) {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const response = { 200: SecurityConfigSchema, ...errorResponses };

  routes.get(
    '/security-config',
    { preHandler: requirePrivilege('CLUSTER_VIEW'), schema: { response } },
    async function getSecurityConfig(): Promise<SecurityConfig> {
      return services.securityConfig();
    },
  );

  routes.put(
    '/security-config',
    {
      preHandler: requirePrivilege('CLUSTER_MODIFY'),
      config: CLUSTER_WIDE,
      schema: { body: UpdateSecurityConfigSchema, response },
    },
    async function updateSecurityConfig(
      request: FastifyRequest<{ Body: UpdateSecurityConfig }>,
    ): Promise<SecurityConfig> {
      const before = await services.securityConfig();
      const config = mergeSecurityConfig(before, request.body);
      const { maxLifetimeDays, minLifetimeDays } = config.passwordLifetime;
      if (maxLifetimeDays > 0 && minLifetimeDays >= maxLifetimeDays) {
        throw invalidRequest('passwordLifetime.minLifetimeDays must be less than maxLifetimeDays');
      }
      await services.store.putSetting('securityConfig', config);
      await audit(services, request.actor, {
        action: 'securityConfig.update',
        outcome: 'success',
        target: 'securityConfig',
        details: { before, after: config },
      });
      return config;
    },
  );
}
