import { type LoginBody, MeResponse, type Role } from '@carebridge/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client.ts';
import { keys } from '../api/queries.ts';

function remember(me: MeResponse): MeResponse {
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user (GET /api/auth/me); a 401 here sends the user to /login via the client. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => api.get('/auth/me', { schema: MeResponse }).then(remember),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/auth/login', body, { schema: MeResponse }).then(remember),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
    },
  });
}

export function hasRole(me: MeResponse | undefined, ...roles: Role[]): boolean {
  return !!me?.roles.some((r) => roles.includes(r.role));
}
