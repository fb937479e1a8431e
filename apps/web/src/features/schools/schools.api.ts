import { School, type SchoolCreate, type SchoolUpdate } from '@carebridge/shared';
import { api } from '../../api/client.ts';

export const schoolsApi = {
  get: (id: string) => api.get(`/schools/${id}`, { schema: School }),
  create: (body: SchoolCreate) => api.post('/schools', body, { schema: School }),
  update: (id: string, body: SchoolUpdate) => api.patch(`/schools/${id}`, body, { schema: School }),
  /** 204; 409 `in_use` naming what still uses the school. */
  remove: (id: string) => api.delete(`/schools/${id}`),
};
