import {
  Child,
  ChildContact,
  ChildCreate,
  ChildCreated,
  ChildErase,
  ChildHistoryEntry,
  ChildListPage,
  ChildPsychology,
  ChildQuery,
  ChildStatusChange,
  ChildTransfer,
  ChildUpdate,
  Id,
  IdParams,
  PrintChild,
  TransferTarget,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function childRoutes(app: Api) {
  const { children } = app.services;
  const tags = ['children'];
  // Validation messages of these routes name fields with the child-archive labels (姓名, not 名称).
  const config = { labels: 'childFields' };
  app.get('/children', { config, schema: { tags, querystring: ChildQuery, response: { 200: ChildListPage } } }, async (req) =>
    children.list(authOf(req), req.query),
  );
  app.post('/children', { config, schema: { tags, body: ChildCreate, response: { 201: ChildCreated } } }, async (req, reply) =>
    reply.code(201).send(await children.create(authOf(req), req.body)),
  );
  app.get(
    '/children/print',
    {
      config,
      schema: {
        tags,
        querystring: z.object({ ids: z.string().max(4000).optional(), classId: Id.optional() }),
        response: { 200: z.object({ items: z.array(PrintChild) }) },
      },
    },
    async (req) => children.forPrint(authOf(req), { ids: req.query.ids?.split(',').filter(Boolean).slice(0, 200), classId: req.query.classId }),
  );
  app.get('/children/:id', { config, schema: { tags, params: IdParams, response: { 200: Child } } }, async (req) => children.get(authOf(req), req.params.id));
  app.post(
    '/children/:id/view-reason',
    { config, schema: { tags, params: IdParams, body: z.object({ reason: z.string().trim().min(2).max(200) }) } },
    async (req, reply) => {
      await children.giveReason(authOf(req), req.params.id, req.body.reason);
      return reply.code(204).send();
    },
  );
  // A POST: each reveal is an audited act, not a read to cache or prefetch.
  app.post('/children/:id/contact', { config, schema: { tags, params: IdParams, response: { 200: ChildContact } } }, async (req, reply) =>
    reply.header('cache-control', 'no-store').send(await children.contact(authOf(req), req.params.id)),
  );
  app.patch('/children/:id', { config, schema: { tags, params: IdParams, body: ChildUpdate, response: { 200: Child } } }, async (req) =>
    children.update(authOf(req), req.params.id, req.body),
  );
  // The counsellor's psychological risk flag: the psychology level alone (child.service.ts `setPsychology`).
  app.patch('/children/:id/psychology', { config, schema: { tags, params: IdParams, body: ChildPsychology, response: { 200: Child } } }, async (req) =>
    children.setPsychology(authOf(req), req.params.id, req.body),
  );
  app.get(
    '/children/:id/history',
    { config, schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(ChildHistoryEntry) }) } } },
    async (req) => children.history(authOf(req), req.params.id),
  );
  app.post('/children/:id/status', { config, schema: { tags, params: IdParams, body: ChildStatusChange, response: { 200: Child } } }, async (req) =>
    children.changeStatus(authOf(req), req.params.id, req.body),
  );
  app.get('/children/:id/transfer-targets', { config, schema: { tags, params: IdParams, response: { 200: z.array(TransferTarget) } } }, async (req) =>
    children.transferTargets(authOf(req), req.params.id),
  );
  app.post('/children/:id/transfer', { config, schema: { tags, params: IdParams, body: ChildTransfer } }, async (req, reply) => {
    await children.transfer(authOf(req), req.params.id, req.body);
    return reply.code(204).send();
  });
  app.delete('/children/:id', { config, schema: { tags, params: IdParams, body: ChildErase } }, async (req, reply) => {
    await children.erase(authOf(req), req.params.id, req.body);
    return reply.code(204).send();
  });
}
