import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { NavKey } from '../auth/permissions.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { PageLoading } from '../components/PageLoading.tsx';

/**
 * A page behind sign-in (or the first-run page), loaded together with the shared Chinese texts of such
 * pages (i18n/pages.ts), which the login page does not carry.
 */
function page<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([import('../i18n/pages.ts'), load()]).then(([, module]) => module));
}

// Every page is its own chunk: the login page must not pay for the tables, trees and pickers of the rest.
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const SetupPage = page(() => import('../features/setup/SetupPage.tsx'));
const MainLayout = page(() => import('../layout/MainLayout.tsx'));
const WorkbenchPage = page(() => import('../features/workbench/WorkbenchPage.tsx'));
const RegionsPage = page(() => import('../features/regions/RegionsPage.tsx'));
const SchoolsPage = page(() => import('../features/schools/SchoolsPage.tsx'));
const TermsPage = page(() => import('../features/terms/TermsPage.tsx'));
const ClassesPage = page(() => import('../features/classes/ClassesPage.tsx'));
const UsersPage = page(() => import('../features/users/UsersPage.tsx'));
const OrganisationPage = page(() => import('../features/organisation/OrganisationPage.tsx'));
const AuditPage = page(() => import('../features/audit/AuditPage.tsx'));
const ChildrenPage = page(() => import('../features/children/ChildrenPage.tsx'));
const ChildDetailPage = page(() => import('../features/children/ChildDetailPage.tsx'));
const ChildFormPage = page(() => import('../features/children/ChildFormPage.tsx'));
const PrintPage = page(() => import('../features/children/print/PrintPage.tsx'));
const RosterImportPage = page(() => import('../features/rosters/RosterImportPage.tsx'));
const PairingsPage = page(() => import('../features/mentoring/PairingsPage.tsx'));
const MinePage = page(() => import('../features/mentoring/MinePage.tsx'));
const CareRecordsPage = page(() => import('../features/care-records/CareRecordsPage.tsx'));
const CareRecordFormPage = page(() => import('../features/care-records/CareRecordFormPage.tsx'));
const CareRecordPage = page(() => import('../features/care-records/CareRecordPage.tsx'));
const CompliancePage = page(() => import('../features/compliance/CompliancePage.tsx'));
const CarePolicyPage = page(() => import('../features/compliance/CarePolicyPage.tsx'));
const IncidentsPage = page(() => import('../features/incidents/IncidentsPage.tsx'));
const IncidentFormPage = page(() => import('../features/incidents/IncidentFormPage.tsx'));
const IncidentPage = page(() => import('../features/incidents/IncidentPage.tsx'));
const ActivitiesPage = page(() => import('../features/activities/ActivitiesPage.tsx'));
const ActivityFormPage = page(() => import('../features/activities/ActivityFormPage.tsx'));
const ActivityPage = page(() => import('../features/activities/ActivityPage.tsx'));
const SafetyPage = page(() => import('../features/safety/SafetyPage.tsx'));
const CampsPage = page(() => import('../features/camps/CampsPage.tsx'));
const CampFormPage = page(() => import('../features/camps/CampFormPage.tsx'));
const CampPage = page(() => import('../features/camps/CampPage.tsx'));
const CampPrintPage = page(() => import('../features/camps/print/CampPrintPage.tsx'));
const CampaignsPage = page(() => import('../features/campaigns/CampaignsPage.tsx'));
const CampaignFormPage = page(() => import('../features/campaigns/CampaignFormPage.tsx'));
const CampaignPage = page(() => import('../features/campaigns/CampaignPage.tsx'));
const EventsPage = page(() => import('../features/events/EventsPage.tsx'));
const EventFormPage = page(() => import('../features/events/EventFormPage.tsx'));
const EventPage = page(() => import('../features/events/EventPage.tsx'));
const TeamFormPage = page(() => import('../features/events/TeamFormPage.tsx'));
const EventPrintPage = page(() => import('../features/events/print/EventPrintPage.tsx'));
const StatsPage = page(() => import('../features/stats/StatsPage.tsx'));
const SubmissionsPage = page(() => import('../features/submissions/SubmissionsPage.tsx'));
const BriefingsPage = page(() => import('../features/briefings/BriefingsPage.tsx'));
const BriefingEditorPage = page(() => import('../features/briefings/BriefingEditorPage.tsx'));
const NotFoundPage = page(() => import('../layout/NotFoundPage.tsx'));
const Permitted = page(() => import('../layout/Permitted.tsx'));
/** A page whose data the server refuses to roles without it in their menu: those are told so (Permitted). */
const only = (nav: NavKey, element: ReactNode) => <Permitted nav={nav}>{element}</Permitted>;

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/login" element={<LoginPage />} />
          {/* Print views: plain A4 pages outside the menu layout. */}
          <Route path="/children/:id/print/:kind" element={<PrintPage />} />
          <Route path="/children/print/:kind" element={<PrintPage />} />
          <Route path="/camps/:id/print/:kind/:target" element={<CampPrintPage />} />
          <Route path="/events/:id/print" element={<EventPrintPage />} />
          <Route element={<MainLayout />}>
            <Route index element={<WorkbenchPage />} />
            <Route path="regions" element={<RegionsPage />} />
            <Route path="schools" element={<SchoolsPage />} />
            <Route path="terms" element={<TermsPage />} />
            <Route path="classes" element={<ClassesPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="organisation" element={<OrganisationPage />} />
            <Route path="audit" element={only('audit', <AuditPage />)} />
            <Route path="children" element={<ChildrenPage />} />
            <Route path="children/new" element={<ChildFormPage />} />
            <Route path="children/:id" element={<ChildDetailPage />} />
            <Route path="children/:id/edit" element={<ChildFormPage />} />
            <Route path="rosters" element={<Navigate to="/rosters/import" replace />} />
            <Route path="rosters/import" element={<RosterImportPage />} />
            <Route path="pairings" element={<PairingsPage />} />
            <Route path="mine" element={<MinePage />} />
            <Route path="care-records" element={<CareRecordsPage />} />
            <Route path="care-records/new" element={<CareRecordFormPage />} />
            <Route path="care-records/:id" element={<CareRecordPage />} />
            <Route path="care-records/:id/edit" element={<CareRecordFormPage />} />
            <Route path="compliance" element={only('compliance', <CompliancePage />)} />
            <Route path="care-policy" element={<CarePolicyPage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/new" element={<IncidentFormPage />} />
            <Route path="incidents/:id" element={<IncidentPage />} />
            <Route path="incidents/:id/edit" element={<IncidentFormPage />} />
            <Route path="activities" element={<ActivitiesPage />} />
            <Route path="activities/new" element={<ActivityFormPage />} />
            <Route path="activities/:id" element={<ActivityPage />} />
            <Route path="activities/:id/edit" element={<ActivityFormPage />} />
            <Route path="safety" element={<SafetyPage />} />
            <Route path="camps" element={<CampsPage />} />
            <Route path="camps/new" element={<CampFormPage />} />
            <Route path="camps/:id" element={<CampPage />} />
            <Route path="campaigns" element={<CampaignsPage />} />
            <Route path="campaigns/new" element={<CampaignFormPage />} />
            <Route path="campaigns/:id" element={<CampaignPage />} />
            <Route path="events" element={<EventsPage />} />
            <Route path="events/new" element={<EventFormPage />} />
            <Route path="events/:id" element={<EventPage />} />
            <Route path="events/:id/edit" element={<EventFormPage />} />
            <Route path="events/:id/teams/new" element={<TeamFormPage />} />
            <Route path="events/:id/teams/:teamId" element={<TeamFormPage />} />
            <Route path="stats" element={only('stats', <StatsPage />)} />
            <Route path="submissions" element={<SubmissionsPage />} />
            <Route path="briefings" element={only('briefings', <BriefingsPage />)} />
            <Route path="briefings/:id" element={only('briefings', <BriefingEditorPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
