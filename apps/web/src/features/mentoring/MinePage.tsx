import '../../i18n/care.ts';
import '../../i18n/incidents.ts';
import { AlertOutlined, EyeOutlined, FileAddOutlined, HomeOutlined, MessageOutlined, PhoneFilled, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import type { MyChild } from '@carebridge/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useT } from '../../i18n/lang.tsx';
import type { TFunction } from '../../i18n/translate.ts';
import { daysBetween, monthStart, todayInShanghai } from '../../lib/dates.ts';
import { careApi, useMine } from '../care-records/care-records.api.ts';
import { type QuickKind, QuickLogDrawer, type QuickTarget } from './QuickLogDrawer.tsx';

const RED = '#cf1322';
/** Three secondary buttons side by side must fit a 360 px phone. */
const SMALL = { paddingInline: 6, minWidth: 0 };

/** "今天" / "昨天" / "12 天前". */
export function ago(t: TFunction, date: string, today: string): string {
  const days = daysBetween(date, today);
  if (days <= 0) return t('mine.today');
  if (days === 1) return t('mine.yesterday');
  return t('mine.daysAgo', { days });
}

/** "逾期 3 天" / "今天" / "5 天后", and whether it is overdue. */
function due(t: TFunction, date: string, today: string): { text: string; overdue: boolean; soon: boolean } {
  const days = daysBetween(today, date);
  if (days < 0) return { text: t('mine.overdue', { days: -days }), overdue: true, soon: false };
  if (days === 0) return { text: t('mine.dueToday'), overdue: false, soon: true };
  return { text: t('mine.inDays', { days }), overdue: false, soon: days <= 3 };
}

/** A mainland number in groups of 3-4-4 for reading aloud; masked or other numbers as they are. */
const groupPhone = (p: string) => (/^1\d{10}$/.test(p) ? `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}` : p);

function Fact({
  label,
  value,
  title,
  color,
  caption,
  testId,
}: {
  label: string;
  value: string;
  title?: string | undefined;
  color?: string | undefined;
  caption?: string | undefined;
  testId?: string;
}) {
  return (
    <Col span={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {label}
      </Typography.Text>
      <Tooltip title={title}>
        {/* Wraps within its third of a phone's width: "7 days overdue" in English is wider than 逾期 7 天. */}
        <Typography.Text strong style={{ color, fontSize: 15, display: 'block', lineHeight: 1.35, overflowWrap: 'anywhere' }} data-testid={testId}>
          {value}
        </Typography.Text>
      </Tooltip>
      {caption && <div style={{ color, fontSize: 12, lineHeight: 1.3 }}>{caption}</div>}
    </Col>
  );
}

/**
 * The guardian's phone: masked as the list gives it, with 查看号码 that asks for the full number
 * (`POST /children/:id/contact`, audited) and then becomes the call link. A number already in full is the link at once.
 */
function GuardianPhone({ c }: { c: MyChild }) {
  const t = useT();
  const { message } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => careApi.revealContact(c.childId),
    onError: (err) => message.error(t('mine.showNumberFailed', { message: err.message })),
  });
  const phone = reveal.data ? reveal.data.guardianPhone : c.guardianPhone;
  // The button tapped is gone once the number is in: the call link takes the focus (keyboard and screen readers).
  const call = useRef<HTMLAnchorElement | HTMLButtonElement>(null);
  useEffect(() => {
    if (reveal.isSuccess) call.current?.focus();
  }, [reveal.isSuccess]);
  if (!phone) return <Typography.Text type="secondary">{t('mine.noPhone')}</Typography.Text>;
  if (!phone.includes('*'))
    return (
      <Button
        ref={call}
        href={`tel:${phone}`}
        icon={<PhoneFilled />}
        shape="round"
        style={{ fontVariantNumeric: 'tabular-nums' }}
        aria-label={t('mine.callGuardian', { phone })}
        data-testid="mine-call"
      >
        {groupPhone(phone)}
      </Button>
    );
  return (
    <Flex align="center" gap={6} wrap justify="end">
      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="mine-phone-masked">
        {phone}
      </Typography.Text>
      <Button
        icon={<EyeOutlined />}
        shape="round"
        loading={reveal.isPending}
        onClick={() => reveal.mutate()}
        aria-label={t('mine.showNumberOf', { name: c.name })}
        data-testid="mine-reveal"
      >
        {t('mine.showNumber')}
      </Button>
    </Flex>
  );
}

/** One child: who to call, when we last talked and called home, what is due, and the quick logs. */
function MineCard({ c, today, onLog }: { c: MyChild; today: string; onLog: (kind: QuickKind) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const month = monthStart(today);
  const talkedThisMonth = !!c.lastTalk && c.lastTalk >= month;
  const familyThisMonth = !!c.lastFamilyContact && c.lastFamilyContact >= month;
  const next = c.nextFollowUp ? due(t, c.nextFollowUp, today) : null;
  return (
    <Card size="small" styles={{ body: { padding: 14 } }} data-testid="mine-card">
      <Flex justify="space-between" align="start" gap={8}>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          {/* Underlined with a chevron: in bold orange alone the name read as a heading, not as the way to the archive. */}
          <Link
            to={`/children/${c.childId}?tab=timeline`}
            aria-label={t('mine.archiveOf', { name: c.name })}
            style={{ fontSize: 18, fontWeight: 600, textDecoration: 'underline', textUnderlineOffset: 4 }}
            data-testid="mine-child-name"
          >
            {c.name}
            <RightOutlined style={{ fontSize: 12, marginInlineStart: 4 }} />
          </Link>
          {c.keySupport && (
            <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
              {t('pairings.keySupport')}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {c.className ?? ''}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 6 }} wrap>
        <Typography.Text type="secondary">
          {t('mine.guardian')} <Typography.Text>{c.guardianName ?? '—'}</Typography.Text>
        </Typography.Text>
        <GuardianPhone c={c} />
      </Flex>
      <Row gutter={8} style={{ margin: '12px 0', padding: '10px 0', borderBlock: '1px solid #f5f5f5' }}>
        <Fact
          label={t('mine.lastTalk')}
          value={c.lastTalk ? ago(t, c.lastTalk, today) : t('mine.never')}
          title={c.lastTalk ?? undefined}
          color={talkedThisMonth ? undefined : RED}
          caption={talkedThisMonth ? undefined : t('mine.noTalkThisMonth')}
          testId="mine-last-talk"
        />
        {/* Contact with parents away is asked only of a child with a parent away: no red for one living with both. */}
        <Fact
          label={t('mine.lastFamily')}
          value={c.lastFamilyContact ? ago(t, c.lastFamilyContact, today) : c.parentAway ? t('mine.never') : t('mine.parentsHome')}
          title={c.lastFamilyContact ?? undefined}
          color={familyThisMonth || !c.parentAway ? undefined : RED}
          testId="mine-last-family"
        />
        <Fact
          label={t('mine.nextFollowUp')}
          value={next ? next.text : t('mine.none')}
          title={c.nextFollowUp ?? undefined}
          color={next?.overdue ? RED : next?.soon ? '#d46b08' : undefined}
          caption={next ? (c.nextFollowUp ?? undefined) : undefined}
          testId="mine-next-follow-up"
        />
      </Row>
      <Button type="primary" size="large" block icon={<MessageOutlined />} onClick={() => onLog('talk')} style={{ height: 46 }} data-testid="mine-log-talk">
        {t('mine.logTalk')}
      </Button>
      <Flex gap={6} style={{ marginTop: 8 }}>
        <Button block icon={<PhoneOutlined />} style={SMALL} onClick={() => onLog('family_call')} data-testid="mine-log-call">
          {t('mine.logCall')}
        </Button>
        <Button block icon={<HomeOutlined />} style={SMALL} onClick={() => onLog('home_visit')} data-testid="mine-log-visit">
          {t('mine.logVisit')}
        </Button>
        <Button
          block
          icon={<FileAddOutlined />}
          style={SMALL}
          onClick={() => navigate(`/care-records/new?childId=${c.childId}`, { state: { childName: c.name } })}
          aria-label={t('mine.fullFormOf', { name: c.name })}
          data-testid="mine-full-record"
        >
          {t('mine.fullForm')}
        </Button>
      </Flex>
      <Flex justify="end" style={{ marginTop: 4 }}>
        <Button
          type="link"
          danger
          size="small"
          icon={<AlertOutlined />}
          onClick={() => navigate(`/incidents/new?childId=${c.childId}`, { state: { childName: c.name } })}
          style={{ paddingInline: 0 }}
          data-testid="mine-report-incident"
        >
          {t('incidentList.reportShort')}
        </Button>
      </Flex>
    </Card>
  );
}

/** The quick log open over the page, kept in the history entry's state (see `useQuickLog`). */
interface QuickLogState {
  quickLog?: { childId: string; kind: QuickKind };
}

/**
 * The quick log sheet lives in a history entry of its own, pushed over the page when it opens: a
 * phone's back gesture then closes the sheet instead of leaving the page (and asks first when something
 * is typed: useLeaveGuard in the sheet), and a reload keeps it open.
 */
function useQuickLog(list: readonly MyChild[]) {
  const location = useLocation();
  const navigate = useNavigate();
  const open = (location.state as QuickLogState | null)?.quickLog;
  const child = open && list.find((c) => c.childId === open.childId);
  const target: QuickTarget | null = open && child ? { child, kind: open.kind } : null;
  const here = { pathname: location.pathname, search: location.search };
  const show = (c: MyChild, kind: QuickKind) => navigate(here, { state: { quickLog: { childId: c.childId, kind } } satisfies QuickLogState });
  const close = () => {
    // Back to the page's own entry; one opened by a reload in a fresh tab has none before it to go back to.
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(here, { replace: true, state: null });
  };
  return { target, show, close };
}

/** 我的帮扶对象: a mentor's children as cards, made for a phone in the hand. */
export default function MinePage() {
  const t = useT();
  const mine = useMine();
  const list = mine.data ?? [];
  const quick = useQuickLog(list);
  const target = quick.target;
  const today = todayInShanghai();
  if (mine.isLoading) return <PageLoading />;
  return (
    <>
      <PageHeader title={t('mine.title')}>
        <Typography.Text type="secondary">{t('mine.intro')}</Typography.Text>
      </PageHeader>
      <QueryError error={mine.error} onRetry={() => mine.refetch()} />
      {!mine.error && list.length === 0 ? (
        <Card>
          <Empty description={t('mine.empty')}>
            <Typography.Text type="secondary">{t('mine.emptyHint')}</Typography.Text>
          </Empty>
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {list.map((c) => (
            <Col key={c.childId} xs={24} md={12} xl={8}>
              <MineCard c={c} today={today} onLog={(kind) => quick.show(c, kind)} />
            </Col>
          ))}
        </Row>
      )}
      {target && <QuickLogDrawer key={`${target.child.childId}-${target.kind}`} target={target} onClose={quick.close} />}
    </>
  );
}
