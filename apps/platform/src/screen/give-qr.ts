import QRCode from 'qrcode';

/** QR codes already drawn, by address: a screen page is asked again and again for the same edition. */
const drawn = new Map<string, Promise<string>>();
const KEPT = 100;

/**
 * A QR code for an address, as SVG markup made by the `qrcode` package from an address the platform built (its
 * public base address and an edition's id): no person typed any of it, so the page may insert it as markup.
 * Error correction M: still read when a corner of the screen is glared or a head is in the way.
 */
export function qrCodeSvg(url: string): Promise<string> {
  let svg = drawn.get(url);
  if (!svg) {
    if (drawn.size >= KEPT) drawn.clear();
    svg = QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    drawn.set(url, svg);
    // a failure is not kept: the next page asks again
    svg.catch(() => drawn.delete(url));
  }
  return svg;
}
