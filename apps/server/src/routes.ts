import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from './context.ts';
import { activityRoutes } from './modules/activities/activity.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaign.routes.ts';
import { campRoutes } from './modules/camps/camp.routes.ts';
import { careRecordRoutes } from './modules/care-records/care-record.routes.ts';
import { childRoutes } from './modules/children/child.routes.ts';
import { complianceRoutes } from './modules/compliance/compliance.routes.ts';
import { notificationRoutes } from './modules/compliance/notification.routes.ts';
import { incidentRoutes } from './modules/incidents/incident.routes.ts';
import { pairingRoutes } from './modules/mentoring/pairing.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { organisationRoutes } from './modules/org/organisation.routes.ts';
import { reportingRoutes } from './modules/reporting/reporting.routes.ts';
import { rosterRoutes } from './modules/rosters/roster.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import type { Services } from './services.ts';

export type Api = FastifyInstance<any, any, any, any, ZodTypeProvider> & { services: Services; ctx: Ctx };

/** Every /api route. */
export async function registerRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>() as Api;
  setupRoutes(api);
  authRoutes(api);
  orgRoutes(api);
  organisationRoutes(api);
  userRoutes(api);
  auditRoutes(api);
  childRoutes(api);
  rosterRoutes(api);
  pairingRoutes(api);
  careRecordRoutes(api);
  complianceRoutes(api);
  notificationRoutes(api);
  incidentRoutes(api);
  activityRoutes(api);
  campRoutes(api);
  campaignRoutes(api);
  reportingRoutes(api);
}
