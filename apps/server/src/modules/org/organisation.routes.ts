import { CareOrganisation, DutyCreate, DutyUpdate, IdParams, LeadershipMemberCreate, LeadershipMemberUpdate } from '@carebridge/shared';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function organisationRoutes(app: Api) {
  const { organisation } = app.services;
  const tags = ['organisation'];
  const response = { 200: CareOrganisation };
  app.get('/schools/:id/organisation', { schema: { tags, params: IdParams, response } }, async (req) => organisation.get(authOf(req), req.params.id));
  app.post(
    '/schools/:id/leadership',
    { schema: { tags, params: IdParams, body: LeadershipMemberCreate, response: { 201: CareOrganisation } } },
    async (req, reply) => reply.code(201).send(await organisation.addMember(authOf(req), req.params.id, req.body)),
  );
  app.patch('/leadership/:id', { schema: { tags, params: IdParams, body: LeadershipMemberUpdate, response } }, async (req) =>
    organisation.updateMember(authOf(req), req.params.id, req.body),
  );
  app.delete('/leadership/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await organisation.removeMember(authOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.post('/schools/:id/duties', { schema: { tags, params: IdParams, body: DutyCreate, response: { 201: CareOrganisation } } }, async (req, reply) =>
    reply.code(201).send(await organisation.addDuty(authOf(req), req.params.id, req.body)),
  );
  app.patch('/duties/:id', { schema: { tags, params: IdParams, body: DutyUpdate, response } }, async (req) =>
    organisation.updateDuty(authOf(req), req.params.id, req.body),
  );
  app.delete('/duties/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await organisation.removeDuty(authOf(req), req.params.id);
    return reply.code(204).send();
  });
}
