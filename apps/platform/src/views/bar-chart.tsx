/** One bar: its label under the axis and its value (any unit: the caller says how to write it). */
export interface Bar {
  label: string;
  value: number;
}

export interface BarChartProps {
  bars: Bar[];
  /** The chart's name for screen readers (role="img"); the figures themselves belong in a table next to it. */
  title: string;
  description: string;
  /** How a value is written above its bar (money, a count...). */
  format?: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * A bar chart drawn on the server as SVG: no script, no library, the same picture in every browser. Twelve bars are
 * all it is for; the heights are whole pixels of the tallest bar, which is drawn full height.
 */
export function BarChart({ bars, title, description, format, width = 720, height = 260 }: BarChartProps) {
  const top = 24;
  const bottom = 28;
  const plot = height - top - bottom;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(4, Math.floor(slot * 0.6));
  const highest = Math.max(0, ...bars.map((bar) => bar.value));
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="bar-chart-title bar-chart-description"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id="bar-chart-title">{title}</title>
      <desc id="bar-chart-description">{description}</desc>
      <line x1={0} y1={top + plot} x2={width} y2={top + plot} class="axis" />
      {bars.map((bar, index) => {
        const barHeight = highest > 0 ? Math.round((bar.value / highest) * plot) : 0;
        const x = Math.round(index * slot + (slot - barWidth) / 2);
        const centre = Math.round(index * slot + slot / 2);
        return (
          <g key={bar.label} data-value={bar.value}>
            <rect x={x} y={top + plot - barHeight} width={barWidth} height={barHeight} class="bar" />
            {format && bar.value > 0 ? (
              <text x={centre} y={top + plot - barHeight - 6} text-anchor="middle" class="value">
                {format(bar.value)}
              </text>
            ) : null}
            <text x={centre} y={height - 8} text-anchor="middle" class="label">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
