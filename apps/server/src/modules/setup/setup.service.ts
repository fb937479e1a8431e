import type { DemoResponse, SetupBody } from '@carebridge/shared';
import { systemAuth } from '../../access/auth.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ChildService } from '../children/child.service.ts';
import { userRepo } from '../users/user.repository.ts';
import type { UserService } from '../users/users.service.ts';
import { seedDemoCounty } from './demo.ts';
import { seedDemoCare } from './demo-care.ts';
import { seedDemoChildren } from './demo-children.ts';
import { seedDemoWork } from './demo-work.ts';

export class SetupService {
  constructor(
    private readonly ctx: Ctx,
    private readonly audit: AuditService,
    private readonly users: UserService,
    private readonly children: ChildService,
  ) {}

  async needed(): Promise<boolean> {
    return (await userRepo.count(this.ctx.db)) === 0;
  }

  /** Create the first system administrator; only on a database without users. */
  async createAdmin(body: SetupBody, ip: string | null): Promise<{ id: string; username: string }> {
    return this.ctx.db.transaction().execute(async (tx) => {
      if ((await userRepo.count(tx)) > 0) throw new AppError('setup_done', 409);
      const id = await this.users.createUnchecked(tx, { username: body.admin.username, name: body.admin.name, password: body.admin.password }, [
        { role: 'system_admin', scope_kind: 'global', scope_id: null, school_id: null, region_path: null },
      ]);
      await this.audit.record(tx, { userId: id, username: body.admin.username, ip }, { action: 'setup.admin_created', entity: 'user', entityId: id });
      return { id, username: body.admin.username };
    });
  }

  /** Load the demo county; only on an empty database (no users, no regions). */
  async loadDemo(ip: string | null): Promise<DemoResponse> {
    return this.ctx.db.transaction().execute(async (tx) => {
      const regions = await tx.selectFrom('regions').select('id').limit(1).execute();
      if ((await userRepo.count(tx)) > 0 || regions.length) throw new AppError('demo_needs_empty', 409);
      const result = await seedDemoCounty(tx, this.users, this.ctx.clock());
      const children = await seedDemoChildren(tx, this.children, systemAuth('setup'), this.ctx.clock());
      const care = await seedDemoCare(tx, this.ctx.clock());
      const work = await seedDemoWork(tx, this.ctx.clock());
      await this.audit.record(
        tx,
        { userId: '', username: 'setup', ip },
        { action: 'setup.demo_loaded', entity: 'region', entityId: result.countyId, summary: { accounts: result.accounts.length, children, ...care, ...work } },
      );
      return { accounts: result.accounts };
    });
  }
}
