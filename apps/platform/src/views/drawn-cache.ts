/**
 * Things drawn on demand (QR codes, share cards), kept by key, the least recently asked for dropped first once more
 * than `kept` are held: a Map keeps insertion order, so its first key is the oldest. A drawing that fails is not
 * kept: the next request draws again.
 */
export class DrawnCache<T> {
  private readonly drawn = new Map<string, Promise<T>>();

  constructor(private readonly kept: number) {}

  get size(): number {
    return this.drawn.size;
  }

  get(key: string, draw: () => Promise<T>): Promise<T> {
    let drawing = this.drawn.get(key);
    if (drawing) {
      this.drawn.delete(key);
    } else {
      drawing = draw();
      drawing.catch(() => this.drawn.delete(key));
    }
    this.drawn.set(key, drawing);
    while (this.drawn.size > this.kept) this.drawn.delete(this.drawn.keys().next().value as string);
    return drawing;
  }
}
