/** The drawing's own units; the stylesheet scales it to the column's width. */
const WIDTH = 300;
const HEIGHT = 80;
const PAD = 4;

/**
 * Elevation against distance, drawn on the server from the few numbers kept of a track (never a position): no
 * map, no script. `title` says the same in words for those who do not see the drawing.
 */
export function TrackProfile({ profile, title }: { profile: readonly [number, number][]; title: string }) {
  if (profile.length < 2) return null;
  const lastKm = profile[profile.length - 1][0];
  const elevations = profile.map(([, metres]) => metres);
  const low = Math.min(...elevations);
  const high = Math.max(...elevations);
  // a flat walk still gets a line in the middle rather than a division by zero
  const span = high - low || 1;
  const x = (km: number) => PAD + (lastKm > 0 ? km / lastKm : 0) * (WIDTH - 2 * PAD);
  const y = (metres: number) =>
    high === low ? HEIGHT / 2 : HEIGHT - PAD - ((metres - low) / span) * (HEIGHT - 2 * PAD);
  const line = profile.map(([km, metres]) => `${x(km).toFixed(1)},${y(metres).toFixed(1)}`).join(' ');
  const area = `${x(0).toFixed(1)},${HEIGHT} ${line} ${x(lastKm).toFixed(1)},${HEIGHT}`;
  return (
    <svg
      class="track-profile"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="none"
      data-samples={String(profile.length)}
    >
      <title>{title}</title>
      <polygon points={area} fill="currentColor" fill-opacity="0.15" />
      <polyline points={line} fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" />
    </svg>
  );
}

/** The numbers a profile's title says: its length and its lowest and highest elevation. */
export function profileFigures(profile: readonly [number, number][]): { km: number; min: number; max: number } {
  const elevations = profile.map(([, metres]) => metres);
  return { km: profile[profile.length - 1]?.[0] ?? 0, min: Math.min(...elevations), max: Math.max(...elevations) };
}
