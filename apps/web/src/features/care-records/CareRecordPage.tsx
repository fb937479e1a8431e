import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LoadFailed } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import { CareRecordDetail } from './CareRecordDetail.tsx';
import { careKeys, useCareRecord } from './care-records.api.ts';

/** /care-records/:id — one record on its own page (linked from a child's timeline). */
export default function CareRecordPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const record = useCareRecord(id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/care-records'));

  if (record.isLoading) return <PageLoading />;
  if (!record.data) {
    return (
      <LoadFailed
        error={record.error}
        onRetry={() => record.refetch()}
        title={t('careRecords.notFound')}
        back={{ to: '/care-records', label: t('careRecords.back') }}
      />
    );
  }
  return (
    <>
      <PageHeader
        title={t('careRecords.detail')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('careRecords.back')}
          </Button>
        }
      />
      <Card>
        <CareRecordDetail
          record={record.data}
          onChanged={(r) => qc.setQueryData(careKeys.one(r.id), r)}
          onDeleted={() => {
            // To the list, not back: the page before may be the form that wrote the record, or anywhere.
            navigate('/care-records', { replace: true });
            // Leave first, then forget it once nothing observes it (no refetch of a 404).
            setTimeout(() => qc.removeQueries({ queryKey: careKeys.one(id), type: 'inactive' }), 1000);
          }}
        />
      </Card>
    </>
  );
}
