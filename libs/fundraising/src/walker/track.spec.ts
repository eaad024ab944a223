import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geodesicMetres, MAX_TRACK_BYTES, PROFILE_SAMPLES, readTrack } from './track';

const gpx = (body: string, version = '1.1') =>
  Buffer.from(`<?xml version="1.0"?><gpx version="${version}" creator="test">${body}</gpx>`);
const segment = (points: string) => `<trk><trkseg>${points}</trkseg></trk>`;
const point = (lat: number, lon: number, extra = '') => `<trkpt lat="${lat}" lon="${lon}">${extra}</trkpt>`;

describe('reading a GPX track', () => {
  it('measures on the ellipsoid: one degree of latitude at the equator is 110.574 km, not a sphere’s 111.195', () => {
    expect(geodesicMetres(0, 0, 1, 0)).toBeCloseTo(110_574.4, 0);
    const reading = readTrack(gpx(segment(point(0, 0) + point(1, 0))));
    expect(reading).toEqual({ ok: true, track: { km: 110.57, points: 2 } });
  });

  it('reads the hand-written fixture: length, points, duration and a profile of numbers only', () => {
    const reading = readTrack(readFileSync(join(__dirname, '../../../../test/fixtures/walk.gpx')));
    if (!reading.ok) throw new Error(reading.problem);
    // three steps of 0.01° of latitude near 50.8° N: about 1.113 km each
    expect(reading.track.km).toBeCloseTo(3.34, 2);
    expect(reading.track.points).toBe(4);
    expect(reading.track.durationSeconds).toBe(45 * 60);
    expect(reading.track.profile).toEqual([
      [0, 40],
      [1.11, 55],
      [2.22, 70],
      [3.34, 62],
    ]);
    expect(JSON.stringify(reading.track)).not.toMatch(/50\.8|4\.35|2026/);
  });

  it('sums segment by segment: the gap while the GPS was off is not walked', () => {
    const two = `<trk><trkseg>${point(0, 0) + point(0.01, 0)}</trkseg><trkseg>${point(0.5, 0) + point(0.51, 0)}</trkseg></trk>`;
    const reading = readTrack(gpx(two));
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.track.km).toBeCloseTo(2.21, 2);
    expect(reading.track.points).toBe(4);
  });

  it('reads a GPX 1.0 route when there is no track', () => {
    const reading = readTrack(gpx(`<rte>${`<rtept lat="0" lon="0"/><rtept lat="0" lon="0.1"/>`}</rte>`, '1.0'));
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.track.km).toBeCloseTo(11.13, 2);
  });

  it('keeps at most a few profile samples, whatever the number of points', () => {
    const many = Array.from({ length: 500 }, (_, i) => point(i * 0.0001, 0, `<ele>${i}</ele>`)).join('');
    const reading = readTrack(gpx(segment(many)));
    if (!reading.ok) throw new Error(reading.problem);
    expect(reading.track.points).toBe(500);
    expect(reading.track.profile).toHaveLength(PROFILE_SAMPLES);
    expect(reading.track.profile?.at(-1)).toEqual([reading.track.km, 499]);
  });

  it.each([
    ['not XML at all', Buffer.from('lat,lon\n0,0\n1,0\n'), 'not_gpx'],
    ['XML that is not GPX', Buffer.from('<?xml version="1.0"?><kml><Placemark/></kml>'), 'not_gpx'],
    ['broken XML', Buffer.from('<gpx><trk><trkseg><trkpt lat="0" lon="0"></trk></gpx>'), 'not_gpx'],
    ['a GPX without points', gpx('<metadata><name>empty</name></metadata>'), 'no_points'],
    ['points without positions', gpx(segment('<trkpt><ele>3</ele></trkpt><trkpt lat="x" lon="1"/>')), 'no_points'],
    ['one point', gpx(segment(point(50, 4))), 'one_point'],
    ['more than any walk', gpx(segment(point(0, 0) + point(3, 0))), 'too_long'],
  ])('refuses %s', (_, bytes, problem) => {
    expect(readTrack(bytes)).toEqual({ ok: false, problem });
  });

  it('refuses a file over the size limit without reading it', () => {
    expect(readTrack(Buffer.alloc(MAX_TRACK_BYTES + 1, ' '))).toEqual({ ok: false, problem: 'too_large' });
  });

  it('refuses a track covered faster than walking over a kilometre or more (a car, a bike)', () => {
    // 11.1 km in 15 minutes: 44 km/h
    const car = point(0, 0, '<time>2026-05-10T08:00:00Z</time>') + point(0.1, 0, '<time>2026-05-10T08:15:00Z</time>');
    expect(readTrack(gpx(segment(car)))).toEqual({ ok: false, problem: 'too_fast' });
    // the same distance in two hours and a half: 4.4 km/h
    const walk = point(0, 0, '<time>2026-05-10T08:00:00Z</time>') + point(0.1, 0, '<time>2026-05-10T10:30:00Z</time>');
    expect(readTrack(gpx(segment(walk))).ok).toBe(true);
  });

  it('does not refuse a single jumpy fix shorter than a kilometre', () => {
    const jumpy = [
      point(0, 0, '<time>2026-05-10T08:00:00Z</time>'),
      point(0.004, 0, '<time>2026-05-10T08:00:05Z</time>'), // 440 m in 5 s
      point(0.02, 0, '<time>2026-05-10T08:30:00Z</time>'),
    ].join('');
    expect(readTrack(gpx(segment(jumpy))).ok).toBe(true);
  });

  it('does not expand entities', () => {
    const bomb = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">]><gpx><trk><name>&a;&a;</name></trk></gpx>',
    );
    expect(readTrack(bomb)).toEqual({ ok: false, problem: 'no_points' });
  });
});
