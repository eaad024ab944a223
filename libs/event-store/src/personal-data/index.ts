export * from './donor-key-store';
export * from './personal-data-vault';
