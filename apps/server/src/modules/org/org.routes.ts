import {
  ClassCreate,
  ClassUpdate,
  GRADE_MAX,
  GRADE_MIN,
  Id,
  IdParams,
  MyClass,
  Region,
  RegionCreate,
  RegionTermCreate,
  RegionTermResult,
  RegionUpdate,
  School,
  SchoolClass,
  SchoolCreate,
  SchoolUpdate,
  Term,
  TermCreate,
  TermUpdate,
} from '@carebridge/shared';
import { z } from 'zod';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';
import { myClasses } from './my-classes.ts';

const items = <T extends z.ZodTypeAny>(t: T) => z.object({ items: z.array(t) });

export function orgRoutes(app: Api) {
  const { regions, schools, terms, classes } = app.services;

  app.get('/regions', { schema: { tags: ['regions'], response: { 200: items(Region) } } }, async (req) => ({ items: await regions.list(authOf(req)) }));
  app.post('/regions', { schema: { tags: ['regions'], body: RegionCreate, response: { 201: Region } } }, async (req, reply) =>
    reply.code(201).send(await regions.create(authOf(req), req.body)),
  );
  app.patch('/regions/:id', { schema: { tags: ['regions'], params: IdParams, body: RegionUpdate, response: { 200: Region } } }, async (req) =>
    regions.update(authOf(req), req.params.id, req.body),
  );
  app.delete('/regions/:id', { schema: { tags: ['regions'], params: IdParams } }, async (req, reply) => {
    await regions.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });

  const SchoolQuery = z.object({ regionId: Id.optional(), q: z.string().max(50).optional() });
  app.get('/schools', { schema: { tags: ['schools'], querystring: SchoolQuery, response: { 200: items(School) } } }, async (req) => ({
    items: await schools.list(authOf(req), req.query),
  }));
  app.post('/schools', { schema: { tags: ['schools'], body: SchoolCreate, response: { 201: School } } }, async (req, reply) =>
    reply.code(201).send(await schools.create(authOf(req), req.body)),
  );
  app.get('/schools/:id', { schema: { tags: ['schools'], params: IdParams, response: { 200: School } } }, async (req) =>
    schools.get(authOf(req), req.params.id),
  );
  app.patch('/schools/:id', { schema: { tags: ['schools'], params: IdParams, body: SchoolUpdate, response: { 200: School } } }, async (req) =>
    schools.update(authOf(req), req.params.id, req.body),
  );
  app.delete('/schools/:id', { schema: { tags: ['schools'], params: IdParams } }, async (req, reply) => {
    await schools.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });

  const BySchool = z.object({ schoolId: Id });
  app.get('/terms', { schema: { tags: ['terms'], querystring: BySchool, response: { 200: items(Term) } } }, async (req) => ({
    items: await terms.list(authOf(req), req.query.schoolId),
  }));
  app.post('/terms', { schema: { tags: ['terms'], body: TermCreate, response: { 201: Term } } }, async (req, reply) =>
    reply.code(201).send(await terms.create(authOf(req), req.body)),
  );
  // A county's calendar: the same term for every school of the region (each school's outcome in the answer).
  app.post('/terms/for-region', { schema: { tags: ['terms'], body: RegionTermCreate, response: { 200: RegionTermResult } } }, async (req) =>
    terms.createForRegion(authOf(req), req.body),
  );
  app.patch('/terms/:id', { schema: { tags: ['terms'], params: IdParams, body: TermUpdate, response: { 200: Term } } }, async (req) =>
    terms.update(authOf(req), req.params.id, req.body),
  );
  app.delete('/terms/:id', { schema: { tags: ['terms'], params: IdParams } }, async (req, reply) => {
    await terms.remove(authOf(req), req.params.id);
    return reply.code(204).send();
  });

  const ClassQuery = BySchool.extend({ grade: z.coerce.number().int().min(GRADE_MIN).max(GRADE_MAX).optional() });
  app.get('/classes', { schema: { tags: ['classes'], querystring: ClassQuery, response: { 200: items(SchoolClass) } } }, async (req) => ({
    items: await classes.list(authOf(req), req.query.schoolId, req.query.grade),
  }));
  // 我的班级 on a class teacher's workbench (empty for everyone else).
  app.get('/classes/mine', { schema: { tags: ['classes'], response: { 200: items(MyClass) } } }, async (req) => ({
    items: await myClasses(app.ctx, authOf(req)),
  }));
  app.post('/classes', { schema: { tags: ['classes'], body: ClassCreate, response: { 201: SchoolClass } } }, async (req, reply) =>
    reply.code(201).send(await classes.create(authOf(req), req.body)),
  );
  app.patch('/classes/:id', { schema: { tags: ['classes'], params: IdParams, body: ClassUpdate, response: { 200: SchoolClass } } }, async (req) =>
    classes.update(authOf(req), req.params.id, req.body),
  );
}
