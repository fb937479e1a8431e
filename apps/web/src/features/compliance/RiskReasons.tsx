import { Tag } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import type { Risk } from './compliance.api.ts';

/** The signals behind a risk level as small tags ("454 天没有与父母联系 +2"); "no mentor" stands out. */
export function RiskReasons({ reasons, max }: { reasons: Risk['reasons']; max?: number }) {
  const t = useT();
  const shown = max ? reasons.slice(0, max) : reasons;
  return (
    <>
      {shown.map((r) => (
        <Tag
          key={`${r.signal}-${r.text}`}
          color={r.signal === 'noMentor' ? 'volcano' : undefined}
          style={{ marginInlineEnd: 4, marginBottom: 4, whiteSpace: 'normal', fontSize: 12 }}
          data-testid="risk-reason"
        >
          {r.text}
          {r.weight > 0 && <span style={{ opacity: 0.55, marginInlineStart: 4 }}>{t('risk.weight', { weight: r.weight })}</span>}
        </Tag>
      ))}
      {max && reasons.length > max && <Tag style={{ fontSize: 12 }}>+{reasons.length - max}</Tag>}
    </>
  );
}
