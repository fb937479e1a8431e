import { type ClassCreate, type ClassUpdate, SchoolClass } from '@carebridge/shared';
import { api } from '../../api/client.ts';

export const classesApi = {
  create: (body: ClassCreate) => api.post('/classes', body, { schema: SchoolClass }),
  update: (id: string, body: ClassUpdate) => api.patch(`/classes/${id}`, body, { schema: SchoolClass }),
};
