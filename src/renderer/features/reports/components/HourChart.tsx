import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HourRow } from '../../../../shared/reports';

/**
 * Net sales by hour as bars (uPlot: ~20 KB gzipped, canvas, no dependencies). Loaded with the
 * Reports screen's chunk only. The canvas is decoration for sighted readers: the hour table
 * next to it carries the same figures for everyone, and the figure's caption says so.
 */
export default function HourChart({ hours, format }: { hours: readonly HourRow[]; format: (cents: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Opening to closing, not midnight to midnight: the hours with sales, padded by one.
    const busy = hours.filter((h) => h.orders > 0 || h.netSalesCents !== 0).map((h) => h.hour);
    const first = busy.length ? Math.max(0, Math.min(...busy) - 1) : 6;
    const last = busy.length ? Math.min(23, Math.max(...busy) + 1) : 18;
    const shown = hours.filter((h) => h.hour >= first && h.hour <= last);
    const data: uPlot.AlignedData = [shown.map((h) => h.hour), shown.map((h) => h.netSalesCents / 100)];
    const width = () => Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [first - 0.5, last + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? `${String(t).padStart(2, '0')}:00` : '')), incrs: [1, 2, 3], stroke: '#5f5148', grid: { show: false } },
          { values: (_u, ticks) => ticks.map((t) => format(Math.round(t * 100))), stroke: '#5f5148', size: 70, grid: { stroke: '#dccfc3' } },
        ],
        series: [{}, { label: 'Net sales', fill: '#1f5f5b', stroke: '#1f5f5b', paths: uPlot.paths.bars!({ size: [0.7, 48] }), points: { show: false } }],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [hours, format]);
  return <div ref={box} className="hour-chart" aria-hidden="true" />;
}
