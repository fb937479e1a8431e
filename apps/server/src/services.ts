import type { Ctx } from './context.ts';
import { ActivityService } from './modules/activities/activity.service.ts';
import { SafetyService } from './modules/activities/safety.service.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { CampaignService } from './modules/campaigns/campaign.service.ts';
import { EventService } from './modules/campaigns/event.service.ts';
import { CampService } from './modules/camps/camp.service.ts';
import { CareRecordService } from './modules/care-records/care-record.service.ts';
import { ChildService } from './modules/children/child.service.ts';
import { ComplianceService } from './modules/compliance/compliance.service.ts';
import { ComplianceExportService } from './modules/compliance/compliance-export.ts';
import { NotificationService } from './modules/compliance/notification.service.ts';
import { PolicyService } from './modules/compliance/policy.service.ts';
import { IncidentService } from './modules/incidents/incident.service.ts';
import { PairingService } from './modules/mentoring/pairing.service.ts';
import { ClassService } from './modules/org/classes.service.ts';
import { OrganisationService } from './modules/org/organisation.service.ts';
import { RegionService } from './modules/org/regions.service.ts';
import { SchoolService } from './modules/org/schools.service.ts';
import { TermService } from './modules/org/terms.service.ts';
import { BriefingService } from './modules/reporting/briefing.service.ts';
import { StatsService } from './modules/reporting/stats.service.ts';
import { SubmissionService } from './modules/reporting/submission.service.ts';
import { RosterExportService } from './modules/rosters/roster-export.service.ts';
import { RosterImportService } from './modules/rosters/roster-import.service.ts';
import { SetupService } from './modules/setup/setup.service.ts';
import { UserService } from './modules/users/users.service.ts';

/** Every service, wired once per app. */
export function buildServices(ctx: Ctx) {
  const audit = new AuditService(ctx);
  const users = new UserService(ctx, audit);
  const schools = new SchoolService(ctx, audit);
  const policies = new PolicyService(ctx, audit);
  const compliance = new ComplianceService(ctx, audit, policies);
  const children = new ChildService(ctx, audit, compliance.riskLevels);
  const notifications = new NotificationService(ctx, compliance);
  const stats = new StatsService(ctx, compliance, children);
  const activities = new ActivityService(ctx, audit);
  const careRecords = new CareRecordService(ctx, audit, children, activities);
  return {
    audit,
    auth: new AuthService(ctx, audit),
    users,
    setup: new SetupService(ctx, audit, users, children),
    regions: new RegionService(ctx, audit),
    schools,
    terms: new TermService(ctx, audit, schools),
    classes: new ClassService(ctx, audit, schools),
    organisation: new OrganisationService(ctx, audit, schools),
    children,
    pairings: new PairingService(ctx, audit, compliance),
    careRecords,
    campaigns: new CampaignService(ctx, audit, careRecords),
    events: new EventService(ctx, audit),
    policies,
    compliance,
    complianceExport: new ComplianceExportService(ctx, audit, compliance),
    notifications,
    incidents: new IncidentService(ctx, audit, notifications),
    activities,
    safety: new SafetyService(ctx, audit),
    camps: new CampService(ctx, audit),
    stats,
    submissions: new SubmissionService(ctx, audit, notifications),
    briefings: new BriefingService(ctx, audit, stats),
    rosterImport: new RosterImportService(ctx, audit, children),
    rosterExport: new RosterExportService(ctx, audit, children),
  };
}

export type Services = ReturnType<typeof buildServices>;
