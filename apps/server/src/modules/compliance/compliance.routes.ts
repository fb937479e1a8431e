import {
  ComplianceQuery,
  ComplianceReport,
  DueExcuseBody,
  DueItemQuery,
  DueItemView,
  HomeVisitWindows,
  HomeVisitWindowsQuery,
  Id,
  IdParams,
  PolicyBody,
  PolicyView,
  RiskView,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { sendXlsx } from '../rosters/roster.routes.ts';

export function complianceRoutes(app: Api) {
  const { policies, compliance, complianceExport } = app.services;
  const tags = ['compliance'];
  const config = { labels: 'careFields' };
  app.get('/care-policies/regions/:id', { schema: { tags, params: IdParams, response: { 200: PolicyView } } }, async (req) =>
    policies.viewRegion(authOf(req), req.params.id, req.lang),
  );
  app.put('/care-policies/regions/:id', { config, schema: { tags, params: IdParams, body: PolicyBody, response: { 200: PolicyView } } }, async (req) =>
    policies.putRegion(authOf(req), req.params.id, req.body, req.lang),
  );
  // Before /care-policies/:schoolId: its own path, not a school id.
  app.get(
    '/care-policies/home-visit-windows',
    { config, schema: { tags, querystring: HomeVisitWindowsQuery, response: { 200: HomeVisitWindows } } },
    async (req) => policies.homeVisitWindows(authOf(req), req.query.schoolId, req.query.date),
  );
  app.get('/care-policies/:schoolId', { schema: { tags, params: z.object({ schoolId: Id }), response: { 200: PolicyView } } }, async (req) =>
    policies.view(authOf(req), req.params.schoolId, req.lang),
  );
  app.put(
    '/care-policies/:schoolId',
    { config, schema: { tags, params: z.object({ schoolId: Id }), body: PolicyBody, response: { 200: PolicyView } } },
    async (req) => policies.put(authOf(req), req.params.schoolId, req.body, req.lang),
  );
  app.get('/due-items', { schema: { tags, querystring: DueItemQuery, response: { 200: z.object({ items: z.array(DueItemView) }) } } }, async (req) =>
    compliance.dueItems(authOf(req), req.query, req.lang),
  );
  app.post('/due-items/excuse', { config, schema: { tags, body: DueExcuseBody } }, async (req, reply) => {
    await compliance.excuse(authOf(req), req.body);
    return reply.code(204).send();
  });
  app.get('/compliance', { schema: { tags, querystring: ComplianceQuery, response: { 200: ComplianceReport } } }, async (req) =>
    compliance.compliance(authOf(req), req.query, req.lang, { byRuleOnly: req.query.view === 'schools' }),
  );
  app.get('/compliance/export.xlsx', { schema: { tags, querystring: ComplianceQuery } }, async (req, reply) => {
    const { fileName, data } = await complianceExport.export(authOf(req), req.query, req.lang);
    return sendXlsx(reply, fileName, data);
  });
  app.get(
    '/compliance/risks',
    { schema: { tags, querystring: z.object({ schoolId: Id }), response: { 200: z.object({ items: z.array(RiskView) }) } } },
    async (req) => ({
      items: await compliance.risks(authOf(req), { schoolId: req.query.schoolId }, req.lang),
    }),
  );
  app.get('/children/:id/risk', { schema: { tags, params: IdParams, response: { 200: RiskView } } }, async (req) => {
    const [risk] = await compliance.risks(authOf(req), { childId: req.params.id }, req.lang);
    return risk as RiskView;
  });
}
