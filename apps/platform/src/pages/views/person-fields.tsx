import { PERSON_NAME_MAX_LENGTH } from '@rw/fundraising';
import type { Translate } from '../../i18n';
import { Field, type FormView } from '../../views/field';

/**
 * A person's name and e-mail address, both required, as every public form asks them (donor, sponsor, captain,
 * walker): the same labels, autocomplete hints and the kernel's limit on a name.
 */
export function PersonFields({ form, t }: { form: FormView; t: Translate }) {
  const required = t('pages.required');
  return (
    <>
      <Field
        form={form}
        name="name"
        label={t('pages.name')}
        requiredNote={required}
        autocomplete="name"
        maxlength={PERSON_NAME_MAX_LENGTH}
      />
      <Field
        form={form}
        name="email"
        label={t('pages.email')}
        type="email"
        requiredNote={required}
        autocomplete="email"
      />
    </>
  );
}
