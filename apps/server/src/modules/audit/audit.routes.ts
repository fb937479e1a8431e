import { AuditEntry, AuditQuery, Page } from '@carebridge/shared';
import { authOf } from '../../plugins/auth.ts';
import type { Api } from '../../routes.ts';

export function auditRoutes(app: Api) {
  app.get('/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: Page(AuditEntry) } } }, async (req) =>
    app.services.audit.list(authOf(req), req.query),
  );
}
