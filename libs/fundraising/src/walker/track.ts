import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Geodesic } from 'geographiclib-geodesic';
import { MAX_KM } from './decider';

/** A track file larger than this is not a day's walk (a phone's GPX of a long day is well under 1 MB). */
export const MAX_TRACK_BYTES = 5 * 1024 * 1024;
/** Walking, even running, stays far below this over a kilometre; above it the track was made in a car or on a bike. */
export const MAX_WALKING_KMH = 30;
/** Speed is judged over stretches of at least this length, so that one jumpy GPS fix does not refuse a track. */
const SPEED_STRETCH_METRES = 1000;
/** The profile keeps this many samples at most: enough for a small drawing, far too few to retrace a route. */
export const PROFILE_SAMPLES = 24;

/**
 * What is kept of a track: its length and a few numbers to draw a profile. No coordinate and no time of day
 * leaves this module: the walk's route is the walker's own business.
 */
export interface TrackSummary {
  km: number;
  points: number;
  /** From the first to the last timestamped point; absent when the file has no times. */
  durationSeconds?: number;
  /** Elevation against distance: [km, metres], at most PROFILE_SAMPLES pairs; absent without elevations. */
  profile?: [number, number][];
}

export type TrackProblem = 'too_large' | 'not_gpx' | 'no_points' | 'one_point' | 'too_fast' | 'too_long';

export type TrackReading = { ok: true; track: TrackSummary } | { ok: false; problem: TrackProblem };

interface Point {
  lat: number;
  lon: number;
  ele?: number;
  /** milliseconds since the epoch */
  time?: number;
}

const LISTS = new Set(['trk', 'trkseg', 'trkpt', 'rte', 'rtept']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // a GPX file never needs entities; leaving them unexpanded closes the door on entity bombs
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => LISTS.has(name),
});

/**
 * Reads a GPX 1.0 or 1.1 file (tracks, or a route when it has no track) and measures it on the WGS84 ellipsoid
 * (Karney's geodesics), segment by segment: the gap between two segments (the GPS was off) is not counted.
 */
export function readTrack(bytes: Buffer): TrackReading {
  if (bytes.length > MAX_TRACK_BYTES) return { ok: false, problem: 'too_large' };
  const text = bytes.toString('utf8');
  if (!/<gpx[\s>]/.test(text) || XMLValidator.validate(text) !== true) return { ok: false, problem: 'not_gpx' };
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, problem: 'not_gpx' };
  }
  const gpx = document.gpx;
  if (!isRecord(gpx)) return { ok: false, problem: 'not_gpx' };
  const segments = segmentsOf(gpx);
  const count = segments.reduce((sum, segment) => sum + segment.length, 0);
  if (count === 0) return { ok: false, problem: 'no_points' };
  if (count === 1) return { ok: false, problem: 'one_point' };
  return measure(segments, count);
}

/** The geodesic distance in metres between two points of the WGS84 ellipsoid. */
export function geodesicMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12 ?? 0;
}

function measure(segments: Point[][], count: number): TrackReading {
  // along the whole track: the distance walked before each point, and the points in order
  const along: number[] = [];
  const points: Point[] = [];
  let metres = 0;
  for (const segment of segments) {
    segment.forEach((point, index) => {
      if (index > 0) {
        const before = segment[index - 1];
        metres += geodesicMetres(before.lat, before.lon, point.lat, point.lon);
      }
      along.push(metres);
      points.push(point);
    });
  }
  const km = Math.round(metres / 10) / 100;
  if (km > MAX_KM) return { ok: false, problem: 'too_long' };
  if (tooFast(points, along)) return { ok: false, problem: 'too_fast' };
  const times = points.map((point) => point.time).filter((time): time is number => time !== undefined);
  const track: TrackSummary = { km, points: count };
  if (times.length >= 2) track.durationSeconds = Math.round((Math.max(...times) - Math.min(...times)) / 1000);
  const profile = profileOf(points, along);
  if (profile) track.profile = profile;
  return { ok: true, track };
}

/** Any stretch of a kilometre or more covered faster than MAX_WALKING_KMH (or in no time at all). */
function tooFast(points: Point[], along: number[]): boolean {
  const timed = points.flatMap((point, index) =>
    point.time === undefined ? [] : [{ time: point.time, metres: along[index] }],
  );
  let end = 0;
  for (let start = 0; start < timed.length; start++) {
    end = Math.max(end, start + 1);
    while (end < timed.length && timed[end].metres - timed[start].metres < SPEED_STRETCH_METRES) end++;
    if (end >= timed.length) return false;
    const hours = (timed[end].time - timed[start].time) / 3_600_000;
    const km = (timed[end].metres - timed[start].metres) / 1000;
    if (hours <= 0 || km / hours > MAX_WALKING_KMH) return true;
  }
  return false;
}

function profileOf(points: Point[], along: number[]): [number, number][] | undefined {
  const withElevation = points.flatMap((point, index) =>
    point.ele === undefined ? [] : [[along[index], point.ele] as [number, number]],
  );
  if (withElevation.length < 2) return undefined;
  const samples = Math.min(PROFILE_SAMPLES, withElevation.length);
  const profile: [number, number][] = [];
  for (let i = 0; i < samples; i++) {
    const [metres, ele] = withElevation[Math.round((i * (withElevation.length - 1)) / (samples - 1))];
    profile.push([Math.round(metres / 10) / 100, Math.round(ele)]);
  }
  return profile;
}

function segmentsOf(gpx: Record<string, unknown>): Point[][] {
  const tracks = listOf(gpx.trk).flatMap((track) => listOf(track.trkseg).map((segment) => pointsOf(segment.trkpt)));
  const withPoints = tracks.filter((segment) => segment.length > 0);
  if (withPoints.length > 0) return withPoints;
  return listOf(gpx.rte)
    .map((route) => pointsOf(route.rtept))
    .filter((segment) => segment.length > 0);
}

function pointsOf(raw: unknown): Point[] {
  return listOf(raw).flatMap((node) => {
    const lat = Number(node['@_lat']);
    const lon = Number(node['@_lon']);
    // a point without a position is no point (lat/lon are required by both GPX versions)
    if (!(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return [];
    const point: Point = { lat, lon };
    const ele = typeof node.ele === 'string' && node.ele.trim() !== '' ? Number(node.ele) : Number.NaN;
    if (Number.isFinite(ele)) point.ele = ele;
    const time = typeof node.time === 'string' ? Date.parse(node.time) : Number.NaN;
    if (Number.isFinite(time)) point.time = time;
    return [point];
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const listOf = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isRecord);
