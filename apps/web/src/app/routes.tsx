import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { PageLoading } from '../components/PageLoading.tsx';

// Every page is its own chunk: the login page must not pay for the tables, trees and pickers of the rest.
const SetupPage = lazy(() => import('../features/setup/SetupPage.tsx'));
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const MainLayout = lazy(() => import('../layout/MainLayout.tsx'));
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage.tsx'));
const RegionsPage = lazy(() => import('../features/regions/RegionsPage.tsx'));
const SchoolsPage = lazy(() => import('../features/schools/SchoolsPage.tsx'));
const TermsPage = lazy(() => import('../features/terms/TermsPage.tsx'));
const ClassesPage = lazy(() => import('../features/classes/ClassesPage.tsx'));
const UsersPage = lazy(() => import('../features/users/UsersPage.tsx'));
const OrganisationPage = lazy(() => import('../features/organisation/OrganisationPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const ChildrenPage = lazy(() => import('../features/children/ChildrenPage.tsx'));
const ChildDetailPage = lazy(() => import('../features/children/ChildDetailPage.tsx'));
const ChildFormPage = lazy(() => import('../features/children/ChildFormPage.tsx'));
const PrintPage = lazy(() => import('../features/children/print/PrintPage.tsx'));
const RosterImportPage = lazy(() => import('../features/rosters/RosterImportPage.tsx'));
const PairingsPage = lazy(() => import('../features/mentoring/PairingsPage.tsx'));
const MinePage = lazy(() => import('../features/mentoring/MinePage.tsx'));
const CareRecordsPage = lazy(() => import('../features/care-records/CareRecordsPage.tsx'));
const CareRecordFormPage = lazy(() => import('../features/care-records/CareRecordFormPage.tsx'));
const CareRecordPage = lazy(() => import('../features/care-records/CareRecordPage.tsx'));
const CompliancePage = lazy(() => import('../features/compliance/CompliancePage.tsx'));
const CarePolicyPage = lazy(() => import('../features/compliance/CarePolicyPage.tsx'));
const IncidentsPage = lazy(() => import('../features/incidents/IncidentsPage.tsx'));
const IncidentFormPage = lazy(() => import('../features/incidents/IncidentFormPage.tsx'));
const IncidentPage = lazy(() => import('../features/incidents/IncidentPage.tsx'));
const ActivitiesPage = lazy(() => import('../features/activities/ActivitiesPage.tsx'));
const ActivityFormPage = lazy(() => import('../features/activities/ActivityFormPage.tsx'));
const ActivityPage = lazy(() => import('../features/activities/ActivityPage.tsx'));
const SafetyPage = lazy(() => import('../features/safety/SafetyPage.tsx'));
const CampsPage = lazy(() => import('../features/camps/CampsPage.tsx'));
const CampFormPage = lazy(() => import('../features/camps/CampFormPage.tsx'));
const CampPage = lazy(() => import('../features/camps/CampPage.tsx'));
const CampPrintPage = lazy(() => import('../features/camps/print/CampPrintPage.tsx'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage.tsx'));
const CampaignFormPage = lazy(() => import('../features/campaigns/CampaignFormPage.tsx'));
const CampaignPage = lazy(() => import('../features/campaigns/CampaignPage.tsx'));
const EventsPage = lazy(() => import('../features/events/EventsPage.tsx'));
const EventFormPage = lazy(() => import('../features/events/EventFormPage.tsx'));
const EventPage = lazy(() => import('../features/events/EventPage.tsx'));
const TeamFormPage = lazy(() => import('../features/events/TeamFormPage.tsx'));
const EventPrintPage = lazy(() => import('../features/events/print/EventPrintPage.tsx'));
const StatsPage = lazy(() => import('../features/stats/StatsPage.tsx'));
const SubmissionsPage = lazy(() => import('../features/submissions/SubmissionsPage.tsx'));
const BriefingsPage = lazy(() => import('../features/briefings/BriefingsPage.tsx'));
const BriefingEditorPage = lazy(() => import('../features/briefings/BriefingEditorPage.tsx'));
const NotFoundPage = lazy(() => import('../layout/NotFoundPage.tsx'));

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
            <Route path="audit" element={<AuditPage />} />
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
            <Route path="compliance" element={<CompliancePage />} />
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
            <Route path="stats" element={<StatsPage />} />
            <Route path="submissions" element={<SubmissionsPage />} />
            <Route path="briefings" element={<BriefingsPage />} />
            <Route path="briefings/:id" element={<BriefingEditorPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
