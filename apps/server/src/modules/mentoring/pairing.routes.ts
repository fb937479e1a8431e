import {
  Id,
  IdParams,
  Page,
  Pairing,
  PairingBatch,
  PairingCarry,
  PairingCreate,
  PairingCreated,
  PairingEnd,
  PairingOverview,
  PairingQuery,
  PairingSuggestBody,
  PairingSuggestions,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function pairingRoutes(app: Api) {
  const { pairings } = app.services;
  const tags = ['pairings'];
  const config = { labels: 'careFields' };
  app.get('/pairings', { schema: { tags, querystring: PairingQuery, response: { 200: Page(Pairing) } } }, async (req) => pairings.list(authOf(req), req.query));
  app.post('/pairings', { config, schema: { tags, body: PairingCreate, response: { 201: PairingCreated } } }, async (req, reply) =>
    reply.code(201).send(await pairings.create(authOf(req), req.body, req.lang)),
  );
  app.post('/pairings/batch', { config, schema: { tags, body: PairingBatch, response: { 201: PairingCreated } } }, async (req, reply) =>
    reply.code(201).send(await pairings.createBatch(authOf(req), req.body, req.lang)),
  );
  app.get('/pairings/overview', { schema: { tags, querystring: z.object({ schoolId: Id }), response: { 200: PairingOverview } } }, async (req) =>
    pairings.overview(authOf(req), req.query.schoolId),
  );
  app.post('/pairings/suggest', { schema: { tags, body: PairingSuggestBody, response: { 200: PairingSuggestions } } }, async (req) =>
    pairings.suggest(authOf(req), req.body.schoolId),
  );
  app.post('/pairings/carry', { schema: { tags, body: PairingCarry, response: { 200: z.object({ carried: z.number().int() }) } } }, async (req) =>
    pairings.carry(authOf(req), req.body),
  );
  app.post('/pairings/:id/end', { config, schema: { tags, params: IdParams, body: PairingEnd, response: { 200: Pairing } } }, async (req) =>
    pairings.end(authOf(req), req.params.id, req.body),
  );
}
