import { CareRecord, CareRecordCreate, CareRecordQuery, CareRecordUpdate, Id, IdParams, MyChild, Page, TimelineItem } from '@carebridge/shared';
import { z } from 'zod';
import { readUpload } from '../../lib/upload.ts';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function careRecordRoutes(app: Api) {
  const { careRecords } = app.services;
  const tags = ['care-records'];
  const config = { labels: 'careFields' };
  app.get('/care-records', { schema: { tags, querystring: CareRecordQuery, response: { 200: Page(CareRecord) } } }, async (req) =>
    careRecords.list(authOf(req), req.query),
  );
  app.post('/care-records', { config, schema: { tags, body: CareRecordCreate, response: { 201: CareRecord } } }, async (req, reply) =>
    reply.code(201).send(await careRecords.create(authOf(req), req.body)),
  );
  app.get('/care-records/:id', { schema: { tags, params: IdParams, response: { 200: CareRecord } } }, async (req) =>
    careRecords.get(authOf(req), req.params.id),
  );
  app.patch('/care-records/:id', { config, schema: { tags, params: IdParams, body: CareRecordUpdate, response: { 200: CareRecord } } }, async (req) =>
    careRecords.update(authOf(req), req.params.id, req.body),
  );
  app.delete('/care-records/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await careRecords.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.post(
    '/care-records/:id/photos',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: CareRecord } } },
    async (req, reply) => {
      const { data } = await readUpload(req, app.ctx.config.photoMaxBytes);
      return reply.code(201).send(await careRecords.addPhoto(authOf(req), req.params.id, data));
    },
  );
  app.get(
    '/care-records/:id/photos/:photoId',
    { schema: { tags, params: z.object({ id: Id, photoId: Id }), querystring: z.object({ size: z.enum(['thumb', 'full']).optional() }) } },
    async (req, reply) => {
      const data = await careRecords.photo(authOf(req), req.params.id, req.params.photoId, req.query.size === 'thumb');
      return reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=3600').send(data);
    },
  );
  app.delete('/care-records/:id/photos/:photoId', { schema: { tags, params: z.object({ id: Id, photoId: Id }), response: { 200: CareRecord } } }, async (req) =>
    careRecords.removePhotoOf(authOf(req), req.params.id, req.params.photoId),
  );
  app.get('/children/:id/timeline', { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(TimelineItem) }) } } }, async (req) =>
    careRecords.timeline(authOf(req), req.params.id, req.lang),
  );
  app.get('/mentoring/mine', { schema: { tags: ['pairings'], response: { 200: z.object({ items: z.array(MyChild) }) } } }, async (req) =>
    careRecords.mine(authOf(req)),
  );
}
