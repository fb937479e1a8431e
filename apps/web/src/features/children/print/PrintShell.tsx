import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/lang.tsx';

/**
 * The sheets' fonts: only Chinese fonts, each with its own Latin letters and digits, so that the
 * first one installed draws every character of the sheet. A Latin font among them (or a generic
 * `serif` reached before any Chinese font) would draw the digits and leave the Chinese to a
 * fallback font of another style: serif dates beside sans-serif names. Songti first (Windows,
 * macOS, Linux with Noto/Source Han), then the sans-serif Chinese fonts found where no Songti is
 * (Windows' 微软雅黑, macOS' PingFang, Linux's Noto Sans CJK or WenQuanYi Micro Hei, as on CI).
 */
export const PRINT_FONTS = [
  'SimSun',
  '宋体',
  'Songti SC',
  'STSong',
  'Noto Serif CJK SC',
  'Source Han Serif SC',
  'Microsoft YaHei',
  '微软雅黑',
  'PingFang SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
]
  .map((f) => `"${f}"`)
  .join(', ');

/**
 * A4 portrait, 15 mm margins, one child per sheet. On screen the sheets sit on a grey desk with
 * the toolbar above them; in print only the sheets remain.
 */
const CSS = `
@page { size: A4 portrait; margin: 15mm; }
.cb-print-root { min-height: 100%; background: #d9d9d9; padding: 0 0 24px; }
.cb-print-toolbar { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid #e5e5e5; padding: 8px 16px; margin-bottom: 16px; }
.cb-print-desk { overflow-x: auto; padding: 0 8px; }
.cb-print-page {
  box-sizing: border-box; width: 210mm; min-height: 297mm; padding: 15mm; margin: 0 auto 16px;
  background: #fff; color: #000; box-shadow: 0 1px 6px rgba(0,0,0,.25);
  font-family: ${PRINT_FONTS}, sans-serif; font-size: 10.5pt; line-height: 1.45;
  page-break-after: always; break-after: page;
}
.cb-print-page h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 2px; }
.cb-print-page .cb-sub { text-align: center; margin: 0 0 4mm; font-size: 10.5pt; }
.cb-print-page table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.cb-print-page th, .cb-print-page td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: middle; overflow-wrap: anywhere; }
.cb-print-page th { font-weight: normal; background: #f2f2f2; text-align: center; }
.cb-print-page td.cb-group { font-weight: bold; background: #e8e8e8; text-align: left; }
.cb-print-page .cb-line { display: inline-block; min-width: 28mm; border-bottom: 0.6pt solid #000; height: 1.1em; vertical-align: bottom; }
.cb-print-page .cb-foot { margin-top: 4mm; font-size: 9pt; color: #333; display: flex; justify-content: space-between; gap: 4mm; }
.cb-print-page .cb-signs { margin-top: 4mm; display: flex; flex-wrap: wrap; gap: 3mm 6mm; page-break-inside: avoid; break-inside: avoid; }
.cb-print-page .cb-compact td, .cb-print-page .cb-compact th { padding: 0.5mm 1.2mm; font-size: 9pt; line-height: 1.3; }
.cb-print-page .cb-compact th { font-size: 8.5pt; padding-inline: 0.8mm; }
.cb-print-page.cb-form .cb-foot { margin-top: 2mm; font-size: 8pt; }
.cb-print-page.cb-form .cb-signs { margin-top: 3mm; }
.cb-print-page.cb-form h1 { font-size: 16pt; margin-bottom: 1mm; }
.cb-print-page.cb-form .cb-sub { margin-bottom: 2.5mm; }
.cb-print-page th.cb-vgroup { font-weight: bold; background: #e8e8e8; padding: 0.7mm 0.8mm; font-size: 9pt; }
.cb-print-page tr { page-break-inside: avoid; break-inside: avoid; }
/* A table right under another reads as one: one rule between them, not two. */
.cb-print-page table.cb-joined { border-top: hidden; }
.cb-print-page .cb-nowrap { white-space: nowrap; }
@media print {
  html, body, #root { background: #fff !important; height: auto !important; }
  .cb-no-print { display: none !important; }
  .cb-print-root { background: none; padding: 0; }
  .cb-print-desk { overflow: visible; padding: 0; }
  .cb-print-page { width: auto; min-height: 0; padding: 0; margin: 0; box-shadow: none; }
}
`;

interface Props {
  title: string;
  onBack: () => void;
  /** False while the pages are still loading. */
  ready: boolean;
  status?: ReactNode;
  children: ReactNode;
}

/** The frame of every print view: no menu, a toolbar with 返回 and 打印 that does not print, and the A4 sheets. */
export function PrintShell({ title, onBack, ready, status, children }: Props) {
  const t = useT();
  return (
    <div className="cb-print-root">
      <style>{CSS}</style>
      <div className="cb-print-toolbar cb-no-print">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="print-back">
              {t('print.back')}
            </Button>
            <Typography.Text strong ellipsis>
              {title}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={8}>
            {status}
            <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => window.print()} data-testid="print-button">
              {t('print.print')}
            </Button>
          </Flex>
        </Flex>
      </div>
      <div className="cb-print-desk">{children}</div>
    </div>
  );
}

/** A blank to fill in by hand. */
export function Line({ width }: { width?: string }) {
  return <span className="cb-line" style={width ? { minWidth: width } : undefined} />;
}
