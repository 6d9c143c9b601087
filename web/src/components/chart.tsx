// A bar or line chart on a canvas, drawn with Chart.js (loaded on first use, see chart-setup.ts).
// The canvas is an image named by `label`; the numbers belong in a table beside it, which is what
// screen readers and a failed load fall back on. A click on a bar or point calls `onPick` with its
// index (a link to the customers behind it). Drawn again when the data change; no animation for
// those who ask for reduced motion.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';
import { formatNumber } from '../format';

export interface ChartSeries {
  label: string;
  data: Array<number | null>; // null: no value (a gap)
  // One colour, or one per bar.
  color: string | string[];
}

export function ChartCanvas(props: {
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  label: string;
  // Values are percentages (0–100), and the axis says so.
  percent?: boolean;
  height?: number;
  onPick?: (index: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState('');
  const [failed, setFailed] = useState(false);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const spec = JSON.stringify([props.type, props.labels, props.series, props.percent]);

  useEffect(() => {
    let chart: ChartJs | null = null;
    let cancelled = false;
    const { type, labels, series, percent } = props;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const value = (v: number) => (percent ? `${formatNumber(v)}%` : formatNumber(v));
    const config: ChartConfiguration<'bar' | 'line'> = {
      type,
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
          borderWidth: type === 'line' ? 2 : 0,
          borderRadius: type === 'bar' ? 3 : 0,
          pointRadius: 3,
          // Smooth without overshooting: a share never dips below 0 between two points.
          cubicInterpolationMode: 'monotone' as const,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: still ? false : { duration: 400 },
        plugins: {
          legend: { display: series.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${value(Number(c.parsed.y))}` },
          },
        },
        scales: {
          x: { grid: { display: false } },
          y: {
            beginAtZero: true,
            ...(percent ? { max: 100 } : {}),
            ticks: { precision: 0, callback: (v) => value(Number(v)) },
          },
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit && onPick.current) onPick.current(hit.index);
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length && onPick.current ? 'pointer' : '';
        },
      },
    };
    import('./chart-setup').then(
      ({ Chart }) => {
        if (cancelled || !canvas.current) return;
        chart = new Chart(canvas.current, config);
        setDrawn(spec);
        setFailed(false);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [spec]);

  return (
    <div class="chart" style={{ height: `${props.height ?? 240}px` }}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={props.label}
        data-chart-drawn={drawn === spec ? 'true' : undefined}
      />
      {failed && (
        <p class="muted small chart__failed">
          The chart cannot be drawn; the table has its numbers.
        </p>
      )}
    </div>
  );
}
