import { CheckCircleFilled, CloseOutlined, DeleteOutlined, ExclamationCircleFilled, LockFilled, UnlockOutlined } from '@ant-design/icons';
import { type Camp, type CampCell, type CampModel, joinList, type Lang } from '@carebridge/shared';
import { Badge, Button, Card, Empty, Flex, Progress, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../i18n/lang.tsx';
import type { TFunction } from '../../i18n/translate.ts';
import { dayLabel } from './camp-format.ts';
import { type Slot, volunteerOptions } from './grid-state.ts';
import { type LoadBar, loadBars } from './load-bar.ts';

/** A choice with why it is a poor fit, in the brackets and list of the language: "李老师（不能上此课、不在营）" / "Ms Li (cannot teach it, away)". */
export function withNotes(t: TFunction, lang: Lang, text: string, notes: readonly string[]): string {
  return notes.length ? t('validation.aside', { text, note: joinList(lang, notes) }) : text;
}

interface CellPanelProps {
  camp: Camp;
  model: CampModel;
  cells: readonly CampCell[];
  slot: Slot;
  readOnly: boolean;
  onSet: (what: { sessionId: string; volunteerId: string }) => void;
  onClear: () => void;
  onToggleLock: () => void;
  onClose: () => void;
}

/** The selected slot: what is there, and (for editors) its session and volunteer, lock and removal; an empty slot can be filled. */
export function CellPanel({ camp, model, cells, slot, readOnly, onSet, onClear, onToggleLock, onClose }: CellPanelProps) {
  const t = useT();
  const { lang } = useLang();
  const cell = cells.find((c) => c.groupId === slot.groupId && c.unitIndex === slot.unitIndex);
  const [sessionId, setSessionId] = useState<string | undefined>(cell?.sessionId);
  const [volunteerId, setVolunteerId] = useState<string | undefined>(cell?.volunteerId);
  const unit = model.units[slot.unitIndex];
  const gi = model.groupIndex.get(slot.groupId);
  const group = camp.groups.find((g) => g.id === slot.groupId);
  const blocked = gi === undefined ? null : model.blocked[gi * model.U + slot.unitIndex];
  const chosenSession = cell?.sessionId ?? sessionId;
  const options = volunteerOptions(model, cells, slot, chosenSession);
  const groupName = (id: string) => camp.groups.find((g) => g.id === id)?.name ?? id;

  const sessionOptions = camp.sessions
    .map((s) => {
      const si = model.sessionIndex.get(s.id);
      const fits = si !== undefined && gi !== undefined && !!model.suitable[si * model.G + gi];
      return { value: s.id, label: withNotes(t, lang, s.title, fits ? [] : [t('campGrid.unsuitable')]), fits };
    })
    .sort((a, b) => Number(b.fits) - Number(a.fits));
  const volunteerSelect = options.map((o) => {
    const notes = [
      !o.qualified && t('campGrid.notQualified'),
      !o.there && t('campGrid.away'),
      o.busy && t('campGrid.busyWith', { group: groupName(o.busy) }),
    ].filter((x): x is string => !!x);
    return { value: o.id, label: withNotes(t, lang, o.name, notes) };
  });

  return (
    <Card
      size="small"
      title={`${group?.name ?? slot.groupId} · ${unit ? `${dayLabel(unit.date, lang)} ${unit.start}–${unit.end}` : slot.unitIndex}`}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('campGrid.deselect')} onClick={onClose} />}
      data-testid="camp-cell-panel"
    >
      <Flex vertical gap={10}>
        {blocked && <Tag color="default">{t('campGrid.blockedBy', { event: blocked })}</Tag>}
        {!readOnly && cell && <Typography.Text type="secondary">{t('campGrid.moveHint')}</Typography.Text>}
        {cell ? (
          <>
            <div>
              <Typography.Text type="secondary">{t('campFields.sessionId')}</Typography.Text>
              <Select
                value={cell.sessionId}
                options={sessionOptions}
                disabled={readOnly}
                onChange={(v: string) => onSet({ sessionId: v, volunteerId: cell.volunteerId })}
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="camp-cell-session"
              />
            </div>
            <div>
              <Typography.Text type="secondary">{t('campFields.volunteerId')}</Typography.Text>
              <Select
                value={cell.volunteerId}
                options={volunteerSelect}
                disabled={readOnly}
                onChange={(v: string) => onSet({ sessionId: cell.sessionId, volunteerId: v })}
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="camp-cell-volunteer"
              />
            </div>
            {!readOnly && (
              <Flex gap={8} wrap>
                <Button icon={cell.locked ? <UnlockOutlined /> : <LockFilled />} onClick={onToggleLock} data-testid="camp-cell-lock">
                  {cell.locked ? t('campGrid.unlock') : t('campGrid.lock')}
                </Button>
                <Button danger icon={<DeleteOutlined />} onClick={onClear} data-testid="camp-cell-clear">
                  {t('campGrid.clear')}
                </Button>
              </Flex>
            )}
            {readOnly && cell.locked && (
              <Typography.Text>
                <LockFilled /> {t('campGrid.lockedNote')}
              </Typography.Text>
            )}
          </>
        ) : readOnly ? (
          <Typography.Text type="secondary">{t('campGrid.free')}</Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary">{t('campGrid.fillHint')}</Typography.Text>
            <Select
              value={sessionId}
              options={sessionOptions}
              onChange={(v: string) => {
                setSessionId(v);
                setVolunteerId(undefined);
              }}
              placeholder={t('campFields.sessionId')}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="camp-cell-session"
            />
            <Select
              value={volunteerId}
              options={volunteerSelect}
              onChange={(v: string) => setVolunteerId(v)}
              placeholder={t('campFields.volunteerId')}
              disabled={!sessionId}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="camp-cell-volunteer"
            />
            <Button
              type="primary"
              disabled={!sessionId || !volunteerId}
              onClick={() => sessionId && volunteerId && onSet({ sessionId, volunteerId })}
              data-testid="camp-cell-fill"
            >
              {t('campGrid.fill')}
            </Button>
          </>
        )}
      </Flex>
    </Card>
  );
}

export interface Finding {
  key: string;
  text: string;
  /** The first slot it is about, to jump to. */
  slot?: Slot;
}

interface FindingsProps {
  violations: Finding[];
  unmet: Finding[];
  excess: Finding[];
  problems: Finding[];
  onJump: (slot: Slot) => void;
}

function FindingList({ items, color, testId, onJump }: { items: Finding[]; color: string; testId: string; onJump: (slot: Slot) => void }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
      {items.map((f) => (
        <li key={f.key} style={{ color, marginBottom: 4 }}>
          {f.slot ? (
            <Typography.Link onClick={() => f.slot && onJump(f.slot)} style={{ color }} data-testid={`${testId}-item`}>
              {f.text}
            </Typography.Link>
          ) : (
            <span data-testid={`${testId}-item`}>{f.text}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What the live check finds: broken rules (red), requirements short of units, over them, and problems of the input. */
export function FindingsPanel({ violations, unmet, excess, problems, onJump }: FindingsProps) {
  const t = useT();
  const clean = !violations.length && !unmet.length && !problems.length;
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          {clean ? (
            <CheckCircleFilled style={{ color: '#52c41a' }} />
          ) : (
            <ExclamationCircleFilled style={{ color: violations.length ? '#ff4d4f' : '#faad14' }} />
          )}
          {t('campGrid.findings')}
        </Flex>
      }
      data-testid="camp-findings"
    >
      {clean && !excess.length && <Typography.Text type="secondary">{t('campGrid.allGood')}</Typography.Text>}
      {violations.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            <Badge color="#ff4d4f" /> {t('campGrid.violations', { count: violations.length })}
          </Typography.Text>
          <FindingList items={violations} color="#cf1322" testId="camp-violations" onJump={onJump} />
        </div>
      )}
      {unmet.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            <Badge color="#faad14" /> {t('campGrid.unmet', { count: unmet.length })}
          </Typography.Text>
          <FindingList items={unmet} color="#ad6800" testId="camp-unmet" onJump={onJump} />
        </div>
      )}
      {excess.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            <Badge color="#1677ff" /> {t('campGrid.excess', { count: excess.length })}
          </Typography.Text>
          <FindingList items={excess} color="#0958d9" testId="camp-excess" onJump={onJump} />
        </div>
      )}
      {problems.length > 0 && (
        <div>
          <Typography.Text strong>
            <Badge color="#8c8c8c" /> {t('campGrid.problems', { count: problems.length })}
          </Typography.Text>
          <FindingList items={problems} color="#595959" testId="camp-problems" onJump={onJump} />
        </div>
      )}
    </Card>
  );
}

/** Units per volunteer against their own limit (the load balance), live: full at the limit (amber), red over it. */
export function LoadsPanel({
  camp,
  loads,
  selected,
  onPick,
}: {
  camp: Camp;
  loads: Map<string, number>;
  selected: string | null;
  onPick: (id: string | null) => void;
}) {
  const t = useT();
  const bars = loadBars(camp.volunteers, loads);
  return (
    <Card size="small" title={t('campGrid.loads')} data-testid="camp-loads">
      {camp.volunteers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campGrid.noVolunteers')} />
      ) : (
        <Flex vertical gap={2}>
          {camp.volunteers.map((v) => {
            const n = loads.get(v.id) ?? 0;
            const limit = v.maxUnits ?? null;
            const bar: LoadBar = bars.get(v.id) ?? { percent: 0, level: 'open' };
            const over = bar.level === 'over';
            return (
              <Flex
                key={v.id}
                align="center"
                gap={8}
                onClick={() => onPick(selected === v.id ? null : v.id)}
                style={{ cursor: 'pointer', borderRadius: 4, padding: '1px 4px', background: selected === v.id ? '#e6f4ff' : undefined }}
                data-testid="camp-load"
                data-level={bar.level}
              >
                <Typography.Text ellipsis style={{ width: 64, flex: 'none' }}>
                  {v.name}
                </Typography.Text>
                <Progress
                  percent={bar.percent}
                  status={over ? 'exception' : 'normal'}
                  showInfo={false}
                  size="small"
                  strokeColor={bar.level === 'full' ? '#faad14' : undefined}
                  style={{ flex: 1, margin: 0 }}
                />
                <Typography.Text
                  type={over ? 'danger' : 'secondary'}
                  style={{ width: 52, flex: 'none', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
                >
                  {limit !== null ? `${n}/${limit}` : n}
                </Typography.Text>
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
