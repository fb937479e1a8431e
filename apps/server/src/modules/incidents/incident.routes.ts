import {
  AcknowledgeCreate,
  ActionCreate,
  Id,
  IdParams,
  Incident,
  IncidentAction,
  IncidentChain,
  IncidentCreate,
  IncidentNotice,
  IncidentQuery,
  IncidentSummary,
  IncidentUpdate,
  MandatoryReportCreate,
  NoticeCreate,
  Page,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function incidentRoutes(app: Api) {
  const { incidents } = app.services;
  const tags = ['incidents'];
  const config = { labels: 'incidentFields' };
  app.get('/incidents', { config, schema: { tags, querystring: IncidentQuery, response: { 200: Page(IncidentSummary) } } }, async (req) =>
    incidents.list(authOf(req), req.query),
  );
  app.post('/incidents', { config, schema: { tags, body: IncidentCreate, response: { 201: Incident } } }, async (req, reply) =>
    reply.code(201).send(await incidents.create(authOf(req), req.body)),
  );
  app.get('/incidents/:id', { schema: { tags, params: IdParams, response: { 200: Incident } } }, async (req) => incidents.get(authOf(req), req.params.id));
  app.patch('/incidents/:id', { config, schema: { tags, params: IdParams, body: IncidentUpdate, response: { 200: Incident } } }, async (req) =>
    incidents.update(authOf(req), req.params.id, req.body),
  );
  app.get('/incidents/:id/actions', { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(IncidentAction) }) } } }, async (req) => ({
    items: await incidents.listActions(authOf(req), req.params.id),
  }));
  app.post('/incidents/:id/actions', { config, schema: { tags, params: IdParams, body: ActionCreate, response: { 201: Incident } } }, async (req, reply) =>
    reply.code(201).send(await incidents.act(authOf(req), req.params.id, req.body)),
  );
  app.get(
    '/incidents/:id/notifications',
    { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(IncidentNotice) }) } } },
    async (req) => ({ items: await incidents.listNotices(authOf(req), req.params.id) }),
  );
  app.post(
    '/incidents/:id/notifications',
    { config, schema: { tags, params: IdParams, body: NoticeCreate, response: { 201: Incident } } },
    async (req, reply) => reply.code(201).send(await incidents.notify(authOf(req), req.params.id, req.body)),
  );
  app.post(
    '/incidents/:id/mandatory-report',
    { config, schema: { tags, params: IdParams, body: MandatoryReportCreate, response: { 201: Incident } } },
    async (req, reply) => reply.code(201).send(await incidents.reportToPolice(authOf(req), req.params.id, req.body)),
  );
  app.post(
    '/incidents/:id/acknowledge',
    { config, schema: { tags, params: IdParams, body: AcknowledgeCreate, response: { 201: Incident } } },
    async (req, reply) => reply.code(201).send(await incidents.acknowledge(authOf(req), req.params.id, req.body)),
  );
  app.get('/incident-chains/:schoolId', { schema: { tags, params: z.object({ schoolId: Id }), response: { 200: IncidentChain } } }, async (req) =>
    incidents.chain(authOf(req), req.params.schoolId),
  );
  app.put(
    '/incident-chains/:schoolId',
    { config, schema: { tags, params: z.object({ schoolId: Id }), body: IncidentChain, response: { 200: IncidentChain } } },
    async (req) => incidents.putChain(authOf(req), req.params.schoolId, req.body),
  );
}
