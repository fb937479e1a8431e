import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Result, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useSchools } from '../../api/queries.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { CampSettingsForm } from './CampSettingsForm.tsx';
import { creatableSchools } from './camp-access.ts';
import { useCampCache } from './camps.api.ts';

/** /camps/new (?school=): the settings of a new camp; the catalogue, volunteers and children follow on its page. */
export default function CampFormPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const me = useMe().data;
  const schools = useSchools();
  const cache = useCampCache();
  const back = () => navigate('/camps');

  if (schools.isLoading || !me) return <PageLoading />;
  if (schools.error) return <QueryError error={schools.error} onRetry={() => schools.refetch()} />;
  const creatable = creatableSchools(me, schools.data ?? []);
  if (!creatable.length)
    return (
      <Result
        status="403"
        title={t('campForm.noSchool')}
        extra={
          <Button type="primary" onClick={back}>
            {t('campForm.back')}
          </Button>
        }
      />
    );
  const wanted = params.get('school');
  const initialSchoolId = creatable.find((s) => s.id === wanted)?.id ?? (creatable.length === 1 ? creatable[0]?.id : undefined);

  return (
    <>
      <PageHeader
        title={t('campForm.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('campForm.back')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('campForm.intro')}</Typography.Text>
      </PageHeader>
      <CampSettingsForm
        schools={creatable}
        initialSchoolId={initialSchoolId}
        onCancel={back}
        onSaved={(camp) => {
          cache.camp(camp);
          message.success(t('campForm.created'));
          navigate(`/camps/${camp.id}?tab=sessions`, { replace: true });
        }}
      />
    </>
  );
}
