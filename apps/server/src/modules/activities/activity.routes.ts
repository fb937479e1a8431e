import {
  Activity,
  ActivityCreate,
  ActivityQuery,
  ActivitySummary,
  ActivityUpdate,
  ApplicantsCreate,
  Attendance,
  AttendanceUpdate,
  EntryCreate,
  EntryScore,
  Id,
  IdParams,
  Page,
  SafetyCoverage,
  SafetyDuty,
  SafetyDutyCreate,
  SafetyDutyUpdate,
  SafetyPlan,
  TaskCreate,
  TaskUpdate,
} from '@carebridge/shared';
import { z } from 'zod';
import { readUpload } from '../../lib/upload.ts';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function activityRoutes(app: Api) {
  const { activities, safety } = app.services;
  const tags = ['activities'];
  const config = { labels: 'activityFields' };
  app.get('/activities', { schema: { tags, querystring: ActivityQuery, response: { 200: Page(ActivitySummary) } } }, async (req) =>
    activities.list(authOf(req), req.query, req.lang),
  );
  app.post('/activities', { config, schema: { tags, body: ActivityCreate, response: { 201: Activity } } }, async (req, reply) =>
    reply.code(201).send(await activities.create(authOf(req), req.body, req.lang)),
  );
  app.get('/activities/:id', { schema: { tags, params: IdParams, response: { 200: Activity } } }, async (req) =>
    activities.get(authOf(req), req.params.id, req.lang),
  );
  app.patch('/activities/:id', { config, schema: { tags, params: IdParams, body: ActivityUpdate, response: { 200: Activity } } }, async (req) =>
    activities.update(authOf(req), req.params.id, req.body, req.lang),
  );
  app.delete('/activities/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await activities.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.get('/activities/:id/attendance', { schema: { tags, params: IdParams, response: { 200: Attendance } } }, async (req) =>
    activities.attendance(authOf(req), req.params.id, req.lang),
  );
  app.put('/activities/:id/attendance', { config, schema: { tags, params: IdParams, body: AttendanceUpdate, response: { 200: Attendance } } }, async (req) =>
    activities.setAttendance(authOf(req), req.params.id, req.body, req.lang),
  );
  app.post(
    '/activities/:id/applicants',
    { config, schema: { tags, params: IdParams, body: ApplicantsCreate, response: { 201: Attendance } } },
    async (req, reply) => reply.code(201).send(await activities.apply(authOf(req), req.params.id, req.body, req.lang)),
  );
  app.delete('/activities/:id/applicants/:lineId', { schema: { tags, params: z.object({ id: Id, lineId: Id }), response: { 200: Attendance } } }, async (req) =>
    activities.withdraw(authOf(req), req.params.id, req.params.lineId, req.lang),
  );
  app.post('/activities/:id/tasks', { config, schema: { tags, params: IdParams, body: TaskCreate, response: { 201: Activity } } }, async (req, reply) =>
    reply.code(201).send(await activities.addTask(authOf(req), req.params.id, req.body, req.lang)),
  );
  app.patch(
    '/activities/:id/tasks/:taskId',
    { config, schema: { tags, params: z.object({ id: Id, taskId: Id }), body: TaskUpdate, response: { 200: Activity } } },
    async (req) => activities.setTask(authOf(req), req.params.id, req.params.taskId, req.body, req.lang),
  );
  app.post('/activities/:id/entries', { config, schema: { tags, params: IdParams, body: EntryCreate, response: { 201: Activity } } }, async (req, reply) =>
    reply.code(201).send(await activities.addEntry(authOf(req), req.params.id, req.body, req.lang)),
  );
  app.patch(
    '/activities/:id/entries/:entryId',
    { config, schema: { tags, params: z.object({ id: Id, entryId: Id }), body: EntryScore, response: { 200: Activity } } },
    async (req) => activities.scoreEntry(authOf(req), req.params.id, req.params.entryId, req.body, req.lang),
  );
  app.post(
    '/activities/:id/files',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: Activity } } },
    async (req, reply) => {
      const file = await readUpload(req, app.ctx.config.photoMaxBytes);
      const photo = file.type.startsWith('image/') || /\.(jpe?g|png|heic|heif)$/i.test(file.name);
      return reply.code(201).send(await activities.addFile(authOf(req), req.params.id, { name: file.name, data: file.data, photo }, req.lang));
    },
  );
  app.get(
    '/activities/:id/files/:fileId',
    { schema: { tags, params: z.object({ id: Id, fileId: Id }), querystring: z.object({ size: z.enum(['thumb', 'full']).optional() }) } },
    async (req, reply) => {
      const f = await activities.file(authOf(req), req.params.id, req.params.fileId, req.query.size === 'thumb');
      return reply
        .header('content-type', f.mime)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `${f.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  );
  app.delete('/activities/:id/files/:fileId', { schema: { tags, params: z.object({ id: Id, fileId: Id }), response: { 200: Activity } } }, async (req) =>
    activities.removeFile(authOf(req), req.params.id, req.params.fileId, req.lang),
  );

  const safetyTags = ['safety'];
  const term = z.object({ schoolId: Id, termId: Id });
  app.get('/safety/plans/:schoolId/:termId', { schema: { tags: safetyTags, params: term, response: { 200: SafetyPlan } } }, async (req) =>
    safety.plan(authOf(req), req.params.schoolId, req.params.termId),
  );
  app.put(
    '/safety/plans/:schoolId/:termId',
    { config, schema: { tags: safetyTags, params: term, body: SafetyPlan, response: { 200: SafetyPlan } } },
    async (req) => safety.putPlan(authOf(req), req.params.schoolId, req.params.termId, req.body.topics),
  );
  app.get('/safety/coverage/:schoolId/:termId', { schema: { tags: safetyTags, params: term, response: { 200: SafetyCoverage } } }, async (req) =>
    safety.coverage(authOf(req), req.params.schoolId, req.params.termId),
  );
  const duties = z.object({ items: z.array(SafetyDuty) });
  app.get('/safety/duties', { schema: { tags: safetyTags, querystring: z.object({ schoolId: Id }), response: { 200: duties } } }, async (req) => ({
    items: await safety.duties(authOf(req), req.query.schoolId),
  }));
  app.post('/safety/duties', { config, schema: { tags: safetyTags, body: SafetyDutyCreate, response: { 201: duties } } }, async (req, reply) =>
    reply.code(201).send({ items: await safety.addDuty(authOf(req), req.body) }),
  );
  app.patch(
    '/safety/duties/:id',
    { config, schema: { tags: safetyTags, params: IdParams, body: SafetyDutyUpdate, response: { 200: duties } } },
    async (req) => ({
      items: await safety.updateDuty(authOf(req), req.params.id, req.body),
    }),
  );
  app.delete('/safety/duties/:id', { schema: { tags: safetyTags, params: IdParams, response: { 200: duties } } }, async (req) => ({
    items: await safety.removeDuty(authOf(req), req.params.id),
  }));
}
