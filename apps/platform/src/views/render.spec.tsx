import { renderDocument, renderFragment } from './render';

function Greeting({ name }: { name: string }) {
  return (
    <p title={name} class="greeting">
      Hallo {name}
    </p>
  );
}

describe('the component layer', () => {
  it('escapes text and attributes by default', () => {
    const html = renderFragment(<Greeting name={'<script>alert("x")</script>'} />);
    expect(html).toBe(
      '<p title="&lt;script>alert(&quot;x&quot;)&lt;/script>" class="greeting">Hallo &lt;script>alert(&quot;x&quot;)&lt;/script></p>',
    );
    expect(html).not.toContain('<script');
  });

  it('starts a document with its doctype', () => {
    expect(
      renderDocument(
        <html lang="nl">
          <body />
        </html>,
      ),
    ).toBe('<!doctype html><html lang="nl"><body></body></html>');
  });
});
