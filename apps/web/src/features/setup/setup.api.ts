import { DemoResponse, type SetupBody } from '@carebridge/shared';
import { z } from 'zod';
import { api } from '../../api/client.ts';

export const SetupStatus = z.object({ needed: z.boolean() });

export const setupApi = {
  status: () => api.get('/setup', { schema: SetupStatus }),
  createAdmin: (body: SetupBody) => api.post('/setup', body),
  loadDemo: () => api.post('/setup/demo', undefined, { schema: DemoResponse }),
};
