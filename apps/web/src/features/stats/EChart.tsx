import { type CSSProperties, forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { usePrefersReducedMotion } from '../../lib/reduced-motion.ts';
import { type ChartInstance, type ChartOption, createChart } from './echarts.ts';

export interface EChartHandle {
  instance: () => ChartInstance | undefined;
}

interface Props {
  option: ChartOption;
  /** A click on a series item (bar, slice, point). */
  onItemClick?: ((p: { seriesIndex: number; dataIndex: number }) => void) | undefined;
  style: CSSProperties;
  'aria-label'?: string;
}

/**
 * A canvas chart: created on mount, given each new option whole (`notMerge`), resized with its box,
 * disposed on unmount; drawn at once, without growing bars, when the system asks for reduced motion.
 * (echarts-for-react would do the same, but it imports `tslib` without declaring it, and npm left
 * tslib inside echarts' own node_modules, so the build cannot resolve it.)
 */
export const EChart = forwardRef<EChartHandle, Props>(function EChart({ option, onItemClick, style, ...rest }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | undefined>(undefined);
  const shown = useRef<string | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const still = usePrefersReducedMotion();

  useImperativeHandle(ref, () => ({ instance: () => chart.current }), []);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = createChart(el);
    chart.current = instance;
    instance.on('click', (p) => {
      if (p.componentType === 'series' && typeof p.seriesIndex === 'number' && typeof p.dataIndex === 'number')
        click.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
      shown.current = null;
    };
  }, []);

  // Parents build their options while rendering: an unchanged one (the same data and labels) is not drawn
  // again, so opening a drawer does not replay every chart's animation.
  useEffect(() => {
    const drawn = still ? { ...option, animation: false } : option;
    const json = JSON.stringify(drawn);
    if (!chart.current || json === shown.current) return;
    chart.current.setOption(drawn, { notMerge: true });
    shown.current = json;
  }, [option, still]);

  return <div ref={box} style={style} role="img" {...rest} />;
});
