import QRCode from 'qrcode';
import { DrawnCache } from '../views/drawn-cache';

/**
 * QR codes already drawn, by address: the screen asks for its edition's again and again, and every walker and team
 * page shows its own. Enough for every page of an edition (2,100 walkers and 330 teams; about 2.5 kB each, 10 MB
 * at the most), the oldest dropped first: emptying it all at 100 made a busy event day draw one on most page views.
 */
const drawn = new DrawnCache<string>(4096);

/**
 * A QR code for an address, as SVG markup made by the `qrcode` package from an address the platform built (its
 * public base address and an edition's id): no person typed any of it, so the page may insert it as markup.
 * Error correction M: still read when a corner of the screen is glared or a head is in the way.
 */
export function qrCodeSvg(url: string): Promise<string> {
  return drawn.get(url, () => QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
}
