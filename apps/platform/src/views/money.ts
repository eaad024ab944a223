// The one money formatter for people is the kernel's (Intl per language); views import it from here or from there.
export { formatMoney } from '@rw/kernel';
