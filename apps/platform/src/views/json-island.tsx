/**
 * Data for a page's script, in the page (`<script type="application/json">`): a browser never runs it, so the
 * content security policy has nothing to allow. JSON.stringify makes the text; `<` is written `\u003c` so that no
 * value, whoever typed it, can close the element. This is the only markup the component layer does not escape.
 */
export function JsonIsland({ id, data }: { id: string; data: unknown }) {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: json }} />;
}
