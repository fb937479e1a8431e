import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { ChildDerived } from '@carebridge/shared';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import { COLORS, useChildLabels } from './child-format.ts';

const tight = { marginInlineEnd: 0 };

export function StatusTag({ status }: { status: string }) {
  const labels = useChildLabels();
  return (
    <Tag color={COLORS.status[status] ?? 'default'} style={tight}>
      {labels.code('childStatus', status)}
    </Tag>
  );
}

export function LeftBehindTag({ type }: { type: string }) {
  const labels = useChildLabels();
  return (
    <Tag color={COLORS.leftBehindType[type] ?? 'default'} style={tight}>
      {labels.code('leftBehindType', type)}
    </Tag>
  );
}

export function DifficultyTags({ difficulty }: { difficulty: readonly string[] }) {
  const labels = useChildLabels();
  if (!difficulty.length) return null;
  return (
    <Flex gap={4} wrap>
      {difficulty.map((d) => (
        <Tag key={d} color={COLORS.difficulty} style={tight}>
          {labels.code('difficulty', d)}
        </Tag>
      ))}
    </Flex>
  );
}

export function KeySupportTag() {
  const t = useT();
  return (
    <Tag color={COLORS.keySupport} style={tight}>
      {t('children.keySupport')}
    </Tag>
  );
}

/** 三个清楚: a green tick when complete, else the parts still to fill in ("待补充：父母、监护人"). */
export function ThreeClearMark({ threeClear }: { threeClear: ChildDerived['threeClear'] }) {
  const t = useT();
  const labels = useChildLabels();
  if (threeClear.complete)
    return (
      <Typography.Text type="success" style={{ whiteSpace: 'nowrap' }} data-testid="three-clear-complete">
        <CheckCircleFilled /> {t('children.threeClearOk')}
      </Typography.Text>
    );
  const parts = (['child', 'parents', 'guardian'] as const).filter((p) => !threeClear[p]);
  return (
    <Tooltip title={parts.map((p) => t(`children.threeParts.${p}`)).join(labels.sep)}>
      <Typography.Text type="warning" style={{ whiteSpace: 'nowrap' }} data-testid="three-clear-missing">
        <ExclamationCircleFilled /> {t('children.missing', { parts: parts.map((p) => t(`children.threeShort.${p}`)).join(labels.sep) })}
      </Typography.Text>
    </Tooltip>
  );
}

/** The derived flags of an archive side by side: type, 学籍 code, narrow definition, 困境, key support, age band. */
export function DerivedTags({ derived, keySupport, status }: { derived: ChildDerived; keySupport?: boolean | null; status?: string }) {
  const t = useT();
  const labels = useChildLabels();
  return (
    <Flex gap={6} wrap align="center">
      {status && <StatusTag status={status} />}
      <LeftBehindTag type={derived.leftBehindType} />
      <Tag style={tight}>{t('children.xuejiTag', { code: labels.code('xuejiCode', derived.xuejiCode) })}</Tag>
      {derived.narrow && (
        <Tag color={COLORS.narrow} style={tight}>
          {t('children.narrow')}
        </Tag>
      )}
      {derived.ageBand && <Tag style={tight}>{labels.code('ageBand', derived.ageBand)}</Tag>}
      {keySupport && <KeySupportTag />}
      <DifficultyTags difficulty={derived.difficulty} />
    </Flex>
  );
}
