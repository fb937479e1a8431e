import { CheckCircleFilled } from '@ant-design/icons';
import { App, Empty, Typography } from 'antd';
import { useT } from '../../i18n/lang.tsx';
import type { BriefingData } from './briefings.api.ts';

export const MAX_PHOTOS = 12;

interface Props {
  candidates: BriefingData['candidates'];
  selected: string[];
  onChange: (ids: string[]) => void;
}

/** Photos of the period's care records and activities to put in the briefing: a tap selects or removes one, at most twelve. */
export function PhotoGrid({ candidates, selected, onChange }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const toggle = (id: string) => {
    if (selected.includes(id)) onChange(selected.filter((x) => x !== id));
    else if (selected.length >= MAX_PHOTOS) message.warning(t('briefingEditor.photoMax', { max: MAX_PHOTOS }));
    else onChange([...selected, id]);
  };
  if (candidates.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('briefingEditor.noPhotos')} />;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }} data-testid="briefing-photos">
      {candidates.map((c) => {
        const on = selected.includes(c.id);
        const order = selected.indexOf(c.id) + 1;
        return (
          <button
            key={c.id}
            type="button"
            onClick={() => toggle(c.id)}
            aria-pressed={on}
            title={c.caption}
            data-testid="briefing-photo"
            data-selected={on}
            style={{
              position: 'relative',
              padding: 0,
              border: `2px solid ${on ? '#c2410c' : '#f0f0f0'}`,
              borderRadius: 8,
              background: '#fff',
              cursor: 'pointer',
              overflow: 'hidden',
              textAlign: 'left',
            }}
          >
            <img
              src={c.thumbUrl}
              alt={c.caption}
              loading="lazy"
              style={{ display: 'block', width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', background: '#fafafa' }}
            />
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', padding: '4px 8px', fontSize: 12, color: on ? '#c2410c' : undefined }}>
              {c.caption}
            </Typography.Text>
            {on && (
              <span
                style={{
                  position: 'absolute',
                  top: 6,
                  right: 6,
                  background: '#c2410c',
                  color: '#fff',
                  borderRadius: 12,
                  padding: '0 8px',
                  fontSize: 12,
                  lineHeight: '22px',
                }}
              >
                <CheckCircleFilled /> {order}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
