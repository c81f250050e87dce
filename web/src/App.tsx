import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from './auth/session.tsx';
import { canView, startsOnTasks, type PageId } from './auth/access.ts';
import { Shell } from './components/Shell.tsx';
import { Loading, PageHeader } from './components/ui.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { OrganisationPage } from './pages/OrganisationPage.tsx';
import { CodingPage } from './pages/CodingPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AttestRightsPage } from './pages/AttestRightsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { InvoicesPage } from './pages/InvoicesPage.tsx';
import { InvoicePage } from './pages/InvoicePage.tsx';
import { PdfInvoicePage, ReceiveInvoicePage } from './pages/ReceiveInvoicePage.tsx';
import { OnboardingPage, SupplierImportPage, SuppliersPage } from './pages/SuppliersPage.tsx';
import { SupplierPage } from './pages/SupplierPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { WorkbenchPage } from './pages/WorkbenchPage.tsx';
import { ReferenceCodesPage } from './pages/ReferenceCodesPage.tsx';
import { ExportPage, LedgerPage } from './pages/LedgerPage.tsx';
import { HoldsPage, PaymentsPage, ProposalPage } from './pages/PaymentsPage.tsx';
import { ReconcilePage } from './pages/ReconcilePage.tsx';
import { LateCostPage } from './pages/LateCostPage.tsx';

function Protected({ page, children }: { page: PageId; children: ReactNode }) {
  const { session, loading, signedOutByUser } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <Loading />;
  if (!session) return <Navigate to="/logga-in" replace state={signedOutByUser ? null : { from: location.pathname + location.search }} />;
  return (
    <Shell>
      {canView(page, session.user.roles) ? (
        children
      ) : (
        <>
          <PageHeader title={t(`nav.${page}`)} />
          <div className="alert alert-error" role="alert">
            <p>{t('app.forbiddenPage')}</p>
          </div>
          <p><Link to="/">{t('app.backToStart')}</Link></p>
        </>
      )}
    </Shell>
  );
}

/** Beställare and attestants land on their tasks; everyone else on the overview. */
function Start() {
  const { session } = useSession();
  const location = useLocation();
  if (session && startsOnTasks(session.user.roles) && !(location.state as { overview?: boolean } | null)?.overview) return <Navigate to="/uppgifter" replace />;
  return <OverviewPage />;
}

function NotFound() {
  const { t } = useTranslation();
  const { session } = useSession();
  const body = (
    <>
      <PageHeader title={t('app.notFound')} />
      <p><Link to="/">{t('app.backToStart')}</Link></p>
    </>
  );
  return session ? <Shell>{body}</Shell> : <main id="main" className="main">{body}</main>;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/logga-in" element={<LoginPage />} />
        <Route path="/" element={<Protected page="overview"><Start /></Protected>} />
        <Route path="/uppgifter" element={<Protected page="tasks"><TasksPage /></Protected>} />
        <Route path="/tasks" element={<Navigate to="/uppgifter" replace />} />
        <Route path="/arbetsbank" element={<Protected page="workbench"><WorkbenchPage /></Protected>} />
        <Route path="/workbench" element={<Navigate to="/arbetsbank" replace />} />
        <Route path="/referenskoder" element={<Protected page="referenceCodes"><ReferenceCodesPage /></Protected>} />
        <Route path="/fakturor" element={<Protected page="invoices"><InvoicesPage /></Protected>} />
        <Route path="/fakturor/:id" element={<Protected page="invoice"><InvoicePage /></Protected>} />
        <Route path="/ta-emot-faktura" element={<Protected page="receiveInvoice"><ReceiveInvoicePage /></Protected>} />
        <Route path="/ta-emot-faktura/pdf" element={<Protected page="receiveInvoice"><PdfInvoicePage /></Protected>} />
        <Route path="/leverantorer" element={<Protected page="suppliers"><SuppliersPage /></Protected>} />
        <Route path="/leverantorer/nya" element={<Protected page="suppliers"><OnboardingPage /></Protected>} />
        <Route path="/leverantorer/import" element={<Protected page="suppliers"><SupplierImportPage /></Protected>} />
        <Route path="/leverantorer/:id" element={<Protected page="suppliers"><SupplierPage /></Protected>} />
        <Route path="/betalningar" element={<Protected page="payments"><PaymentsPage /></Protected>} />
        <Route path="/betalningar/sparrar" element={<Protected page="payments"><HoldsPage /></Protected>} />
        <Route path="/betalningar/:id" element={<Protected page="payments"><ProposalPage /></Protected>} />
        <Route path="/avstamning" element={<Protected page="reconcile"><ReconcilePage /></Protected>} />
        <Route path="/reskontra" element={<Protected page="ledger"><LedgerPage /></Protected>} />
        <Route path="/export" element={<Protected page="ledgerExport"><ExportPage /></Protected>} />
        <Route path="/sena-betalningar" element={<Protected page="lateCost"><LateCostPage /></Protected>} />
        <Route path="/organisation" element={<Protected page="organisation"><OrganisationPage /></Protected>} />
        <Route path="/kontering" element={<Protected page="coding"><CodingPage /></Protected>} />
        <Route path="/anvandare" element={<Protected page="users"><UsersPage /></Protected>} />
        <Route path="/attestratter" element={<Protected page="attestRights"><AttestRightsPage /></Protected>} />
        <Route path="/granskningslogg" element={<Protected page="audit"><AuditPage /></Protected>} />
        <Route path="/mitt-konto" element={<Protected page="account"><AccountPage /></Protected>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </BrowserRouter>
  );
}
