import { JsonIsland } from './json-island';
import { renderFragment } from './render';

describe('a JSON island for a page script', () => {
  it('holds the data as JSON that no value can close', () => {
    const data = { name: '</script><script>alert(1)</script>', quote: '"\'&' };
    const html = renderFragment(<JsonIsland id="words" data={data} />);
    expect(html).toMatch(/^<script type="application\/json" id="words">.*<\/script>$/);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script[^>]*>(.*)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(data);
  });
});
