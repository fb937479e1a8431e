import {
  Briefing,
  BriefingCreate,
  BriefingSummary,
  BriefingUpdate,
  ChildSummary,
  Id,
  IdParams,
  Page,
  RosterPending,
  RosterPendingQuery,
  RosterSubmission,
  RosterSubmissionCreate,
  RosterSubmissionQuery,
  Stats,
  StatsChildrenQuery,
  StatsExportQuery,
  StatsQuery,
  SubmissionAction,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { sendXlsx } from '../rosters/roster.routes.ts';
import { statsWorkbook } from './stats-export.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function reportingRoutes(app: Api) {
  const { stats, submissions, briefings } = app.services;
  app.get('/stats', { schema: { tags: ['stats'], querystring: StatsQuery, response: { 200: Stats } } }, async (req) =>
    stats.stats(authOf(req), req.query, req.lang),
  );
  app.get('/stats/children', { schema: { tags: ['stats'], querystring: StatsChildrenQuery, response: { 200: Page(ChildSummary) } } }, async (req) =>
    stats.drill(authOf(req), req.query),
  );
  app.get('/stats/export.xlsx', { schema: { tags: ['stats'], querystring: StatsExportQuery } }, async (req, reply) => {
    const auth = authOf(req);
    const s = await stats.stats(auth, req.query, req.lang);
    await app.services.audit.record(app.ctx.db, auth, {
      action: 'stats.export',
      entity: s.scope.kind === 'school' ? 'school' : 'region',
      entityId: s.scope.id,
      schoolId: s.scope.kind === 'school' ? s.scope.id : null,
      regionId: s.scope.kind === 'school' ? null : s.scope.id,
      summary: { from: s.from, to: s.to, ...(req.query.table ? { table: req.query.table } : {}) },
    });
    const { fileName, data } = await statsWorkbook(s, req.lang, req.query.table);
    return sendXlsx(reply, fileName, data);
  });

  const tags = ['roster-submissions'];
  const config = { labels: 'reportFields' };
  const Detail = RosterSubmission.extend({ rows: z.array(z.record(z.string(), z.unknown())) });
  app.get(
    '/roster-submissions',
    { config, schema: { tags, querystring: RosterSubmissionQuery, response: { 200: z.object({ items: z.array(RosterSubmission) }) } } },
    async (req) => submissions.list(authOf(req), req.query, req.lang),
  );
  app.get('/roster-submissions/pending', { schema: { tags, querystring: RosterPendingQuery, response: { 200: RosterPending } } }, async (req) =>
    submissions.pending(authOf(req), req.query),
  );
  app.post('/roster-submissions', { config, schema: { tags, body: RosterSubmissionCreate, response: { 200: Detail, 201: Detail } } }, async (req, reply) => {
    const r = await submissions.create(authOf(req), req.body, req.lang);
    return reply.code(r.created ? 201 : 200).send(r.item);
  });
  app.get('/roster-submissions/:id', { schema: { tags, params: IdParams, response: { 200: Detail } } }, async (req) =>
    submissions.get(authOf(req), req.params.id, req.lang, true),
  );
  // The roster as it was sent, in the official form (花名册, 汇总表, 一人一表); audited as an export.
  app.get('/roster-submissions/:id.xlsx', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const auth = authOf(req);
    const sub = await submissions.submitted(auth, req.params.id, req.lang);
    const { fileName, data } = await app.services.rosterExport.exportSubmitted(auth, sub, req.lang);
    return sendXlsx(reply, fileName, data);
  });
  app.post('/roster-submissions/:id/submit', { config, schema: { tags, params: IdParams, body: SubmissionAction, response: { 200: Detail } } }, async (req) =>
    submissions.submit(authOf(req), req.params.id, req.body.version, req.lang),
  );
  app.post('/roster-submissions/:id/approve', { config, schema: { tags, params: IdParams, body: SubmissionAction, response: { 200: Detail } } }, async (req) =>
    submissions.review(authOf(req), req.params.id, true, req.body, req.lang),
  );
  app.post('/roster-submissions/:id/return', { config, schema: { tags, params: IdParams, body: SubmissionAction, response: { 200: Detail } } }, async (req) =>
    submissions.review(authOf(req), req.params.id, false, req.body, req.lang),
  );

  const btags = ['briefings'];
  app.get(
    '/briefings',
    {
      schema: {
        tags: btags,
        querystring: z.object({ schoolId: Id.optional(), regionId: Id.optional() }),
        response: { 200: z.object({ items: z.array(BriefingSummary) }) },
      },
    },
    async (req) => briefings.list(authOf(req), req.query),
  );
  app.post('/briefings', { config, schema: { tags: btags, body: BriefingCreate, response: { 201: Briefing } } }, async (req, reply) =>
    reply.code(201).send(await briefings.create(authOf(req), req.body, req.lang)),
  );
  app.get('/briefings/:id', { schema: { tags: btags, params: IdParams, response: { 200: Briefing } } }, async (req) =>
    briefings.get(authOf(req), req.params.id, req.lang),
  );
  app.put('/briefings/:id', { config, schema: { tags: btags, params: IdParams, body: BriefingUpdate, response: { 200: Briefing } } }, async (req) =>
    briefings.update(authOf(req), req.params.id, req.body, req.lang),
  );
  app.get('/briefings/:id.docx', { schema: { tags: btags, params: IdParams } }, async (req, reply) => {
    const { fileName, data } = await briefings.docx(authOf(req), req.params.id, req.lang);
    const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
    return reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('cache-control', 'no-store')
      .send(data);
  });
}
