import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
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
const NotFoundPage = lazy(() => import('../layout/NotFoundPage.tsx'));

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/setup" element={<SetupPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route element={<MainLayout />}>
            <Route index element={<WorkbenchPage />} />
            <Route path="regions" element={<RegionsPage />} />
            <Route path="schools" element={<SchoolsPage />} />
            <Route path="terms" element={<TermsPage />} />
            <Route path="classes" element={<ClassesPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="organisation" element={<OrganisationPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
