import {
  Camp,
  CampChildrenBody,
  CampCreate,
  CampPhotoUpdate,
  CampReport,
  CampSessionsBody,
  CampSummary,
  CampUpdate,
  CampVolunteersBody,
  Id,
  IdParams,
  SolveBody,
  Timetable,
  TimetablePut,
} from '@carebridge/shared';
import { z } from 'zod';
import { readUpload } from '../../lib/upload.ts';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { sendXlsx } from '../rosters/roster.routes.ts';

export function campRoutes(app: Api) {
  const { camps } = app.services;
  const tags = ['camps'];
  const config = { labels: 'campFields' };
  app.get(
    '/camps',
    { schema: { tags, querystring: z.object({ schoolId: Id.optional() }), response: { 200: z.object({ items: z.array(CampSummary) }) } } },
    async (req) => camps.list(authOf(req), req.query),
  );
  app.post('/camps', { config, schema: { tags, body: CampCreate, response: { 201: Camp } } }, async (req, reply) =>
    reply.code(201).send(await camps.create(authOf(req), req.body)),
  );
  app.get('/camps/:id', { schema: { tags, params: IdParams, response: { 200: Camp } } }, async (req) => camps.get(authOf(req), req.params.id));
  app.patch('/camps/:id', { config, schema: { tags, params: IdParams, body: CampUpdate, response: { 200: Camp } } }, async (req) =>
    camps.update(authOf(req), req.params.id, req.body),
  );
  app.delete('/camps/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await camps.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.get('/camps/:id/sessions', { schema: { tags, params: IdParams } }, async (req) => {
    const c = await camps.get(authOf(req), req.params.id);
    return { items: c.sessions, version: c.version };
  });
  app.put('/camps/:id/sessions', { config, schema: { tags, params: IdParams, body: CampSessionsBody, response: { 200: Camp } } }, async (req) =>
    camps.setSessions(authOf(req), req.params.id, req.body.items, req.body.version),
  );
  app.get('/camps/:id/volunteers', { schema: { tags, params: IdParams } }, async (req) => {
    const c = await camps.get(authOf(req), req.params.id);
    return { items: c.volunteers, version: c.version };
  });
  app.put('/camps/:id/volunteers', { config, schema: { tags, params: IdParams, body: CampVolunteersBody, response: { 200: Camp } } }, async (req) =>
    camps.setVolunteers(authOf(req), req.params.id, req.body.items, req.body.version),
  );
  app.put('/camps/:id/children', { config, schema: { tags, params: IdParams, body: CampChildrenBody, response: { 200: Camp } } }, async (req) =>
    camps.setChildren(authOf(req), req.params.id, req.body.items, req.body.version),
  );
  app.post('/camps/:id/solve', { config, schema: { tags, params: IdParams, body: SolveBody, response: { 200: Timetable } } }, async (req) =>
    camps.solve(authOf(req), req.params.id, req.body.keepLocked, req.lang),
  );
  app.get('/camps/:id/timetable', { schema: { tags, params: IdParams, response: { 200: Timetable } } }, async (req) =>
    camps.timetable(authOf(req), req.params.id, req.lang),
  );
  app.put('/camps/:id/timetable', { config, schema: { tags, params: IdParams, body: TimetablePut, response: { 200: Timetable } } }, async (req) =>
    camps.putTimetable(authOf(req), req.params.id, req.body.cells, req.body.version, req.lang),
  );
  app.get('/camps/:id/timetable.xlsx', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const { fileName, data } = await camps.exportTimetable(authOf(req), req.params.id, req.lang);
    return sendXlsx(reply, fileName, data);
  });
  // Photos: multipart `file`, with optional `caption` and `date` (a camp day) fields sent before it.
  const photoParams = z.object({ id: Id, photoId: Id });
  app.post(
    '/camps/:id/photos',
    { config, schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: Camp } } },
    async (req, reply) => {
      const file = await readUpload(req, app.ctx.config.photoMaxBytes);
      return reply.code(201).send(await camps.addPhoto(authOf(req), req.params.id, file.data, file.fields));
    },
  );
  app.get(
    '/camps/:id/photos/:photoId',
    { schema: { tags, params: photoParams, querystring: z.object({ size: z.enum(['thumb', 'full']).optional() }) } },
    async (req, reply) => {
      const data = await camps.photo(authOf(req), req.params.id, req.params.photoId, req.query.size === 'thumb');
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=3600').send(data);
    },
  );
  app.patch('/camps/:id/photos/:photoId', { config, schema: { tags, params: photoParams, body: CampPhotoUpdate, response: { 200: Camp } } }, async (req) =>
    camps.updatePhoto(authOf(req), req.params.id, req.params.photoId, req.body),
  );
  app.delete('/camps/:id/photos/:photoId', { schema: { tags, params: photoParams, response: { 200: Camp } } }, async (req) =>
    camps.removePhoto(authOf(req), req.params.id, req.params.photoId),
  );
  app.get('/camps/:id/summary', { schema: { tags, params: IdParams, response: { 200: CampReport } } }, async (req) =>
    camps.summary(authOf(req), req.params.id),
  );
}
