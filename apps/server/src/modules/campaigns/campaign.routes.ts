import {
  Campaign,
  CampaignCreate,
  CampaignPlace,
  CampaignSummary,
  CampaignUpdate,
  Donation,
  DonationCreate,
  EventCreate,
  EventUpdate,
  EventView,
  Id,
  IdParams,
  PlacesAssign,
  PlaceVisit,
  Team,
  TeamCreate,
  TeamReview,
  TeamUpdate,
  Version,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function campaignRoutes(app: Api) {
  const { campaigns, events } = app.services;
  const config = { labels: 'campaignFields' };
  let tags = ['campaigns'];
  app.get(
    '/campaigns',
    { schema: { tags, querystring: z.object({ schoolId: Id.optional() }), response: { 200: z.object({ items: z.array(CampaignSummary) }) } } },
    async (req) => campaigns.list(authOf(req), req.query),
  );
  app.post('/campaigns', { config, schema: { tags, body: CampaignCreate, response: { 201: Campaign } } }, async (req, reply) =>
    reply.code(201).send(await campaigns.create(authOf(req), req.body, req.lang)),
  );
  app.get('/campaigns/:id', { schema: { tags, params: IdParams, response: { 200: Campaign } } }, async (req) =>
    campaigns.get(authOf(req), req.params.id, req.lang),
  );
  app.patch('/campaigns/:id', { config, schema: { tags, params: IdParams, body: CampaignUpdate, response: { 200: Campaign } } }, async (req) =>
    campaigns.update(authOf(req), req.params.id, req.body, req.lang),
  );
  app.delete('/campaigns/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await campaigns.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.get(
    '/campaigns/:id/places',
    { schema: { tags, params: IdParams, querystring: z.object({ groupId: Id.optional() }), response: { 200: z.object({ items: z.array(CampaignPlace) }) } } },
    async (req) => campaigns.places(authOf(req), req.params.id, req.query),
  );
  app.post('/campaigns/:id/places/assign', { config, schema: { tags, params: IdParams, body: PlacesAssign, response: { 200: Campaign } } }, async (req) =>
    campaigns.assign(authOf(req), req.params.id, req.body.placeIds, req.body.groupId, req.lang),
  );
  app.post(
    '/campaigns/:id/places/:placeId/visit',
    { config, schema: { tags, params: z.object({ id: Id, placeId: Id }), body: PlaceVisit, response: { 201: CampaignPlace } } },
    async (req, reply) => reply.code(201).send(await campaigns.visit(authOf(req), req.params.id, req.params.placeId, req.body, req.lang)),
  );

  tags = ['events'];
  const eventConfig = { labels: 'eventFields' };
  const teamParams = z.object({ id: Id, teamId: Id });
  app.get('/events', { schema: { tags, response: { 200: z.object({ items: z.array(EventView) }) } } }, async (req) => events.list(authOf(req)));
  app.post('/events', { config: eventConfig, schema: { tags, body: EventCreate, response: { 201: EventView } } }, async (req, reply) =>
    reply.code(201).send(await events.create(authOf(req), req.body)),
  );
  app.get('/events/:id', { schema: { tags, params: IdParams, response: { 200: EventView } } }, async (req) => events.get(authOf(req), req.params.id));
  app.patch('/events/:id', { config: eventConfig, schema: { tags, params: IdParams, body: EventUpdate, response: { 200: EventView } } }, async (req) =>
    events.update(authOf(req), req.params.id, req.body),
  );
  app.get('/events/:id/teams', { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(Team) }) } } }, async (req) =>
    events.teams(authOf(req), req.params.id, req.lang),
  );
  app.post('/events/:id/teams', { config: eventConfig, schema: { tags, params: IdParams, body: TeamCreate, response: { 201: Team } } }, async (req, reply) =>
    reply.code(201).send(await events.addTeam(authOf(req), req.params.id, req.body, req.lang)),
  );
  app.get('/events/:id/teams/:teamId', { schema: { tags, params: teamParams, response: { 200: Team } } }, async (req) =>
    events.team(authOf(req), req.params.id, req.params.teamId, req.lang),
  );
  app.patch(
    '/events/:id/teams/:teamId',
    { config: eventConfig, schema: { tags, params: teamParams, body: TeamUpdate, response: { 200: Team } } },
    async (req) => events.updateTeam(authOf(req), req.params.id, req.params.teamId, req.body, req.lang),
  );
  app.post(
    '/events/:id/teams/:teamId/submit',
    { config: eventConfig, schema: { tags, params: teamParams, body: z.object({ version: Version }), response: { 200: Team } } },
    async (req) => events.submit(authOf(req), req.params.id, req.params.teamId, req.body.version, req.lang),
  );
  app.post(
    '/events/:id/teams/:teamId/approve',
    { config: eventConfig, schema: { tags, params: teamParams, body: TeamReview, response: { 200: Team } } },
    async (req) => events.review(authOf(req), req.params.id, req.params.teamId, true, req.body, req.lang),
  );
  app.post(
    '/events/:id/teams/:teamId/return',
    { config: eventConfig, schema: { tags, params: teamParams, body: TeamReview, response: { 200: Team } } },
    async (req) => events.review(authOf(req), req.params.id, req.params.teamId, false, req.body, req.lang),
  );
  app.get(
    '/donations',
    { schema: { tags, querystring: z.object({ schoolId: Id.optional(), eventId: Id.optional() }), response: { 200: z.object({ items: z.array(Donation) }) } } },
    async (req) => events.donations(authOf(req), req.query),
  );
  app.post(
    '/donations',
    { config: eventConfig, schema: { tags, body: DonationCreate, response: { 201: z.object({ items: z.array(Donation) }) } } },
    async (req, reply) => reply.code(201).send(await events.addDonation(authOf(req), req.body)),
  );
}
