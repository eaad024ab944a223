import { Choices, ErrorSummary, Field, SelectField } from './field';
import { renderFragment } from './render';

const form = (values: Record<string, string>, errors: Record<string, string> = {}) => ({ values, errors });

describe('form fields', () => {
  it('ties a field’s hint and error to it, keeps the typed value and says it is required', () => {
    const html = renderFragment(
      <Field
        form={form({ name: 'Jan <b>' }, { name: 'Too long.' })}
        name="name"
        label="Naam"
        requiredNote="verplicht"
        hint="Zoals op je kaart."
        maxlength={5}
      />,
    );
    expect(html).toBe(
      '<div class="field"><label for="field-name">Naam <span class="hint">(verplicht)</span></label>' +
        '<p class="hint" id="field-name-hint">Zoals op je kaart.</p>' +
        '<input type="text" id="field-name" name="name" required aria-describedby="field-name-hint field-name-error" aria-invalid="true" maxlength="5" value="Jan &lt;b>"/>' +
        '<p class="field-error" id="field-name-error">Too long.</p></div>',
    );
  });

  it('writes a textarea’s value as its content, and leaves out what a field does not have', () => {
    expect(renderFragment(<Field form={form({ story: 'a < b' })} name="story" label="Verhaal" type="textarea" />)).toBe(
      '<div class="field"><label for="field-story">Verhaal</label><textarea id="field-story" name="story">a &lt; b</textarea></div>',
    );
  });

  it('selects the chosen option and ticks the chosen choice, each tied to the group’s error', () => {
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ];
    expect(
      renderFragment(<SelectField form={form({ pick: 'b' })} name="pick" label="Kies" options={options} />),
    ).toContain('<option value="a">A</option><option value="b" selected>B</option>');
    const choices = renderFragment(
      <Choices form={form({ pick: 'a' }, { pick: 'Kies er een.' })} name="pick" legend="Kies" options={options} />,
    );
    expect(choices).toContain('<fieldset aria-invalid="true"><legend>Kies</legend>');
    expect(choices).toContain(
      '<input type="radio" name="pick" id="field-pick-0" value="a" checked aria-describedby="field-pick-error"/> A',
    );
    expect(choices).toContain('<p class="field-error" id="field-pick-error">Kies er een.</p>');
  });

  it('sums up only a form that has errors', () => {
    expect(renderFragment(<ErrorSummary form={form({})} message="Fix it" />)).toBe('');
    expect(renderFragment(<ErrorSummary form={form({}, { a: 'x' })} message="Fix it" />)).toBe(
      '<p class="error-summary" role="alert">Fix it</p>',
    );
  });
});
