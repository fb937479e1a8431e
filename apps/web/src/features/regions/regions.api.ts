import { Region, type RegionCreate, type RegionUpdate } from '@carebridge/shared';
import { api } from '../../api/client.ts';

export const regionsApi = {
  create: (body: RegionCreate) => api.post('/regions', body, { schema: Region }),
  update: (id: string, body: RegionUpdate) => api.patch(`/regions/${id}`, body, { schema: Region }),
  /** 204; 409 `in_use` naming what still uses the region. */
  remove: (id: string) => api.delete(`/regions/${id}`),
};
