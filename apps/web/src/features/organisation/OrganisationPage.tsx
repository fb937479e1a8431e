import '../../i18n/activities.ts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Flex, Typography } from 'antd';
import type { ApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { canManage } from '../../auth/permissions.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SchoolPicker, useSelectedSchool } from '../../components/SchoolPicker.tsx';
import { conflictText } from '../../forms/conflict.ts';
import { useT } from '../../i18n/lang.tsx';
import { DutiesCard as SafetyDutiesCard } from '../safety/DutiesCard.tsx';
import { DutiesCard } from './DutiesCard.tsx';
import { LeadershipCard } from './LeadershipCard.tsx';
import { useOrganisation } from './organisation.api.ts';

/** A school's care organisation: the leadership group, the duties by office and the safety responsibilities. */
export default function OrganisationPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe().data;
  const manage = canManage(me, 'organisation');
  const { schoolId, setSchoolId, schools } = useSelectedSchool();
  const org = useOrganisation(schoolId);

  const saved = (text: string) => {
    message.success(text);
    void qc.invalidateQueries({ queryKey: keys.organisation(schoolId) });
  };
  const fresh = () => org.refetch().then((r) => r.data);
  const conflictMessage = (err: ApiError) => message.warning({ content: conflictText(err, t('common.reloaded')), duration: 8 });

  return (
    <>
      <PageHeader title={t('org.title')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('org.intro')}</Typography.Text>
          <SchoolPicker value={schoolId} onChange={setSchoolId} schools={schools.data ?? []} loading={schools.isLoading} style={{ maxWidth: 360 }} />
        </Flex>
      </PageHeader>
      <QueryError error={org.error ?? schools.error} onRetry={() => org.refetch()} />
      {schoolId && (
        <Flex vertical gap={16}>
          <LeadershipCard
            schoolId={schoolId}
            members={org.data?.members ?? []}
            loading={org.isFetching}
            manage={manage}
            onSaved={saved}
            reloadMember={async (id) => (await fresh())?.members.find((m) => m.id === id) ?? null}
            onConflictMessage={conflictMessage}
          />
          <DutiesCard
            schoolId={schoolId}
            duties={org.data?.duties ?? []}
            loading={org.isFetching}
            manage={manage}
            onSaved={saved}
            reloadDuty={async (id) => (await fresh())?.duties.find((d) => d.id === id) ?? null}
            onConflictMessage={conflictMessage}
          />
          {/* 安全工作责任制: part of the care organisation, kept on the safety-education page as well. */}
          <SafetyDutiesCard schoolId={schoolId} editable={canManage(me, 'safety')} />
        </Flex>
      )}
    </>
  );
}
