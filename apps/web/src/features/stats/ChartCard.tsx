import { BarChartOutlined, DownloadOutlined, FileExcelOutlined, TableOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Grid, Table, Tooltip, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useT } from '../../i18n/lang.tsx';
import { EChart, type EChartHandle } from './EChart.tsx';
import type { ChartInstance, ChartOption } from './echarts.ts';

export interface ChartRow {
  key: string;
  cells: ReactNode[];
  /** The drill-down of this row (the same as clicking its bar). */
  onOpen?: (() => void) | undefined;
}

interface Props {
  title: string;
  /** A short note under the title (what is counted). */
  hint?: string | undefined;
  option: ChartOption;
  height: number;
  testId: string;
  /** A click on a bar, slice or point: which series and which item. */
  onPick?: ((p: { seriesIndex: number; dataIndex: number }) => void) | undefined;
  /** Nothing to draw (every count zero). */
  empty?: boolean;
  /** The same numbers as a table, for screen readers, phones and copying. */
  table: { columns: string[]; rows: ChartRow[] };
  /** Scope and period, written under the title of a saved image. */
  caption: string;
  /** File name of the saved image, without extension. */
  fileName: string;
  /** Download this card's table as Excel. */
  onExport?: (() => void) | undefined;
}

const SCALE = 2;

/** The chart as a PNG with its title and scope above it, so that a saved image still says what it shows. */
async function chartImage(instance: ChartInstance, title: string, caption: string): Promise<string> {
  const img = new Image();
  img.src = instance.getDataURL({ type: 'png', pixelRatio: SCALE, backgroundColor: '#fff' });
  await img.decode();
  const head = 64 * SCALE;
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height + head;
  const ctx = canvas.getContext('2d');
  if (!ctx) return img.src;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `600 ${16 * SCALE}px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif`;
  ctx.fillText(title, 16 * SCALE, 28 * SCALE);
  ctx.fillStyle = '#8c8c8c';
  ctx.font = `${12 * SCALE}px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif`;
  ctx.fillText(caption, 16 * SCALE, 50 * SCALE);
  ctx.drawImage(img, 0, head);
  return canvas.toDataURL('image/png');
}

/** One dashboard chart in a card: click-through on its items, "save image", a table view of the same numbers and its Excel export. */
export function ChartCard({ title, hint, option, height, testId, onPick, empty, table, caption, fileName, onExport }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const chart = useRef<EChartHandle>(null);
  const [asTable, setAsTable] = useState(false);
  const phone = Grid.useBreakpoint().sm === false;
  const save = async () => {
    const instance = chart.current?.instance();
    if (!instance) return;
    try {
      const href = await chartImage(instance, title, caption);
      const a = document.createElement('a');
      a.href = href;
      a.download = `${fileName}.png`;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      styles={{ header: { minHeight: 44 } }}
      title={
        <div style={{ whiteSpace: 'normal', lineHeight: 1.35, padding: '6px 0' }}>
          <div>{title}</div>
          {hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {hint}
            </Typography.Text>
          )}
        </div>
      }
      extra={
        <Flex gap={0}>
          <Tooltip title={t(asTable ? 'stats.showChart' : 'stats.showTable')}>
            <Button
              type="text"
              size="small"
              icon={asTable ? <BarChartOutlined /> : <TableOutlined />}
              onClick={() => setAsTable(!asTable)}
              aria-label={t(asTable ? 'stats.showChart' : 'stats.showTable')}
              aria-pressed={asTable}
              data-testid={`${testId}-table`}
            />
          </Tooltip>
          {onExport && (
            <Tooltip title={t('stats.exportTable')}>
              <Button
                type="text"
                size="small"
                icon={<FileExcelOutlined />}
                onClick={onExport}
                aria-label={t('stats.exportTable')}
                data-testid={`${testId}-export`}
              />
            </Tooltip>
          )}
          <Button
            type="text"
            size="small"
            icon={<DownloadOutlined />}
            onClick={save}
            disabled={empty || asTable}
            aria-label={t('stats.saveImage')}
            data-testid={`${testId}-save`}
          >
            {phone ? null : t('stats.saveImage')}
          </Button>
        </Flex>
      }
      data-testid={testId}
    >
      {asTable ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={table.rows}
          scroll={{ x: 'max-content' }}
          columns={table.columns.map((c, i) => ({
            key: String(i),
            title: c,
            align: i === 0 ? ('left' as const) : ('right' as const),
            render: (_: unknown, r: ChartRow) => r.cells[i],
          }))}
          onRow={(r) => ({ onClick: r.onOpen, style: r.onOpen ? { cursor: 'pointer' } : undefined })}
          locale={{ emptyText: t('stats.noData') }}
        />
      ) : empty ? (
        <Flex align="center" justify="center" style={{ height }}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noData')} />
        </Flex>
      ) : (
        <EChart ref={chart} option={option} onItemClick={onPick} style={{ height, width: '100%' }} aria-label={title} />
      )}
    </Card>
  );
}
