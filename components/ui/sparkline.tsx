/** A tiny pass-rate trend (values 0–1, oldest first), drawn as an SVG line with the last point marked. */
export function Sparkline({
  values,
  width = 96,
  height = 24,
  threshold,
  label,
}: {
  values: number[];
  width?: number;
  height?: number;
  threshold?: number;
  label?: string;
}) {
  if (values.length === 0) {
    return (
      <span className="inline-block text-xs text-zinc-400 dark:text-zinc-500" style={{ width }}>
        no runs yet
      </span>
    );
  }
  const pad = 3;
  const x = (i: number) =>
    values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1);
  const y = (v: number) => pad + (1 - Math.min(1, Math.max(0, v))) * (height - 2 * pad);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values[values.length - 1];
  const good = threshold === undefined || last >= threshold;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label ?? `Pass rate trend over the last ${values.length} runs`}
      className="overflow-visible"
    >
      {threshold !== undefined ? (
        <line
          x1={0}
          x2={width}
          y1={y(threshold)}
          y2={y(threshold)}
          className="stroke-zinc-300 dark:stroke-zinc-700"
          strokeDasharray="2 2"
          strokeWidth={1}
        />
      ) : null}
      <polyline
        points={points}
        fill="none"
        className="stroke-zinc-400 dark:stroke-zinc-500"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle
        cx={x(values.length - 1)}
        cy={y(last)}
        r={2.5}
        className={good ? "fill-emerald-500" : "fill-red-500"}
      />
    </svg>
  );
}
