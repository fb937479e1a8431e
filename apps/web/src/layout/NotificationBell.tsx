import { BellOutlined, CloseOutlined } from '@ant-design/icons';
import { Notification } from '@carebridge/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Flex, Grid, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client.ts';
import { useT } from '../i18n/lang.tsx';
import type { TFunction } from '../i18n/translate.ts';
import { notificationLook } from './notification-look.ts';

const Inbox = z.object({ unread: z.number().int(), nextCursor: z.string().nullable(), items: z.array(Notification) });
type Item = z.infer<typeof Notification>;
const KEY = ['notifications'] as const;
const POLL_MS = 60_000;

/** "2026-11-28 20:27" in Beijing time; today's as "20:27". */
function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', ...o }).format(d);
  const day = fmt({ year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = fmt({ hour: '2-digit', minute: '2-digit' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return day === today ? time : `${day} ${time}`;
}

function Row({ n, onOpen }: { n: Item; onOpen: (n: Item) => void }) {
  const unread = !n.readAt;
  const { Icon, color } = notificationLook(n.kind);
  return (
    <button
      type="button"
      onClick={() => onOpen(n)}
      data-testid="notification-item"
      data-unread={unread ? 'true' : 'false'}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        border: 'none',
        borderBottom: '1px solid #f5f5f5',
        background: unread ? '#fff7ed' : 'transparent',
        padding: '8px 10px',
        cursor: n.link ? 'pointer' : 'default',
        font: 'inherit',
      }}
    >
      <Flex gap={8} align="start">
        <span style={{ color, paddingTop: 2 }}>
          <Icon />
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Paragraph style={{ margin: 0, fontSize: 13, fontWeight: unread ? 600 : 400 }} ellipsis={{ rows: 3 }}>
            {n.title}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when(n.createdAt)}
          </Typography.Text>
        </div>
        {unread && <Badge status="processing" color="#c2410c" />}
      </Flex>
    </button>
  );
}

function Panel({
  t,
  items,
  unread,
  loading,
  failed,
  onOpen,
  onReadAll,
  onMore,
  loadingMore,
  width,
  onClose,
}: {
  t: TFunction;
  items: Item[];
  unread: number;
  loading: boolean;
  failed: boolean;
  onOpen: (n: Item) => void;
  onReadAll: () => void;
  /** Older notifications exist: a button at the foot of the list brings the next 50. */
  onMore: (() => void) | undefined;
  loadingMore: boolean;
  width: number | undefined;
  /** On a phone, where the list covers the header and its bell: a button that closes it. */
  onClose?: (() => void) | undefined;
}) {
  return (
    <div style={{ width }} data-testid="notifications-panel">
      <Flex justify="space-between" align="center" style={{ padding: '4px 10px 8px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Flex align="center" gap={4}>
          <Button type="link" size="small" disabled={!unread} onClick={onReadAll} style={{ paddingInline: 0 }} data-testid="notifications-read-all">
            {t('notifications.markAll')}
          </Button>
          {onClose && (
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              onClick={onClose}
              aria-label={t('notifications.close')}
              data-testid="notifications-close"
            />
          )}
        </Flex>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {loading ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : failed ? (
          <Typography.Text type="danger" style={{ display: 'block', padding: 16 }}>
            {t('notifications.failed')}
          </Typography.Text>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          <>
            {items.map((n) => (
              <Row key={n.id} n={n} onOpen={onOpen} />
            ))}
            {onMore && (
              <Flex justify="center" style={{ padding: 6 }}>
                <Button type="link" size="small" loading={loadingMore} onClick={onMore} data-testid="notifications-more">
                  {t('notifications.more')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** The bell in the header: unread count (asked every minute and when the window gets focus), the list, mark read. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const phone = Grid.useBreakpoint().sm === false;
  const [open, setOpen] = useState(false);
  const inbox = useQuery({
    queryKey: KEY,
    queryFn: () => api.get('/notifications', { schema: Inbox }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const unread = inbox.data?.unread ?? 0;
  /** Pages older than the first, brought by 查看更早的通知 (kept while the list is open), and where the next begins. */
  const [older, setOlder] = useState<{ items: Item[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const more = async () => {
    const cursor = older ? older.cursor : inbox.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get('/notifications', { query: { cursor }, schema: Inbox });
      setOlder((o) => ({ items: [...(o?.items ?? []), ...page.items], cursor: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  };

  /** Shown as read at once; the server is told, then the list is asked again. */
  const markRead = async (ids?: string[]) => {
    const now = new Date().toISOString();
    const hit = (n: Item) => !n.readAt && (!ids || ids.includes(n.id));
    const read = (list: Item[]) => list.map((n) => (hit(n) ? { ...n, readAt: now } : n));
    // Unread ones among the pages shown (the first and any older brought in).
    const newlyRead = [...(qc.getQueryData<z.infer<typeof Inbox>>(KEY)?.items ?? []), ...(older?.items ?? [])].filter(hit).length;
    qc.setQueryData<z.infer<typeof Inbox>>(KEY, (d) => d && { ...d, unread: ids ? Math.max(0, d.unread - newlyRead) : 0, items: read(d.items) });
    setOlder((o) => o && { ...o, items: read(o.items) });
    try {
      await api.post('/notifications/read', ids ? { ids } : {});
    } finally {
      void qc.invalidateQueries({ queryKey: KEY });
    }
  };

  const onOpen = (n: Item) => {
    if (!n.readAt) void markRead([n.id]);
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };

  const panel = (
    <Panel
      t={t}
      items={[...(inbox.data?.items ?? []), ...(older?.items ?? [])]}
      unread={unread}
      loading={inbox.isLoading}
      failed={!!inbox.error && !inbox.data}
      onOpen={onOpen}
      onReadAll={() => void markRead()}
      onMore={(older ? older.cursor : inbox.data?.nextCursor) ? () => void more() : undefined}
      loadingMore={loadingMore}
      width={phone ? undefined : 380}
      onClose={phone ? () => setOpen(false) : undefined}
    />
  );
  const toggle = (o: boolean) => {
    setOpen(o);
    // Each opening starts from the newest page.
    if (o) {
      setOlder(null);
      void inbox.refetch();
    }
  };
  const bell = (
    <Button
      type="text"
      aria-label={unread ? t('notifications.open', { count: unread }) : t('notifications.title')}
      onClick={phone ? () => toggle(true) : undefined}
      data-testid="notifications-bell"
      style={{ paddingInline: 8 }}
    >
      <Badge
        count={
          unread > 0 ? (
            <span
              data-testid="notifications-count"
              style={{
                background: '#ff4d4f',
                color: '#fff',
                borderRadius: 10,
                minWidth: 18,
                height: 18,
                lineHeight: '18px',
                padding: '0 5px',
                fontSize: 11,
                textAlign: 'center',
                boxShadow: '0 0 0 1px #fff',
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null
        }
        offset={[2, -2]}
      >
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  // On a phone the list slides down over the page; on a computer it hangs under the bell.
  if (phone)
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="top" size="auto" closable={false} styles={{ body: { padding: '8px 0' } }}>
          {panel}
        </Drawer>
      </>
    );
  return (
    <Popover
      open={open}
      onOpenChange={toggle}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      styles={{ container: { padding: '8px 0' } }}
      content={panel}
    >
      {bell}
    </Popover>
  );
}
